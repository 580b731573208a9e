#!/usr/bin/env node
import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);
import{a as v,b as x,c as M,d as So,e as le,f as ge,g as Zg,h as ey,i as O,j as Z,k as zn,l as Aa,m as gi,n as ty,o as Ta}from"./chunk-NACYN6JN.js";import{a as wt,b as yi,c as L,d as Yu,e as ny,f as Ao}from"./chunk-UE7IPMKG.js";import{a as An,c as _,e as Kn}from"./chunk-WJYJ44JD.js";var To=_(Xu=>{var Ca=class extends Error{constructor(e,n,r){super(r),Error.captureStackTrace(this,this.constructor),this.name=this.constructor.name,this.code=n,this.exitCode=e,this.nestedError=void 0}},Ju=class extends Ca{constructor(e){super(1,"commander.invalidArgument",e),Error.captureStackTrace(this,this.constructor),this.name=this.constructor.name}};Xu.CommanderError=Ca;Xu.InvalidArgumentError=Ju});var Ea=_(Zu=>{var{InvalidArgumentError:IE}=To(),Qu=class{constructor(e,n){switch(this.description=n||"",this.variadic=!1,this.parseArg=void 0,this.defaultValue=void 0,this.defaultValueDescription=void 0,this.argChoices=void 0,e[0]){case"<":this.required=!0,this._name=e.slice(1,-1);break;case"[":this.required=!1,this._name=e.slice(1,-1);break;default:this.required=!0,this._name=e;break}this._name.endsWith("...")&&(this.variadic=!0,this._name=this._name.slice(0,-3))}name(){return this._name}_collectValue(e,n){return n===this.defaultValue||!Array.isArray(n)?[e]:(n.push(e),n)}default(e,n){return this.defaultValue=e,this.defaultValueDescription=n,this}argParser(e){return this.parseArg=e,this}choices(e){return this.argChoices=e.slice(),this.parseArg=(n,r)=>{if(!this.argChoices.includes(n))throw new IE(`Allowed choices are ${this.argChoices.join(", ")}.`);return this.variadic?this._collectValue(n,r):n},this}argRequired(){return this.required=!0,this}argOptional(){return this.required=!1,this}};function OE(t){let e=t.name()+(t.variadic===!0?"...":"");return t.required?"<"+e+">":"["+e+"]"}Zu.Argument=Qu;Zu.humanReadableArgName=OE});var nd=_(td=>{var{humanReadableArgName:PE}=Ea(),ed=class{constructor(){this.helpWidth=void 0,this.minWidthToWrap=40,this.sortSubcommands=!1,this.sortOptions=!1,this.showGlobalOptions=!1}prepareContext(e){this.helpWidth=this.helpWidth??e.helpWidth??80}visibleCommands(e){let n=e.commands.filter(i=>!i._hidden),r=e._getHelpCommand();return r&&!r._hidden&&n.push(r),this.sortSubcommands&&n.sort((i,o)=>i.name().localeCompare(o.name())),n}compareOptions(e,n){let r=i=>i.short?i.short.replace(/^-/,""):i.long.replace(/^--/,"");return r(e).localeCompare(r(n))}visibleOptions(e){let n=e.options.filter(i=>!i.hidden),r=e._getHelpOption();if(r&&!r.hidden){let i=r.short&&e._findOption(r.short),o=r.long&&e._findOption(r.long);!i&&!o?n.push(r):r.long&&!o?n.push(e.createOption(r.long,r.description)):r.short&&!i&&n.push(e.createOption(r.short,r.description))}return this.sortOptions&&n.sort(this.compareOptions),n}visibleGlobalOptions(e){if(!this.showGlobalOptions)return[];let n=[];for(let r=e.parent;r;r=r.parent){let i=r.options.filter(o=>!o.hidden);n.push(...i)}return this.sortOptions&&n.sort(this.compareOptions),n}visibleArguments(e){return e._argsDescription&&e.registeredArguments.forEach(n=>{n.description=n.description||e._argsDescription[n.name()]||""}),e.registeredArguments.find(n=>n.description)?e.registeredArguments:[]}subcommandTerm(e){let n=e.registeredArguments.map(r=>PE(r)).join(" ");return e._name+(e._aliases[0]?"|"+e._aliases[0]:"")+(e.options.length?" [options]":"")+(n?" "+n:"")}optionTerm(e){return e.flags}argumentTerm(e){return e.name()}longestSubcommandTermLength(e,n){return n.visibleCommands(e).reduce((r,i)=>Math.max(r,this.displayWidth(n.styleSubcommandTerm(n.subcommandTerm(i)))),0)}longestOptionTermLength(e,n){return n.visibleOptions(e).reduce((r,i)=>Math.max(r,this.displayWidth(n.styleOptionTerm(n.optionTerm(i)))),0)}longestGlobalOptionTermLength(e,n){return n.visibleGlobalOptions(e).reduce((r,i)=>Math.max(r,this.displayWidth(n.styleOptionTerm(n.optionTerm(i)))),0)}longestArgumentTermLength(e,n){return n.visibleArguments(e).reduce((r,i)=>Math.max(r,this.displayWidth(n.styleArgumentTerm(n.argumentTerm(i)))),0)}commandUsage(e){let n=e._name;e._aliases[0]&&(n=n+"|"+e._aliases[0]);let r="";for(let i=e.parent;i;i=i.parent)r=i.name()+" "+r;return r+n+" "+e.usage()}commandDescription(e){return e.description()}subcommandDescription(e){return e.summary()||e.description()}optionDescription(e){let n=[];if(e.argChoices&&n.push(`choices: ${e.argChoices.map(r=>JSON.stringify(r)).join(", ")}`),e.defaultValue!==void 0&&(e.required||e.optional||e.isBoolean()&&typeof e.defaultValue=="boolean")&&n.push(`default: ${e.defaultValueDescription||JSON.stringify(e.defaultValue)}`),e.presetArg!==void 0&&e.optional&&n.push(`preset: ${JSON.stringify(e.presetArg)}`),e.envVar!==void 0&&n.push(`env: ${e.envVar}`),n.length>0){let r=`(${n.join(", ")})`;return e.description?`${e.description} ${r}`:r}return e.description}argumentDescription(e){let n=[];if(e.argChoices&&n.push(`choices: ${e.argChoices.map(r=>JSON.stringify(r)).join(", ")}`),e.defaultValue!==void 0&&n.push(`default: ${e.defaultValueDescription||JSON.stringify(e.defaultValue)}`),n.length>0){let r=`(${n.join(", ")})`;return e.description?`${e.description} ${r}`:r}return e.description}formatItemList(e,n,r){return n.length===0?[]:[r.styleTitle(e),...n,""]}groupItems(e,n,r){let i=new Map;return e.forEach(o=>{let s=r(o);i.has(s)||i.set(s,[])}),n.forEach(o=>{let s=r(o);i.has(s)||i.set(s,[]),i.get(s).push(o)}),i}formatHelp(e,n){let r=n.padWidth(e,n),i=n.helpWidth??80;function o(d,f){return n.formatItem(d,r,f,n)}let s=[`${n.styleTitle("Usage:")} ${n.styleUsage(n.commandUsage(e))}`,""],a=n.commandDescription(e);a.length>0&&(s=s.concat([n.boxWrap(n.styleCommandDescription(a),i),""]));let l=n.visibleArguments(e).map(d=>o(n.styleArgumentTerm(n.argumentTerm(d)),n.styleArgumentDescription(n.argumentDescription(d))));if(s=s.concat(this.formatItemList("Arguments:",l,n)),this.groupItems(e.options,n.visibleOptions(e),d=>d.helpGroupHeading??"Options:").forEach((d,f)=>{let p=d.map(h=>o(n.styleOptionTerm(n.optionTerm(h)),n.styleOptionDescription(n.optionDescription(h))));s=s.concat(this.formatItemList(f,p,n))}),n.showGlobalOptions){let d=n.visibleGlobalOptions(e).map(f=>o(n.styleOptionTerm(n.optionTerm(f)),n.styleOptionDescription(n.optionDescription(f))));s=s.concat(this.formatItemList("Global Options:",d,n))}return this.groupItems(e.commands,n.visibleCommands(e),d=>d.helpGroup()||"Commands:").forEach((d,f)=>{let p=d.map(h=>o(n.styleSubcommandTerm(n.subcommandTerm(h)),n.styleSubcommandDescription(n.subcommandDescription(h))));s=s.concat(this.formatItemList(f,p,n))}),s.join(`
`)}displayWidth(e){return iy(e).length}styleTitle(e){return e}styleUsage(e){return e.split(" ").map(n=>n==="[options]"?this.styleOptionText(n):n==="[command]"?this.styleSubcommandText(n):n[0]==="["||n[0]==="<"?this.styleArgumentText(n):this.styleCommandText(n)).join(" ")}styleCommandDescription(e){return this.styleDescriptionText(e)}styleOptionDescription(e){return this.styleDescriptionText(e)}styleSubcommandDescription(e){return this.styleDescriptionText(e)}styleArgumentDescription(e){return this.styleDescriptionText(e)}styleDescriptionText(e){return e}styleOptionTerm(e){return this.styleOptionText(e)}styleSubcommandTerm(e){return e.split(" ").map(n=>n==="[options]"?this.styleOptionText(n):n[0]==="["||n[0]==="<"?this.styleArgumentText(n):this.styleSubcommandText(n)).join(" ")}styleArgumentTerm(e){return this.styleArgumentText(e)}styleOptionText(e){return e}styleArgumentText(e){return e}styleSubcommandText(e){return e}styleCommandText(e){return e}padWidth(e,n){return Math.max(n.longestOptionTermLength(e,n),n.longestGlobalOptionTermLength(e,n),n.longestSubcommandTermLength(e,n),n.longestArgumentTermLength(e,n))}preformatted(e){return/\n[^\S\r\n]/.test(e)}formatItem(e,n,r,i){let s=" ".repeat(2);if(!r)return s+e;let a=e.padEnd(n+e.length-i.displayWidth(e)),l=2,u=(this.helpWidth??80)-n-l-2,d;return u<this.minWidthToWrap||i.preformatted(r)?d=r:d=i.boxWrap(r,u).replace(/\n/g,`
`+" ".repeat(n+l)),s+a+" ".repeat(l)+d.replace(/\n/g,`
${s}`)}boxWrap(e,n){if(n<this.minWidthToWrap)return e;let r=e.split(/\r\n|\n/),i=/[\s]*[^\s]+/g,o=[];return r.forEach(s=>{let a=s.match(i);if(a===null){o.push("");return}let l=[a.shift()],c=this.displayWidth(l[0]);a.forEach(u=>{let d=this.displayWidth(u);if(c+d<=n){l.push(u),c+=d;return}o.push(l.join(""));let f=u.trimStart();l=[f],c=this.displayWidth(f)}),o.push(l.join(""))}),o.join(`
`)}};function iy(t){let e=/\x1b\[\d*(;\d*)*m/g;return t.replace(e,"")}td.Help=ed;td.stripColor=iy});var sd=_(od=>{var{InvalidArgumentError:NE}=To(),rd=class{constructor(e,n){this.flags=e,this.description=n||"",this.required=e.includes("<"),this.optional=e.includes("["),this.variadic=/\w\.\.\.[>\]]$/.test(e),this.mandatory=!1;let r=LE(e);this.short=r.shortFlag,this.long=r.longFlag,this.negate=!1,this.long&&(this.negate=this.long.startsWith("--no-")),this.defaultValue=void 0,this.defaultValueDescription=void 0,this.presetArg=void 0,this.envVar=void 0,this.parseArg=void 0,this.hidden=!1,this.argChoices=void 0,this.conflictsWith=[],this.implied=void 0,this.helpGroupHeading=void 0}default(e,n){return this.defaultValue=e,this.defaultValueDescription=n,this}preset(e){return this.presetArg=e,this}conflicts(e){return this.conflictsWith=this.conflictsWith.concat(e),this}implies(e){let n=e;return typeof e=="string"&&(n={[e]:!0}),this.implied=Object.assign(this.implied||{},n),this}env(e){return this.envVar=e,this}argParser(e){return this.parseArg=e,this}makeOptionMandatory(e=!0){return this.mandatory=!!e,this}hideHelp(e=!0){return this.hidden=!!e,this}_collectValue(e,n){return n===this.defaultValue||!Array.isArray(n)?[e]:(n.push(e),n)}choices(e){return this.argChoices=e.slice(),this.parseArg=(n,r)=>{if(!this.argChoices.includes(n))throw new NE(`Allowed choices are ${this.argChoices.join(", ")}.`);return this.variadic?this._collectValue(n,r):n},this}name(){return this.long?this.long.replace(/^--/,""):this.short.replace(/^-/,"")}attributeName(){return this.negate?oy(this.name().replace(/^no-/,"")):oy(this.name())}helpGroup(e){return this.helpGroupHeading=e,this}is(e){return this.short===e||this.long===e}isBoolean(){return!this.required&&!this.optional&&!this.negate}},id=class{constructor(e){this.positiveOptions=new Map,this.negativeOptions=new Map,this.dualOptions=new Set,e.forEach(n=>{n.negate?this.negativeOptions.set(n.attributeName(),n):this.positiveOptions.set(n.attributeName(),n)}),this.negativeOptions.forEach((n,r)=>{this.positiveOptions.has(r)&&this.dualOptions.add(r)})}valueFromOption(e,n){let r=n.attributeName();if(!this.dualOptions.has(r))return!0;let i=this.negativeOptions.get(r).presetArg,o=i!==void 0?i:!1;return n.negate===(o===e)}};function oy(t){return t.split("-").reduce((e,n)=>e+n[0].toUpperCase()+n.slice(1))}function LE(t){let e,n,r=/^-[^-]$/,i=/^--[^-]/,o=t.split(/[ |,]+/).concat("guard");if(r.test(o[0])&&(e=o.shift()),i.test(o[0])&&(n=o.shift()),!e&&r.test(o[0])&&(e=o.shift()),!e&&i.test(o[0])&&(e=n,n=o.shift()),o[0].startsWith("-")){let s=o[0],a=`option creation failed due to '${s}' in option flags '${t}'`;throw/^-[^-][^-]/.test(s)?new Error(`${a}
- a short flag is a single dash and a single character
  - either use a single dash and a single character (for a short flag)
  - or use a double dash for a long option (and can have two, like '--ws, --workspace')`):r.test(s)?new Error(`${a}
- too many short flags`):i.test(s)?new Error(`${a}
- too many long flags`):new Error(`${a}
- unrecognised flag format`)}if(e===void 0&&n===void 0)throw new Error(`option creation failed due to no flags found in '${t}'.`);return{shortFlag:e,longFlag:n}}od.Option=rd;od.DualOptions=id});var ay=_(sy=>{function DE(t,e){if(Math.abs(t.length-e.length)>3)return Math.max(t.length,e.length);let n=[];for(let r=0;r<=t.length;r++)n[r]=[r];for(let r=0;r<=e.length;r++)n[0][r]=r;for(let r=1;r<=e.length;r++)for(let i=1;i<=t.length;i++){let o=1;t[i-1]===e[r-1]?o=0:o=1,n[i][r]=Math.min(n[i-1][r]+1,n[i][r-1]+1,n[i-1][r-1]+o),i>1&&r>1&&t[i-1]===e[r-2]&&t[i-2]===e[r-1]&&(n[i][r]=Math.min(n[i][r],n[i-2][r-2]+1))}return n[t.length][e.length]}function ME(t,e){if(!e||e.length===0)return"";e=Array.from(new Set(e));let n=t.startsWith("--");n&&(t=t.slice(2),e=e.map(s=>s.slice(2)));let r=[],i=3,o=.4;return e.forEach(s=>{if(s.length<=1)return;let a=DE(t,s),l=Math.max(t.length,s.length);(l-a)/l>o&&(a<i?(i=a,r=[s]):a===i&&r.push(s))}),r.sort((s,a)=>s.localeCompare(a)),n&&(r=r.map(s=>`--${s}`)),r.length>1?`
(Did you mean one of ${r.join(", ")}?)`:r.length===1?`
(Did you mean ${r[0]}?)`:""}sy.suggestSimilar=ME});var dy=_(dd=>{var VE=An("node:events").EventEmitter,ad=An("node:child_process"),Tn=An("node:path"),$a=An("node:fs"),de=An("node:process"),{Argument:FE,humanReadableArgName:jE}=Ea(),{CommanderError:ld}=To(),{Help:WE,stripColor:qE}=nd(),{Option:ly,DualOptions:GE}=sd(),{suggestSimilar:cy}=ay(),cd=class t extends VE{constructor(e){super(),this.commands=[],this.options=[],this.parent=null,this._allowUnknownOption=!1,this._allowExcessArguments=!1,this.registeredArguments=[],this._args=this.registeredArguments,this.args=[],this.rawArgs=[],this.processedArgs=[],this._scriptPath=null,this._name=e||"",this._optionValues={},this._optionValueSources={},this._storeOptionsAsProperties=!1,this._actionHandler=null,this._executableHandler=!1,this._executableFile=null,this._executableDir=null,this._defaultCommandName=null,this._exitCallback=null,this._aliases=[],this._combineFlagAndOptionalValue=!0,this._description="",this._summary="",this._argsDescription=void 0,this._enablePositionalOptions=!1,this._passThroughOptions=!1,this._lifeCycleHooks={},this._showHelpAfterError=!1,this._showSuggestionAfterError=!0,this._savedState=null,this._outputConfiguration={writeOut:n=>de.stdout.write(n),writeErr:n=>de.stderr.write(n),outputError:(n,r)=>r(n),getOutHelpWidth:()=>de.stdout.isTTY?de.stdout.columns:void 0,getErrHelpWidth:()=>de.stderr.isTTY?de.stderr.columns:void 0,getOutHasColors:()=>ud()??(de.stdout.isTTY&&de.stdout.hasColors?.()),getErrHasColors:()=>ud()??(de.stderr.isTTY&&de.stderr.hasColors?.()),stripColor:n=>qE(n)},this._hidden=!1,this._helpOption=void 0,this._addImplicitHelpCommand=void 0,this._helpCommand=void 0,this._helpConfiguration={},this._helpGroupHeading=void 0,this._defaultCommandGroup=void 0,this._defaultOptionGroup=void 0}copyInheritedSettings(e){return this._outputConfiguration=e._outputConfiguration,this._helpOption=e._helpOption,this._helpCommand=e._helpCommand,this._helpConfiguration=e._helpConfiguration,this._exitCallback=e._exitCallback,this._storeOptionsAsProperties=e._storeOptionsAsProperties,this._combineFlagAndOptionalValue=e._combineFlagAndOptionalValue,this._allowExcessArguments=e._allowExcessArguments,this._enablePositionalOptions=e._enablePositionalOptions,this._showHelpAfterError=e._showHelpAfterError,this._showSuggestionAfterError=e._showSuggestionAfterError,this}_getCommandAndAncestors(){let e=[];for(let n=this;n;n=n.parent)e.push(n);return e}command(e,n,r){let i=n,o=r;typeof i=="object"&&i!==null&&(o=i,i=null),o=o||{};let[,s,a]=e.match(/([^ ]+) *(.*)/),l=this.createCommand(s);return i&&(l.description(i),l._executableHandler=!0),o.isDefault&&(this._defaultCommandName=l._name),l._hidden=!!(o.noHelp||o.hidden),l._executableFile=o.executableFile||null,a&&l.arguments(a),this._registerCommand(l),l.parent=this,l.copyInheritedSettings(this),i?this:l}createCommand(e){return new t(e)}createHelp(){return Object.assign(new WE,this.configureHelp())}configureHelp(e){return e===void 0?this._helpConfiguration:(this._helpConfiguration=e,this)}configureOutput(e){return e===void 0?this._outputConfiguration:(this._outputConfiguration={...this._outputConfiguration,...e},this)}showHelpAfterError(e=!0){return typeof e!="string"&&(e=!!e),this._showHelpAfterError=e,this}showSuggestionAfterError(e=!0){return this._showSuggestionAfterError=!!e,this}addCommand(e,n){if(!e._name)throw new Error(`Command passed to .addCommand() must have a name
- specify the name in Command constructor or using .name()`);return n=n||{},n.isDefault&&(this._defaultCommandName=e._name),(n.noHelp||n.hidden)&&(e._hidden=!0),this._registerCommand(e),e.parent=this,e._checkForBrokenPassThrough(),this}createArgument(e,n){return new FE(e,n)}argument(e,n,r,i){let o=this.createArgument(e,n);return typeof r=="function"?o.default(i).argParser(r):o.default(r),this.addArgument(o),this}arguments(e){return e.trim().split(/ +/).forEach(n=>{this.argument(n)}),this}addArgument(e){let n=this.registeredArguments.slice(-1)[0];if(n?.variadic)throw new Error(`only the last argument can be variadic '${n.name()}'`);if(e.required&&e.defaultValue!==void 0&&e.parseArg===void 0)throw new Error(`a default value for a required argument is never used: '${e.name()}'`);return this.registeredArguments.push(e),this}helpCommand(e,n){if(typeof e=="boolean")return this._addImplicitHelpCommand=e,e&&this._defaultCommandGroup&&this._initCommandGroup(this._getHelpCommand()),this;let r=e??"help [command]",[,i,o]=r.match(/([^ ]+) *(.*)/),s=n??"display help for command",a=this.createCommand(i);return a.helpOption(!1),o&&a.arguments(o),s&&a.description(s),this._addImplicitHelpCommand=!0,this._helpCommand=a,(e||n)&&this._initCommandGroup(a),this}addHelpCommand(e,n){return typeof e!="object"?(this.helpCommand(e,n),this):(this._addImplicitHelpCommand=!0,this._helpCommand=e,this._initCommandGroup(e),this)}_getHelpCommand(){return this._addImplicitHelpCommand??(this.commands.length&&!this._actionHandler&&!this._findCommand("help"))?(this._helpCommand===void 0&&this.helpCommand(void 0,void 0),this._helpCommand):null}hook(e,n){let r=["preSubcommand","preAction","postAction"];if(!r.includes(e))throw new Error(`Unexpected value for event passed to hook : '${e}'.
Expecting one of '${r.join("', '")}'`);return this._lifeCycleHooks[e]?this._lifeCycleHooks[e].push(n):this._lifeCycleHooks[e]=[n],this}exitOverride(e){return e?this._exitCallback=e:this._exitCallback=n=>{if(n.code!=="commander.executeSubCommandAsync")throw n},this}_exit(e,n,r){this._exitCallback&&this._exitCallback(new ld(e,n,r)),de.exit(e)}action(e){let n=r=>{let i=this.registeredArguments.length,o=r.slice(0,i);return this._storeOptionsAsProperties?o[i]=this:o[i]=this.opts(),o.push(this),e.apply(this,o)};return this._actionHandler=n,this}createOption(e,n){return new ly(e,n)}_callParseArg(e,n,r,i){try{return e.parseArg(n,r)}catch(o){if(o.code==="commander.invalidArgument"){let s=`${i} ${o.message}`;this.error(s,{exitCode:o.exitCode,code:o.code})}throw o}}_registerOption(e){let n=e.short&&this._findOption(e.short)||e.long&&this._findOption(e.long);if(n){let r=e.long&&this._findOption(e.long)?e.long:e.short;throw new Error(`Cannot add option '${e.flags}'${this._name&&` to command '${this._name}'`} due to conflicting flag '${r}'
-  already used by option '${n.flags}'`)}this._initOptionGroup(e),this.options.push(e)}_registerCommand(e){let n=i=>[i.name()].concat(i.aliases()),r=n(e).find(i=>this._findCommand(i));if(r){let i=n(this._findCommand(r)).join("|"),o=n(e).join("|");throw new Error(`cannot add command '${o}' as already have command '${i}'`)}this._initCommandGroup(e),this.commands.push(e)}addOption(e){this._registerOption(e);let n=e.name(),r=e.attributeName();if(e.negate){let o=e.long.replace(/^--no-/,"--");this._findOption(o)||this.setOptionValueWithSource(r,e.defaultValue===void 0?!0:e.defaultValue,"default")}else e.defaultValue!==void 0&&this.setOptionValueWithSource(r,e.defaultValue,"default");let i=(o,s,a)=>{o==null&&e.presetArg!==void 0&&(o=e.presetArg);let l=this.getOptionValue(r);o!==null&&e.parseArg?o=this._callParseArg(e,o,l,s):o!==null&&e.variadic&&(o=e._collectValue(o,l)),o==null&&(e.negate?o=!1:e.isBoolean()||e.optional?o=!0:o=""),this.setOptionValueWithSource(r,o,a)};return this.on("option:"+n,o=>{let s=`error: option '${e.flags}' argument '${o}' is invalid.`;i(o,s,"cli")}),e.envVar&&this.on("optionEnv:"+n,o=>{let s=`error: option '${e.flags}' value '${o}' from env '${e.envVar}' is invalid.`;i(o,s,"env")}),this}_optionEx(e,n,r,i,o){if(typeof n=="object"&&n instanceof ly)throw new Error("To add an Option object use addOption() instead of option() or requiredOption()");let s=this.createOption(n,r);if(s.makeOptionMandatory(!!e.mandatory),typeof i=="function")s.default(o).argParser(i);else if(i instanceof RegExp){let a=i;i=(l,c)=>{let u=a.exec(l);return u?u[0]:c},s.default(o).argParser(i)}else s.default(i);return this.addOption(s)}option(e,n,r,i){return this._optionEx({},e,n,r,i)}requiredOption(e,n,r,i){return this._optionEx({mandatory:!0},e,n,r,i)}combineFlagAndOptionalValue(e=!0){return this._combineFlagAndOptionalValue=!!e,this}allowUnknownOption(e=!0){return this._allowUnknownOption=!!e,this}allowExcessArguments(e=!0){return this._allowExcessArguments=!!e,this}enablePositionalOptions(e=!0){return this._enablePositionalOptions=!!e,this}passThroughOptions(e=!0){return this._passThroughOptions=!!e,this._checkForBrokenPassThrough(),this}_checkForBrokenPassThrough(){if(this.parent&&this._passThroughOptions&&!this.parent._enablePositionalOptions)throw new Error(`passThroughOptions cannot be used for '${this._name}' without turning on enablePositionalOptions for parent command(s)`)}storeOptionsAsProperties(e=!0){if(this.options.length)throw new Error("call .storeOptionsAsProperties() before adding options");if(Object.keys(this._optionValues).length)throw new Error("call .storeOptionsAsProperties() before setting option values");return this._storeOptionsAsProperties=!!e,this}getOptionValue(e){return this._storeOptionsAsProperties?this[e]:this._optionValues[e]}setOptionValue(e,n){return this.setOptionValueWithSource(e,n,void 0)}setOptionValueWithSource(e,n,r){return this._storeOptionsAsProperties?this[e]=n:this._optionValues[e]=n,this._optionValueSources[e]=r,this}getOptionValueSource(e){return this._optionValueSources[e]}getOptionValueSourceWithGlobals(e){let n;return this._getCommandAndAncestors().forEach(r=>{r.getOptionValueSource(e)!==void 0&&(n=r.getOptionValueSource(e))}),n}_prepareUserArgs(e,n){if(e!==void 0&&!Array.isArray(e))throw new Error("first parameter to parse must be array or undefined");if(n=n||{},e===void 0&&n.from===void 0){de.versions?.electron&&(n.from="electron");let i=de.execArgv??[];(i.includes("-e")||i.includes("--eval")||i.includes("-p")||i.includes("--print"))&&(n.from="eval")}e===void 0&&(e=de.argv),this.rawArgs=e.slice();let r;switch(n.from){case void 0:case"node":this._scriptPath=e[1],r=e.slice(2);break;case"electron":de.defaultApp?(this._scriptPath=e[1],r=e.slice(2)):r=e.slice(1);break;case"user":r=e.slice(0);break;case"eval":r=e.slice(1);break;default:throw new Error(`unexpected parse option { from: '${n.from}' }`)}return!this._name&&this._scriptPath&&this.nameFromFilename(this._scriptPath),this._name=this._name||"program",r}parse(e,n){this._prepareForParse();let r=this._prepareUserArgs(e,n);return this._parseCommand([],r),this}async parseAsync(e,n){this._prepareForParse();let r=this._prepareUserArgs(e,n);return await this._parseCommand([],r),this}_prepareForParse(){this._savedState===null?this.saveStateBeforeParse():this.restoreStateBeforeParse()}saveStateBeforeParse(){this._savedState={_name:this._name,_optionValues:{...this._optionValues},_optionValueSources:{...this._optionValueSources}}}restoreStateBeforeParse(){if(this._storeOptionsAsProperties)throw new Error(`Can not call parse again when storeOptionsAsProperties is true.
- either make a new Command for each call to parse, or stop storing options as properties`);this._name=this._savedState._name,this._scriptPath=null,this.rawArgs=[],this._optionValues={...this._savedState._optionValues},this._optionValueSources={...this._savedState._optionValueSources},this.args=[],this.processedArgs=[]}_checkForMissingExecutable(e,n,r){if($a.existsSync(e))return;let i=n?`searched for local subcommand relative to directory '${n}'`:"no directory for search for local subcommand, use .executableDir() to supply a custom directory",o=`'${e}' does not exist
 - if '${r}' is not meant to be an executable command, remove description parameter from '.command()' and use '.description()' instead
 - if the default executable name is not suitable, use the executableFile option to supply a custom name or path
 - ${i}`;throw new Error(o)}_executeSubCommand(e,n){n=n.slice();let r=!1,i=[".js",".ts",".tsx",".mjs",".cjs"];function o(u,d){let f=Tn.resolve(u,d);if($a.existsSync(f))return f;if(i.includes(Tn.extname(d)))return;let p=i.find(h=>$a.existsSync(`${f}${h}`));if(p)return`${f}${p}`}this._checkForMissingMandatoryOptions(),this._checkForConflictingOptions();let s=e._executableFile||`${this._name}-${e._name}`,a=this._executableDir||"";if(this._scriptPath){let u;try{u=$a.realpathSync(this._scriptPath)}catch{u=this._scriptPath}a=Tn.resolve(Tn.dirname(u),a)}if(a){let u=o(a,s);if(!u&&!e._executableFile&&this._scriptPath){let d=Tn.basename(this._scriptPath,Tn.extname(this._scriptPath));d!==this._name&&(u=o(a,`${d}-${e._name}`))}s=u||s}r=i.includes(Tn.extname(s));let l;de.platform!=="win32"?r?(n.unshift(s),n=uy(de.execArgv).concat(n),l=ad.spawn(de.argv[0],n,{stdio:"inherit"})):l=ad.spawn(s,n,{stdio:"inherit"}):(this._checkForMissingExecutable(s,a,e._name),n.unshift(s),n=uy(de.execArgv).concat(n),l=ad.spawn(de.execPath,n,{stdio:"inherit"})),l.killed||["SIGUSR1","SIGUSR2","SIGTERM","SIGINT","SIGHUP"].forEach(d=>{de.on(d,()=>{l.killed===!1&&l.exitCode===null&&l.kill(d)})});let c=this._exitCallback;l.on("close",u=>{u=u??1,c?c(new ld(u,"commander.executeSubCommandAsync","(close)")):de.exit(u)}),l.on("error",u=>{if(u.code==="ENOENT")this._checkForMissingExecutable(s,a,e._name);else if(u.code==="EACCES")throw new Error(`'${s}' not executable`);if(!c)de.exit(1);else{let d=new ld(1,"commander.executeSubCommandAsync","(error)");d.nestedError=u,c(d)}}),this.runningCommand=l}_dispatchSubcommand(e,n,r){let i=this._findCommand(e);i||this.help({error:!0}),i._prepareForParse();let o;return o=this._chainOrCallSubCommandHook(o,i,"preSubcommand"),o=this._chainOrCall(o,()=>{if(i._executableHandler)this._executeSubCommand(i,n.concat(r));else return i._parseCommand(n,r)}),o}_dispatchHelpCommand(e){e||this.help();let n=this._findCommand(e);return n&&!n._executableHandler&&n.help(),this._dispatchSubcommand(e,[],[this._getHelpOption()?.long??this._getHelpOption()?.short??"--help"])}_checkNumberOfArguments(){this.registeredArguments.forEach((e,n)=>{e.required&&this.args[n]==null&&this.missingArgument(e.name())}),!(this.registeredArguments.length>0&&this.registeredArguments[this.registeredArguments.length-1].variadic)&&this.args.length>this.registeredArguments.length&&this._excessArguments(this.args)}_processArguments(){let e=(r,i,o)=>{let s=i;if(i!==null&&r.parseArg){let a=`error: command-argument value '${i}' is invalid for argument '${r.name()}'.`;s=this._callParseArg(r,i,o,a)}return s};this._checkNumberOfArguments();let n=[];this.registeredArguments.forEach((r,i)=>{let o=r.defaultValue;r.variadic?i<this.args.length?(o=this.args.slice(i),r.parseArg&&(o=o.reduce((s,a)=>e(r,a,s),r.defaultValue))):o===void 0&&(o=[]):i<this.args.length&&(o=this.args[i],r.parseArg&&(o=e(r,o,r.defaultValue))),n[i]=o}),this.processedArgs=n}_chainOrCall(e,n){return e?.then&&typeof e.then=="function"?e.then(()=>n()):n()}_chainOrCallHooks(e,n){let r=e,i=[];return this._getCommandAndAncestors().reverse().filter(o=>o._lifeCycleHooks[n]!==void 0).forEach(o=>{o._lifeCycleHooks[n].forEach(s=>{i.push({hookedCommand:o,callback:s})})}),n==="postAction"&&i.reverse(),i.forEach(o=>{r=this._chainOrCall(r,()=>o.callback(o.hookedCommand,this))}),r}_chainOrCallSubCommandHook(e,n,r){let i=e;return this._lifeCycleHooks[r]!==void 0&&this._lifeCycleHooks[r].forEach(o=>{i=this._chainOrCall(i,()=>o(this,n))}),i}_parseCommand(e,n){let r=this.parseOptions(n);if(this._parseOptionsEnv(),this._parseOptionsImplied(),e=e.concat(r.operands),n=r.unknown,this.args=e.concat(n),e&&this._findCommand(e[0]))return this._dispatchSubcommand(e[0],e.slice(1),n);if(this._getHelpCommand()&&e[0]===this._getHelpCommand().name())return this._dispatchHelpCommand(e[1]);if(this._defaultCommandName)return this._outputHelpIfRequested(n),this._dispatchSubcommand(this._defaultCommandName,e,n);this.commands.length&&this.args.length===0&&!this._actionHandler&&!this._defaultCommandName&&this.help({error:!0}),this._outputHelpIfRequested(r.unknown),this._checkForMissingMandatoryOptions(),this._checkForConflictingOptions();let i=()=>{r.unknown.length>0&&this.unknownOption(r.unknown[0])},o=`command:${this.name()}`;if(this._actionHandler){i(),this._processArguments();let s;return s=this._chainOrCallHooks(s,"preAction"),s=this._chainOrCall(s,()=>this._actionHandler(this.processedArgs)),this.parent&&(s=this._chainOrCall(s,()=>{this.parent.emit(o,e,n)})),s=this._chainOrCallHooks(s,"postAction"),s}if(this.parent?.listenerCount(o))i(),this._processArguments(),this.parent.emit(o,e,n);else if(e.length){if(this._findCommand("*"))return this._dispatchSubcommand("*",e,n);this.listenerCount("command:*")?this.emit("command:*",e,n):this.commands.length?this.unknownCommand():(i(),this._processArguments())}else this.commands.length?(i(),this.help({error:!0})):(i(),this._processArguments())}_findCommand(e){if(e)return this.commands.find(n=>n._name===e||n._aliases.includes(e))}_findOption(e){return this.options.find(n=>n.is(e))}_checkForMissingMandatoryOptions(){this._getCommandAndAncestors().forEach(e=>{e.options.forEach(n=>{n.mandatory&&e.getOptionValue(n.attributeName())===void 0&&e.missingMandatoryOptionValue(n)})})}_checkForConflictingLocalOptions(){let e=this.options.filter(r=>{let i=r.attributeName();return this.getOptionValue(i)===void 0?!1:this.getOptionValueSource(i)!=="default"});e.filter(r=>r.conflictsWith.length>0).forEach(r=>{let i=e.find(o=>r.conflictsWith.includes(o.attributeName()));i&&this._conflictingOption(r,i)})}_checkForConflictingOptions(){this._getCommandAndAncestors().forEach(e=>{e._checkForConflictingLocalOptions()})}parseOptions(e){let n=[],r=[],i=n;function o(u){return u.length>1&&u[0]==="-"}let s=u=>/^-(\d+|\d*\.\d+)(e[+-]?\d+)?$/.test(u)?!this._getCommandAndAncestors().some(d=>d.options.map(f=>f.short).some(f=>/^-\d$/.test(f))):!1,a=null,l=null,c=0;for(;c<e.length||l;){let u=l??e[c++];if(l=null,u==="--"){i===r&&i.push(u),i.push(...e.slice(c));break}if(a&&(!o(u)||s(u))){this.emit(`option:${a.name()}`,u);continue}if(a=null,o(u)){let d=this._findOption(u);if(d){if(d.required){let f=e[c++];f===void 0&&this.optionMissingArgument(d),this.emit(`option:${d.name()}`,f)}else if(d.optional){let f=null;c<e.length&&(!o(e[c])||s(e[c]))&&(f=e[c++]),this.emit(`option:${d.name()}`,f)}else this.emit(`option:${d.name()}`);a=d.variadic?d:null;continue}}if(u.length>2&&u[0]==="-"&&u[1]!=="-"){let d=this._findOption(`-${u[1]}`);if(d){d.required||d.optional&&this._combineFlagAndOptionalValue?this.emit(`option:${d.name()}`,u.slice(2)):(this.emit(`option:${d.name()}`),l=`-${u.slice(2)}`);continue}}if(/^--[^=]+=/.test(u)){let d=u.indexOf("="),f=this._findOption(u.slice(0,d));if(f&&(f.required||f.optional)){this.emit(`option:${f.name()}`,u.slice(d+1));continue}}if(i===n&&o(u)&&!(this.commands.length===0&&s(u))&&(i=r),(this._enablePositionalOptions||this._passThroughOptions)&&n.length===0&&r.length===0){if(this._findCommand(u)){n.push(u),r.push(...e.slice(c));break}else if(this._getHelpCommand()&&u===this._getHelpCommand().name()){n.push(u,...e.slice(c));break}else if(this._defaultCommandName){r.push(u,...e.slice(c));break}}if(this._passThroughOptions){i.push(u,...e.slice(c));break}i.push(u)}return{operands:n,unknown:r}}opts(){if(this._storeOptionsAsProperties){let e={},n=this.options.length;for(let r=0;r<n;r++){let i=this.options[r].attributeName();e[i]=i===this._versionOptionName?this._version:this[i]}return e}return this._optionValues}optsWithGlobals(){return this._getCommandAndAncestors().reduce((e,n)=>Object.assign(e,n.opts()),{})}error(e,n){this._outputConfiguration.outputError(`${e}
`,this._outputConfiguration.writeErr),typeof this._showHelpAfterError=="string"?this._outputConfiguration.writeErr(`${this._showHelpAfterError}
`):this._showHelpAfterError&&(this._outputConfiguration.writeErr(`
`),this.outputHelp({error:!0}));let r=n||{},i=r.exitCode||1,o=r.code||"commander.error";this._exit(i,o,e)}_parseOptionsEnv(){this.options.forEach(e=>{if(e.envVar&&e.envVar in de.env){let n=e.attributeName();(this.getOptionValue(n)===void 0||["default","config","env"].includes(this.getOptionValueSource(n)))&&(e.required||e.optional?this.emit(`optionEnv:${e.name()}`,de.env[e.envVar]):this.emit(`optionEnv:${e.name()}`))}})}_parseOptionsImplied(){let e=new GE(this.options),n=r=>this.getOptionValue(r)!==void 0&&!["default","implied"].includes(this.getOptionValueSource(r));this.options.filter(r=>r.implied!==void 0&&n(r.attributeName())&&e.valueFromOption(this.getOptionValue(r.attributeName()),r)).forEach(r=>{Object.keys(r.implied).filter(i=>!n(i)).forEach(i=>{this.setOptionValueWithSource(i,r.implied[i],"implied")})})}missingArgument(e){let n=`error: missing required argument '${e}'`;this.error(n,{code:"commander.missingArgument"})}optionMissingArgument(e){let n=`error: option '${e.flags}' argument missing`;this.error(n,{code:"commander.optionMissingArgument"})}missingMandatoryOptionValue(e){let n=`error: required option '${e.flags}' not specified`;this.error(n,{code:"commander.missingMandatoryOptionValue"})}_conflictingOption(e,n){let r=s=>{let a=s.attributeName(),l=this.getOptionValue(a),c=this.options.find(d=>d.negate&&a===d.attributeName()),u=this.options.find(d=>!d.negate&&a===d.attributeName());return c&&(c.presetArg===void 0&&l===!1||c.presetArg!==void 0&&l===c.presetArg)?c:u||s},i=s=>{let a=r(s),l=a.attributeName();return this.getOptionValueSource(l)==="env"?`environment variable '${a.envVar}'`:`option '${a.flags}'`},o=`error: ${i(e)} cannot be used with ${i(n)}`;this.error(o,{code:"commander.conflictingOption"})}unknownOption(e){if(this._allowUnknownOption)return;let n="";if(e.startsWith("--")&&this._showSuggestionAfterError){let i=[],o=this;do{let s=o.createHelp().visibleOptions(o).filter(a=>a.long).map(a=>a.long);i=i.concat(s),o=o.parent}while(o&&!o._enablePositionalOptions);n=cy(e,i)}let r=`error: unknown option '${e}'${n}`;this.error(r,{code:"commander.unknownOption"})}_excessArguments(e){if(this._allowExcessArguments)return;let n=this.registeredArguments.length,r=n===1?"":"s",o=`error: too many arguments${this.parent?` for '${this.name()}'`:""}. Expected ${n} argument${r} but got ${e.length}.`;this.error(o,{code:"commander.excessArguments"})}unknownCommand(){let e=this.args[0],n="";if(this._showSuggestionAfterError){let i=[];this.createHelp().visibleCommands(this).forEach(o=>{i.push(o.name()),o.alias()&&i.push(o.alias())}),n=cy(e,i)}let r=`error: unknown command '${e}'${n}`;this.error(r,{code:"commander.unknownCommand"})}version(e,n,r){if(e===void 0)return this._version;this._version=e,n=n||"-V, --version",r=r||"output the version number";let i=this.createOption(n,r);return this._versionOptionName=i.attributeName(),this._registerOption(i),this.on("option:"+i.name(),()=>{this._outputConfiguration.writeOut(`${e}
`),this._exit(0,"commander.version",e)}),this}description(e,n){return e===void 0&&n===void 0?this._description:(this._description=e,n&&(this._argsDescription=n),this)}summary(e){return e===void 0?this._summary:(this._summary=e,this)}alias(e){if(e===void 0)return this._aliases[0];let n=this;if(this.commands.length!==0&&this.commands[this.commands.length-1]._executableHandler&&(n=this.commands[this.commands.length-1]),e===n._name)throw new Error("Command alias can't be the same as its name");let r=this.parent?._findCommand(e);if(r){let i=[r.name()].concat(r.aliases()).join("|");throw new Error(`cannot add alias '${e}' to command '${this.name()}' as already have command '${i}'`)}return n._aliases.push(e),this}aliases(e){return e===void 0?this._aliases:(e.forEach(n=>this.alias(n)),this)}usage(e){if(e===void 0){if(this._usage)return this._usage;let n=this.registeredArguments.map(r=>jE(r));return[].concat(this.options.length||this._helpOption!==null?"[options]":[],this.commands.length?"[command]":[],this.registeredArguments.length?n:[]).join(" ")}return this._usage=e,this}name(e){return e===void 0?this._name:(this._name=e,this)}helpGroup(e){return e===void 0?this._helpGroupHeading??"":(this._helpGroupHeading=e,this)}commandsGroup(e){return e===void 0?this._defaultCommandGroup??"":(this._defaultCommandGroup=e,this)}optionsGroup(e){return e===void 0?this._defaultOptionGroup??"":(this._defaultOptionGroup=e,this)}_initOptionGroup(e){this._defaultOptionGroup&&!e.helpGroupHeading&&e.helpGroup(this._defaultOptionGroup)}_initCommandGroup(e){this._defaultCommandGroup&&!e.helpGroup()&&e.helpGroup(this._defaultCommandGroup)}nameFromFilename(e){return this._name=Tn.basename(e,Tn.extname(e)),this}executableDir(e){return e===void 0?this._executableDir:(this._executableDir=e,this)}helpInformation(e){let n=this.createHelp(),r=this._getOutputContext(e);n.prepareContext({error:r.error,helpWidth:r.helpWidth,outputHasColors:r.hasColors});let i=n.formatHelp(this,n);return r.hasColors?i:this._outputConfiguration.stripColor(i)}_getOutputContext(e){e=e||{};let n=!!e.error,r,i,o;return n?(r=a=>this._outputConfiguration.writeErr(a),i=this._outputConfiguration.getErrHasColors(),o=this._outputConfiguration.getErrHelpWidth()):(r=a=>this._outputConfiguration.writeOut(a),i=this._outputConfiguration.getOutHasColors(),o=this._outputConfiguration.getOutHelpWidth()),{error:n,write:a=>(i||(a=this._outputConfiguration.stripColor(a)),r(a)),hasColors:i,helpWidth:o}}outputHelp(e){let n;typeof e=="function"&&(n=e,e=void 0);let r=this._getOutputContext(e),i={error:r.error,write:r.write,command:this};this._getCommandAndAncestors().reverse().forEach(s=>s.emit("beforeAllHelp",i)),this.emit("beforeHelp",i);let o=this.helpInformation({error:r.error});if(n&&(o=n(o),typeof o!="string"&&!Buffer.isBuffer(o)))throw new Error("outputHelp callback must return a string or a Buffer");r.write(o),this._getHelpOption()?.long&&this.emit(this._getHelpOption().long),this.emit("afterHelp",i),this._getCommandAndAncestors().forEach(s=>s.emit("afterAllHelp",i))}helpOption(e,n){return typeof e=="boolean"?(e?(this._helpOption===null&&(this._helpOption=void 0),this._defaultOptionGroup&&this._initOptionGroup(this._getHelpOption())):this._helpOption=null,this):(this._helpOption=this.createOption(e??"-h, --help",n??"display help for command"),(e||n)&&this._initOptionGroup(this._helpOption),this)}_getHelpOption(){return this._helpOption===void 0&&this.helpOption(void 0,void 0),this._helpOption}addHelpOption(e){return this._helpOption=e,this._initOptionGroup(e),this}help(e){this.outputHelp(e);let n=Number(de.exitCode??0);n===0&&e&&typeof e!="function"&&e.error&&(n=1),this._exit(n,"commander.help","(outputHelp)")}addHelpText(e,n){let r=["beforeAll","before","after","afterAll"];if(!r.includes(e))throw new Error(`Unexpected value for position to addHelpText.
Expecting one of '${r.join("', '")}'`);let i=`${e}Help`;return this.on(i,o=>{let s;typeof n=="function"?s=n({error:o.error,command:o.command}):s=n,s&&o.write(`${s}
`)}),this}_outputHelpIfRequested(e){let n=this._getHelpOption();n&&e.find(i=>n.is(i))&&(this.outputHelp(),this._exit(0,"commander.helpDisplayed","(outputHelp)"))}};function uy(t){return t.map(e=>{if(!e.startsWith("--inspect"))return e;let n,r="127.0.0.1",i="9229",o;return(o=e.match(/^(--inspect(-brk)?)$/))!==null?n=o[1]:(o=e.match(/^(--inspect(-brk|-port)?)=([^:]+)$/))!==null?(n=o[1],/^\d+$/.test(o[3])?i=o[3]:r=o[3]):(o=e.match(/^(--inspect(-brk|-port)?)=([^:]+):(\d+)$/))!==null&&(n=o[1],r=o[3],i=o[4]),n&&i!=="0"?`${n}=${r}:${parseInt(i)+1}`:e})}function ud(){if(de.env.NO_COLOR||de.env.FORCE_COLOR==="0"||de.env.FORCE_COLOR==="false")return!1;if(de.env.FORCE_COLOR||de.env.CLICOLOR_FORCE!==void 0)return!0}dd.Command=cd;dd.useColor=ud});var hy=_($t=>{var{Argument:fy}=Ea(),{Command:fd}=dy(),{CommanderError:BE,InvalidArgumentError:py}=To(),{Help:UE}=nd(),{Option:my}=sd();$t.program=new fd;$t.createCommand=t=>new fd(t);$t.createOption=(t,e)=>new my(t,e);$t.createArgument=(t,e)=>new fy(t,e);$t.Command=fd;$t.Option=my;$t.Argument=fy;$t.Help=UE;$t.CommanderError=BE;$t.InvalidArgumentError=py;$t.InvalidOptionArgumentError=py});var Bo=_(ae=>{"use strict";Object.defineProperty(ae,"__esModule",{value:!0});ae.regexpCode=ae.getEsmExportName=ae.getProperty=ae.safeStringify=ae.stringify=ae.strConcat=ae.addCodeArg=ae.str=ae._=ae.nil=ae._Code=ae.Name=ae.IDENTIFIER=ae._CodeOrName=void 0;var qo=class{};ae._CodeOrName=qo;ae.IDENTIFIER=/^[a-z$_][a-z$_0-9]*$/i;var Nr=class extends qo{constructor(e){if(super(),!ae.IDENTIFIER.test(e))throw new Error("CodeGen: name must be a valid identifier");this.str=e}toString(){return this.str}emptyStr(){return!1}get names(){return{[this.str]:1}}};ae.Name=Nr;var Pt=class extends qo{constructor(e){super(),this._items=typeof e=="string"?[e]:e}toString(){return this.str}emptyStr(){if(this._items.length>1)return!1;let e=this._items[0];return e===""||e==='""'}get str(){var e;return(e=this._str)!==null&&e!==void 0?e:this._str=this._items.reduce((n,r)=>`${n}${r}`,"")}get names(){var e;return(e=this._names)!==null&&e!==void 0?e:this._names=this._items.reduce((n,r)=>(r instanceof Nr&&(n[r.str]=(n[r.str]||0)+1),n),{})}};ae._Code=Pt;ae.nil=new Pt("");function Pw(t,...e){let n=[t[0]],r=0;for(;r<e.length;)nf(n,e[r]),n.push(t[++r]);return new Pt(n)}ae._=Pw;var tf=new Pt("+");function Nw(t,...e){let n=[Go(t[0])],r=0;for(;r<e.length;)n.push(tf),nf(n,e[r]),n.push(tf,Go(t[++r]));return $x(n),new Pt(n)}ae.str=Nw;function nf(t,e){e instanceof Pt?t.push(...e._items):e instanceof Nr?t.push(e):t.push(Ix(e))}ae.addCodeArg=nf;function $x(t){let e=1;for(;e<t.length-1;){if(t[e]===tf){let n=xx(t[e-1],t[e+1]);if(n!==void 0){t.splice(e-1,3,n);continue}t[e++]="+"}e++}}function xx(t,e){if(e==='""')return t;if(t==='""')return e;if(typeof t=="string")return e instanceof Nr||t[t.length-1]!=='"'?void 0:typeof e!="string"?`${t.slice(0,-1)}${e}"`:e[0]==='"'?t.slice(0,-1)+e.slice(1):void 0;if(typeof e=="string"&&e[0]==='"'&&!(t instanceof Nr))return`"${t}${e.slice(1)}`}function Rx(t,e){return e.emptyStr()?t:t.emptyStr()?e:Nw`${t}${e}`}ae.strConcat=Rx;function Ix(t){return typeof t=="number"||typeof t=="boolean"||t===null?t:Go(Array.isArray(t)?t.join(","):t)}function Ox(t){return new Pt(Go(t))}ae.stringify=Ox;function Go(t){return JSON.stringify(t).replace(/\u2028/g,"\\u2028").replace(/\u2029/g,"\\u2029")}ae.safeStringify=Go;function Px(t){return typeof t=="string"&&ae.IDENTIFIER.test(t)?new Pt(`.${t}`):Pw`[${t}]`}ae.getProperty=Px;function Nx(t){if(typeof t=="string"&&ae.IDENTIFIER.test(t))return new Pt(`${t}`);throw new Error(`CodeGen: invalid export name: ${t}, use explicit $id name mapping`)}ae.getEsmExportName=Nx;function Lx(t){return new Pt(t.toString())}ae.regexpCode=Lx});var sf=_(dt=>{"use strict";Object.defineProperty(dt,"__esModule",{value:!0});dt.ValueScope=dt.ValueScopeName=dt.Scope=dt.varKinds=dt.UsedValueState=void 0;var ut=Bo(),rf=class extends Error{constructor(e){super(`CodeGen: "code" for ${e} not defined`),this.value=e.value}},sl;(function(t){t[t.Started=0]="Started",t[t.Completed=1]="Completed"})(sl||(dt.UsedValueState=sl={}));dt.varKinds={const:new ut.Name("const"),let:new ut.Name("let"),var:new ut.Name("var")};var al=class{constructor({prefixes:e,parent:n}={}){this._names={},this._prefixes=e,this._parent=n}toName(e){return e instanceof ut.Name?e:this.name(e)}name(e){return new ut.Name(this._newName(e))}_newName(e){let n=this._names[e]||this._nameGroup(e);return`${e}${n.index++}`}_nameGroup(e){var n,r;if(!((r=(n=this._parent)===null||n===void 0?void 0:n._prefixes)===null||r===void 0)&&r.has(e)||this._prefixes&&!this._prefixes.has(e))throw new Error(`CodeGen: prefix "${e}" is not allowed in this scope`);return this._names[e]={prefix:e,index:0}}};dt.Scope=al;var ll=class extends ut.Name{constructor(e,n){super(n),this.prefix=e}setValue(e,{property:n,itemIndex:r}){this.value=e,this.scopePath=(0,ut._)`.${new ut.Name(n)}[${r}]`}};dt.ValueScopeName=ll;var Dx=(0,ut._)`\n`,of=class extends al{constructor(e){super(e),this._values={},this._scope=e.scope,this.opts={...e,_n:e.lines?Dx:ut.nil}}get(){return this._scope}name(e){return new ll(e,this._newName(e))}value(e,n){var r;if(n.ref===void 0)throw new Error("CodeGen: ref must be passed in value");let i=this.toName(e),{prefix:o}=i,s=(r=n.key)!==null&&r!==void 0?r:n.ref,a=this._values[o];if(a){let u=a.get(s);if(u)return u}else a=this._values[o]=new Map;a.set(s,i);let l=this._scope[o]||(this._scope[o]=[]),c=l.length;return l[c]=n.ref,i.setValue(n,{property:o,itemIndex:c}),i}getValue(e,n){let r=this._values[e];if(r)return r.get(n)}scopeRefs(e,n=this._values){return this._reduceValues(n,r=>{if(r.scopePath===void 0)throw new Error(`CodeGen: name "${r}" has no value`);return(0,ut._)`${e}${r.scopePath}`})}scopeCode(e=this._values,n,r){return this._reduceValues(e,i=>{if(i.value===void 0)throw new Error(`CodeGen: name "${i}" has no value`);return i.value.code},n,r)}_reduceValues(e,n,r={},i){let o=ut.nil;for(let s in e){let a=e[s];if(!a)continue;let l=r[s]=r[s]||new Map;a.forEach(c=>{if(l.has(c))return;l.set(c,sl.Started);let u=n(c);if(u){let d=this.opts.es5?dt.varKinds.var:dt.varKinds.const;o=(0,ut._)`${o}${d} ${c} = ${u};${this.opts._n}`}else if(u=i?.(c))o=(0,ut._)`${o}${u}${this.opts._n}`;else throw new rf(c);l.set(c,sl.Completed)})}return o}};dt.ValueScope=of});var J=_(X=>{"use strict";Object.defineProperty(X,"__esModule",{value:!0});X.or=X.and=X.not=X.CodeGen=X.operators=X.varKinds=X.ValueScopeName=X.ValueScope=X.Scope=X.Name=X.regexpCode=X.stringify=X.getProperty=X.nil=X.strConcat=X.str=X._=void 0;var re=Bo(),Bt=sf(),Hn=Bo();Object.defineProperty(X,"_",{enumerable:!0,get:function(){return Hn._}});Object.defineProperty(X,"str",{enumerable:!0,get:function(){return Hn.str}});Object.defineProperty(X,"strConcat",{enumerable:!0,get:function(){return Hn.strConcat}});Object.defineProperty(X,"nil",{enumerable:!0,get:function(){return Hn.nil}});Object.defineProperty(X,"getProperty",{enumerable:!0,get:function(){return Hn.getProperty}});Object.defineProperty(X,"stringify",{enumerable:!0,get:function(){return Hn.stringify}});Object.defineProperty(X,"regexpCode",{enumerable:!0,get:function(){return Hn.regexpCode}});Object.defineProperty(X,"Name",{enumerable:!0,get:function(){return Hn.Name}});var fl=sf();Object.defineProperty(X,"Scope",{enumerable:!0,get:function(){return fl.Scope}});Object.defineProperty(X,"ValueScope",{enumerable:!0,get:function(){return fl.ValueScope}});Object.defineProperty(X,"ValueScopeName",{enumerable:!0,get:function(){return fl.ValueScopeName}});Object.defineProperty(X,"varKinds",{enumerable:!0,get:function(){return fl.varKinds}});X.operators={GT:new re._Code(">"),GTE:new re._Code(">="),LT:new re._Code("<"),LTE:new re._Code("<="),EQ:new re._Code("==="),NEQ:new re._Code("!=="),NOT:new re._Code("!"),OR:new re._Code("||"),AND:new re._Code("&&"),ADD:new re._Code("+")};var In=class{optimizeNodes(){return this}optimizeNames(e,n){return this}},af=class extends In{constructor(e,n,r){super(),this.varKind=e,this.name=n,this.rhs=r}render({es5:e,_n:n}){let r=e?Bt.varKinds.var:this.varKind,i=this.rhs===void 0?"":` = ${this.rhs}`;return`${r} ${this.name}${i};`+n}optimizeNames(e,n){if(e[this.name.str])return this.rhs&&(this.rhs=Ti(this.rhs,e,n)),this}get names(){return this.rhs instanceof re._CodeOrName?this.rhs.names:{}}},cl=class extends In{constructor(e,n,r){super(),this.lhs=e,this.rhs=n,this.sideEffects=r}render({_n:e}){return`${this.lhs} = ${this.rhs};`+e}optimizeNames(e,n){if(!(this.lhs instanceof re.Name&&!e[this.lhs.str]&&!this.sideEffects))return this.rhs=Ti(this.rhs,e,n),this}get names(){let e=this.lhs instanceof re.Name?{}:{...this.lhs.names};return dl(e,this.rhs)}},lf=class extends cl{constructor(e,n,r,i){super(e,r,i),this.op=n}render({_n:e}){return`${this.lhs} ${this.op}= ${this.rhs};`+e}},cf=class extends In{constructor(e){super(),this.label=e,this.names={}}render({_n:e}){return`${this.label}:`+e}},uf=class extends In{constructor(e){super(),this.label=e,this.names={}}render({_n:e}){return`break${this.label?` ${this.label}`:""};`+e}},df=class extends In{constructor(e){super(),this.error=e}render({_n:e}){return`throw ${this.error};`+e}get names(){return this.error.names}},ff=class extends In{constructor(e){super(),this.code=e}render({_n:e}){return`${this.code};`+e}optimizeNodes(){return`${this.code}`?this:void 0}optimizeNames(e,n){return this.code=Ti(this.code,e,n),this}get names(){return this.code instanceof re._CodeOrName?this.code.names:{}}},Uo=class extends In{constructor(e=[]){super(),this.nodes=e}render(e){return this.nodes.reduce((n,r)=>n+r.render(e),"")}optimizeNodes(){let{nodes:e}=this,n=e.length;for(;n--;){let r=e[n].optimizeNodes();Array.isArray(r)?e.splice(n,1,...r):r?e[n]=r:e.splice(n,1)}return e.length>0?this:void 0}optimizeNames(e,n){let{nodes:r}=this,i=r.length;for(;i--;){let o=r[i];o.optimizeNames(e,n)||(Mx(e,o.names),r.splice(i,1))}return r.length>0?this:void 0}get names(){return this.nodes.reduce((e,n)=>Mr(e,n.names),{})}},On=class extends Uo{render(e){return"{"+e._n+super.render(e)+"}"+e._n}},pf=class extends Uo{},Ai=class extends On{};Ai.kind="else";var Lr=class t extends On{constructor(e,n){super(n),this.condition=e}render(e){let n=`if(${this.condition})`+super.render(e);return this.else&&(n+="else "+this.else.render(e)),n}optimizeNodes(){super.optimizeNodes();let e=this.condition;if(e===!0)return this.nodes;let n=this.else;if(n){let r=n.optimizeNodes();n=this.else=Array.isArray(r)?new Ai(r):r}if(n)return e===!1?n instanceof t?n:n.nodes:this.nodes.length?this:new t(Lw(e),n instanceof t?[n]:n.nodes);if(!(e===!1||!this.nodes.length))return this}optimizeNames(e,n){var r;if(this.else=(r=this.else)===null||r===void 0?void 0:r.optimizeNames(e,n),!!(super.optimizeNames(e,n)||this.else))return this.condition=Ti(this.condition,e,n),this}get names(){let e=super.names;return dl(e,this.condition),this.else&&Mr(e,this.else.names),e}};Lr.kind="if";var Dr=class extends On{};Dr.kind="for";var mf=class extends Dr{constructor(e){super(),this.iteration=e}render(e){return`for(${this.iteration})`+super.render(e)}optimizeNames(e,n){if(super.optimizeNames(e,n))return this.iteration=Ti(this.iteration,e,n),this}get names(){return Mr(super.names,this.iteration.names)}},hf=class extends Dr{constructor(e,n,r,i){super(),this.varKind=e,this.name=n,this.from=r,this.to=i}render(e){let n=e.es5?Bt.varKinds.var:this.varKind,{name:r,from:i,to:o}=this;return`for(${n} ${r}=${i}; ${r}<${o}; ${r}++)`+super.render(e)}get names(){let e=dl(super.names,this.from);return dl(e,this.to)}},ul=class extends Dr{constructor(e,n,r,i){super(),this.loop=e,this.varKind=n,this.name=r,this.iterable=i}render(e){return`for(${this.varKind} ${this.name} ${this.loop} ${this.iterable})`+super.render(e)}optimizeNames(e,n){if(super.optimizeNames(e,n))return this.iterable=Ti(this.iterable,e,n),this}get names(){return Mr(super.names,this.iterable.names)}},Ko=class extends On{constructor(e,n,r){super(),this.name=e,this.args=n,this.async=r}render(e){return`${this.async?"async ":""}function ${this.name}(${this.args})`+super.render(e)}};Ko.kind="func";var zo=class extends Uo{render(e){return"return "+super.render(e)}};zo.kind="return";var gf=class extends On{render(e){let n="try"+super.render(e);return this.catch&&(n+=this.catch.render(e)),this.finally&&(n+=this.finally.render(e)),n}optimizeNodes(){var e,n;return super.optimizeNodes(),(e=this.catch)===null||e===void 0||e.optimizeNodes(),(n=this.finally)===null||n===void 0||n.optimizeNodes(),this}optimizeNames(e,n){var r,i;return super.optimizeNames(e,n),(r=this.catch)===null||r===void 0||r.optimizeNames(e,n),(i=this.finally)===null||i===void 0||i.optimizeNames(e,n),this}get names(){let e=super.names;return this.catch&&Mr(e,this.catch.names),this.finally&&Mr(e,this.finally.names),e}},Ho=class extends On{constructor(e){super(),this.error=e}render(e){return`catch(${this.error})`+super.render(e)}};Ho.kind="catch";var Yo=class extends On{render(e){return"finally"+super.render(e)}};Yo.kind="finally";var yf=class{constructor(e,n={}){this._values={},this._blockStarts=[],this._constants={},this.opts={...n,_n:n.lines?`
`:""},this._extScope=e,this._scope=new Bt.Scope({parent:e}),this._nodes=[new pf]}toString(){return this._root.render(this.opts)}name(e){return this._scope.name(e)}scopeName(e){return this._extScope.name(e)}scopeValue(e,n){let r=this._extScope.value(e,n);return(this._values[r.prefix]||(this._values[r.prefix]=new Set)).add(r),r}getScopeValue(e,n){return this._extScope.getValue(e,n)}scopeRefs(e){return this._extScope.scopeRefs(e,this._values)}scopeCode(){return this._extScope.scopeCode(this._values)}_def(e,n,r,i){let o=this._scope.toName(n);return r!==void 0&&i&&(this._constants[o.str]=r),this._leafNode(new af(e,o,r)),o}const(e,n,r){return this._def(Bt.varKinds.const,e,n,r)}let(e,n,r){return this._def(Bt.varKinds.let,e,n,r)}var(e,n,r){return this._def(Bt.varKinds.var,e,n,r)}assign(e,n,r){return this._leafNode(new cl(e,n,r))}add(e,n){return this._leafNode(new lf(e,X.operators.ADD,n))}code(e){return typeof e=="function"?e():e!==re.nil&&this._leafNode(new ff(e)),this}object(...e){let n=["{"];for(let[r,i]of e)n.length>1&&n.push(","),n.push(r),(r!==i||this.opts.es5)&&(n.push(":"),(0,re.addCodeArg)(n,i));return n.push("}"),new re._Code(n)}if(e,n,r){if(this._blockNode(new Lr(e)),n&&r)this.code(n).else().code(r).endIf();else if(n)this.code(n).endIf();else if(r)throw new Error('CodeGen: "else" body without "then" body');return this}elseIf(e){return this._elseNode(new Lr(e))}else(){return this._elseNode(new Ai)}endIf(){return this._endBlockNode(Lr,Ai)}_for(e,n){return this._blockNode(e),n&&this.code(n).endFor(),this}for(e,n){return this._for(new mf(e),n)}forRange(e,n,r,i,o=this.opts.es5?Bt.varKinds.var:Bt.varKinds.let){let s=this._scope.toName(e);return this._for(new hf(o,s,n,r),()=>i(s))}forOf(e,n,r,i=Bt.varKinds.const){let o=this._scope.toName(e);if(this.opts.es5){let s=n instanceof re.Name?n:this.var("_arr",n);return this.forRange("_i",0,(0,re._)`${s}.length`,a=>{this.var(o,(0,re._)`${s}[${a}]`),r(o)})}return this._for(new ul("of",i,o,n),()=>r(o))}forIn(e,n,r,i=this.opts.es5?Bt.varKinds.var:Bt.varKinds.const){if(this.opts.ownProperties)return this.forOf(e,(0,re._)`Object.keys(${n})`,r);let o=this._scope.toName(e);return this._for(new ul("in",i,o,n),()=>r(o))}endFor(){return this._endBlockNode(Dr)}label(e){return this._leafNode(new cf(e))}break(e){return this._leafNode(new uf(e))}return(e){let n=new zo;if(this._blockNode(n),this.code(e),n.nodes.length!==1)throw new Error('CodeGen: "return" should have one node');return this._endBlockNode(zo)}try(e,n,r){if(!n&&!r)throw new Error('CodeGen: "try" without "catch" and "finally"');let i=new gf;if(this._blockNode(i),this.code(e),n){let o=this.name("e");this._currNode=i.catch=new Ho(o),n(o)}return r&&(this._currNode=i.finally=new Yo,this.code(r)),this._endBlockNode(Ho,Yo)}throw(e){return this._leafNode(new df(e))}block(e,n){return this._blockStarts.push(this._nodes.length),e&&this.code(e).endBlock(n),this}endBlock(e){let n=this._blockStarts.pop();if(n===void 0)throw new Error("CodeGen: not in self-balancing block");let r=this._nodes.length-n;if(r<0||e!==void 0&&r!==e)throw new Error(`CodeGen: wrong number of nodes: ${r} vs ${e} expected`);return this._nodes.length=n,this}func(e,n=re.nil,r,i){return this._blockNode(new Ko(e,n,r)),i&&this.code(i).endFunc(),this}endFunc(){return this._endBlockNode(Ko)}optimize(e=1){for(;e-- >0;)this._root.optimizeNodes(),this._root.optimizeNames(this._root.names,this._constants)}_leafNode(e){return this._currNode.nodes.push(e),this}_blockNode(e){this._currNode.nodes.push(e),this._nodes.push(e)}_endBlockNode(e,n){let r=this._currNode;if(r instanceof e||n&&r instanceof n)return this._nodes.pop(),this;throw new Error(`CodeGen: not in block "${n?`${e.kind}/${n.kind}`:e.kind}"`)}_elseNode(e){let n=this._currNode;if(!(n instanceof Lr))throw new Error('CodeGen: "else" without "if"');return this._currNode=n.else=e,this}get _root(){return this._nodes[0]}get _currNode(){let e=this._nodes;return e[e.length-1]}set _currNode(e){let n=this._nodes;n[n.length-1]=e}};X.CodeGen=yf;function Mr(t,e){for(let n in e)t[n]=(t[n]||0)+(e[n]||0);return t}function dl(t,e){return e instanceof re._CodeOrName?Mr(t,e.names):t}function Ti(t,e,n){if(t instanceof re.Name)return r(t);if(!i(t))return t;return new re._Code(t._items.reduce((o,s)=>(s instanceof re.Name&&(s=r(s)),s instanceof re._Code?o.push(...s._items):o.push(s),o),[]));function r(o){let s=n[o.str];return s===void 0||e[o.str]!==1?o:(delete e[o.str],s)}function i(o){return o instanceof re._Code&&o._items.some(s=>s instanceof re.Name&&e[s.str]===1&&n[s.str]!==void 0)}}function Mx(t,e){for(let n in e)t[n]=(t[n]||0)-(e[n]||0)}function Lw(t){return typeof t=="boolean"||typeof t=="number"||t===null?!t:(0,re._)`!${bf(t)}`}X.not=Lw;var Vx=Dw(X.operators.AND);function Fx(...t){return t.reduce(Vx)}X.and=Fx;var jx=Dw(X.operators.OR);function Wx(...t){return t.reduce(jx)}X.or=Wx;function Dw(t){return(e,n)=>e===re.nil?n:n===re.nil?e:(0,re._)`${bf(e)} ${t} ${bf(n)}`}function bf(t){return t instanceof re.Name?t:(0,re._)`(${t})`}});var ie=_(ee=>{"use strict";Object.defineProperty(ee,"__esModule",{value:!0});ee.checkStrictMode=ee.getErrorPath=ee.Type=ee.useFunc=ee.setEvaluated=ee.evaluatedPropsToName=ee.mergeEvaluated=ee.eachItem=ee.unescapeJsonPointer=ee.escapeJsonPointer=ee.escapeFragment=ee.unescapeFragment=ee.schemaRefOrVal=ee.schemaHasRulesButRef=ee.schemaHasRules=ee.checkUnknownRules=ee.alwaysValidSchema=ee.toHash=void 0;var ye=J(),qx=Bo();function Gx(t){let e={};for(let n of t)e[n]=!0;return e}ee.toHash=Gx;function Bx(t,e){return typeof e=="boolean"?e:Object.keys(e).length===0?!0:(Fw(t,e),!jw(e,t.self.RULES.all))}ee.alwaysValidSchema=Bx;function Fw(t,e=t.schema){let{opts:n,self:r}=t;if(!n.strictSchema||typeof e=="boolean")return;let i=r.RULES.keywords;for(let o in e)i[o]||Gw(t,`unknown keyword: "${o}"`)}ee.checkUnknownRules=Fw;function jw(t,e){if(typeof t=="boolean")return!t;for(let n in t)if(e[n])return!0;return!1}ee.schemaHasRules=jw;function Ux(t,e){if(typeof t=="boolean")return!t;for(let n in t)if(n!=="$ref"&&e.all[n])return!0;return!1}ee.schemaHasRulesButRef=Ux;function Kx({topSchemaRef:t,schemaPath:e},n,r,i){if(!i){if(typeof n=="number"||typeof n=="boolean")return n;if(typeof n=="string")return(0,ye._)`${n}`}return(0,ye._)`${t}${e}${(0,ye.getProperty)(r)}`}ee.schemaRefOrVal=Kx;function zx(t){return Ww(decodeURIComponent(t))}ee.unescapeFragment=zx;function Hx(t){return encodeURIComponent(kf(t))}ee.escapeFragment=Hx;function kf(t){return typeof t=="number"?`${t}`:t.replace(/~/g,"~0").replace(/\//g,"~1")}ee.escapeJsonPointer=kf;function Ww(t){return t.replace(/~1/g,"/").replace(/~0/g,"~")}ee.unescapeJsonPointer=Ww;function Yx(t,e){if(Array.isArray(t))for(let n of t)e(n);else e(t)}ee.eachItem=Yx;function Mw({mergeNames:t,mergeToName:e,mergeValues:n,resultToName:r}){return(i,o,s,a)=>{let l=s===void 0?o:s instanceof ye.Name?(o instanceof ye.Name?t(i,o,s):e(i,o,s),s):o instanceof ye.Name?(e(i,s,o),o):n(o,s);return a===ye.Name&&!(l instanceof ye.Name)?r(i,l):l}}ee.mergeEvaluated={props:Mw({mergeNames:(t,e,n)=>t.if((0,ye._)`${n} !== true && ${e} !== undefined`,()=>{t.if((0,ye._)`${e} === true`,()=>t.assign(n,!0),()=>t.assign(n,(0,ye._)`${n} || {}`).code((0,ye._)`Object.assign(${n}, ${e})`))}),mergeToName:(t,e,n)=>t.if((0,ye._)`${n} !== true`,()=>{e===!0?t.assign(n,!0):(t.assign(n,(0,ye._)`${n} || {}`),vf(t,n,e))}),mergeValues:(t,e)=>t===!0?!0:{...t,...e},resultToName:qw}),items:Mw({mergeNames:(t,e,n)=>t.if((0,ye._)`${n} !== true && ${e} !== undefined`,()=>t.assign(n,(0,ye._)`${e} === true ? true : ${n} > ${e} ? ${n} : ${e}`)),mergeToName:(t,e,n)=>t.if((0,ye._)`${n} !== true`,()=>t.assign(n,e===!0?!0:(0,ye._)`${n} > ${e} ? ${n} : ${e}`)),mergeValues:(t,e)=>t===!0?!0:Math.max(t,e),resultToName:(t,e)=>t.var("items",e)})};function qw(t,e){if(e===!0)return t.var("props",!0);let n=t.var("props",(0,ye._)`{}`);return e!==void 0&&vf(t,n,e),n}ee.evaluatedPropsToName=qw;function vf(t,e,n){Object.keys(n).forEach(r=>t.assign((0,ye._)`${e}${(0,ye.getProperty)(r)}`,!0))}ee.setEvaluated=vf;var Vw={};function Jx(t,e){return t.scopeValue("func",{ref:e,code:Vw[e.code]||(Vw[e.code]=new qx._Code(e.code))})}ee.useFunc=Jx;var wf;(function(t){t[t.Num=0]="Num",t[t.Str=1]="Str"})(wf||(ee.Type=wf={}));function Xx(t,e,n){if(t instanceof ye.Name){let r=e===wf.Num;return n?r?(0,ye._)`"[" + ${t} + "]"`:(0,ye._)`"['" + ${t} + "']"`:r?(0,ye._)`"/" + ${t}`:(0,ye._)`"/" + ${t}.replace(/~/g, "~0").replace(/\\//g, "~1")`}return n?(0,ye.getProperty)(t).toString():"/"+kf(t)}ee.getErrorPath=Xx;function Gw(t,e,n=t.opts.strictSchema){if(n){if(e=`strict mode: ${e}`,n===!0)throw new Error(e);t.self.logger.warn(e)}}ee.checkStrictMode=Gw});var Pn=_(_f=>{"use strict";Object.defineProperty(_f,"__esModule",{value:!0});var Qe=J(),Qx={data:new Qe.Name("data"),valCxt:new Qe.Name("valCxt"),instancePath:new Qe.Name("instancePath"),parentData:new Qe.Name("parentData"),parentDataProperty:new Qe.Name("parentDataProperty"),rootData:new Qe.Name("rootData"),dynamicAnchors:new Qe.Name("dynamicAnchors"),vErrors:new Qe.Name("vErrors"),errors:new Qe.Name("errors"),this:new Qe.Name("this"),self:new Qe.Name("self"),scope:new Qe.Name("scope"),json:new Qe.Name("json"),jsonPos:new Qe.Name("jsonPos"),jsonLen:new Qe.Name("jsonLen"),jsonPart:new Qe.Name("jsonPart")};_f.default=Qx});var Jo=_(Ze=>{"use strict";Object.defineProperty(Ze,"__esModule",{value:!0});Ze.extendErrors=Ze.resetErrorsCount=Ze.reportExtraError=Ze.reportError=Ze.keyword$DataError=Ze.keywordError=void 0;var oe=J(),pl=ie(),ot=Pn();Ze.keywordError={message:({keyword:t})=>(0,oe.str)`must pass "${t}" keyword validation`};Ze.keyword$DataError={message:({keyword:t,schemaType:e})=>e?(0,oe.str)`"${t}" keyword must be ${e} ($data)`:(0,oe.str)`"${t}" keyword is invalid ($data)`};function Zx(t,e=Ze.keywordError,n,r){let{it:i}=t,{gen:o,compositeRule:s,allErrors:a}=i,l=Kw(t,e,n);r??(s||a)?Bw(o,l):Uw(i,(0,oe._)`[${l}]`)}Ze.reportError=Zx;function eR(t,e=Ze.keywordError,n){let{it:r}=t,{gen:i,compositeRule:o,allErrors:s}=r,a=Kw(t,e,n);Bw(i,a),o||s||Uw(r,ot.default.vErrors)}Ze.reportExtraError=eR;function tR(t,e){t.assign(ot.default.errors,e),t.if((0,oe._)`${ot.default.vErrors} !== null`,()=>t.if(e,()=>t.assign((0,oe._)`${ot.default.vErrors}.length`,e),()=>t.assign(ot.default.vErrors,null)))}Ze.resetErrorsCount=tR;function nR({gen:t,keyword:e,schemaValue:n,data:r,errsCount:i,it:o}){if(i===void 0)throw new Error("ajv implementation error");let s=t.name("err");t.forRange("i",i,ot.default.errors,a=>{t.const(s,(0,oe._)`${ot.default.vErrors}[${a}]`),t.if((0,oe._)`${s}.instancePath === undefined`,()=>t.assign((0,oe._)`${s}.instancePath`,(0,oe.strConcat)(ot.default.instancePath,o.errorPath))),t.assign((0,oe._)`${s}.schemaPath`,(0,oe.str)`${o.errSchemaPath}/${e}`),o.opts.verbose&&(t.assign((0,oe._)`${s}.schema`,n),t.assign((0,oe._)`${s}.data`,r))})}Ze.extendErrors=nR;function Bw(t,e){let n=t.const("err",e);t.if((0,oe._)`${ot.default.vErrors} === null`,()=>t.assign(ot.default.vErrors,(0,oe._)`[${n}]`),(0,oe._)`${ot.default.vErrors}.push(${n})`),t.code((0,oe._)`${ot.default.errors}++`)}function Uw(t,e){let{gen:n,validateName:r,schemaEnv:i}=t;i.$async?n.throw((0,oe._)`new ${t.ValidationError}(${e})`):(n.assign((0,oe._)`${r}.errors`,e),n.return(!1))}var Vr={keyword:new oe.Name("keyword"),schemaPath:new oe.Name("schemaPath"),params:new oe.Name("params"),propertyName:new oe.Name("propertyName"),message:new oe.Name("message"),schema:new oe.Name("schema"),parentSchema:new oe.Name("parentSchema")};function Kw(t,e,n){let{createErrors:r}=t.it;return r===!1?(0,oe._)`{}`:rR(t,e,n)}function rR(t,e,n={}){let{gen:r,it:i}=t,o=[iR(i,n),oR(t,n)];return sR(t,e,o),r.object(...o)}function iR({errorPath:t},{instancePath:e}){let n=e?(0,oe.str)`${t}${(0,pl.getErrorPath)(e,pl.Type.Str)}`:t;return[ot.default.instancePath,(0,oe.strConcat)(ot.default.instancePath,n)]}function oR({keyword:t,it:{errSchemaPath:e}},{schemaPath:n,parentSchema:r}){let i=r?e:(0,oe.str)`${e}/${t}`;return n&&(i=(0,oe.str)`${i}${(0,pl.getErrorPath)(n,pl.Type.Str)}`),[Vr.schemaPath,i]}function sR(t,{params:e,message:n},r){let{keyword:i,data:o,schemaValue:s,it:a}=t,{opts:l,propertyName:c,topSchemaRef:u,schemaPath:d}=a;r.push([Vr.keyword,i],[Vr.params,typeof e=="function"?e(t):e||(0,oe._)`{}`]),l.messages&&r.push([Vr.message,typeof n=="function"?n(t):n]),l.verbose&&r.push([Vr.schema,s],[Vr.parentSchema,(0,oe._)`${u}${d}`],[ot.default.data,o]),c&&r.push([Vr.propertyName,c])}});var Hw=_(Ci=>{"use strict";Object.defineProperty(Ci,"__esModule",{value:!0});Ci.boolOrEmptySchema=Ci.topBoolOrEmptySchema=void 0;var aR=Jo(),lR=J(),cR=Pn(),uR={message:"boolean schema is false"};function dR(t){let{gen:e,schema:n,validateName:r}=t;n===!1?zw(t,!1):typeof n=="object"&&n.$async===!0?e.return(cR.default.data):(e.assign((0,lR._)`${r}.errors`,null),e.return(!0))}Ci.topBoolOrEmptySchema=dR;function fR(t,e){let{gen:n,schema:r}=t;r===!1?(n.var(e,!1),zw(t)):n.var(e,!0)}Ci.boolOrEmptySchema=fR;function zw(t,e){let{gen:n,data:r}=t,i={gen:n,keyword:"false schema",data:r,schema:!1,schemaCode:!1,schemaValue:!1,params:{},it:t};(0,aR.reportError)(i,uR,void 0,e)}});var Sf=_(Ei=>{"use strict";Object.defineProperty(Ei,"__esModule",{value:!0});Ei.getRules=Ei.isJSONType=void 0;var pR=["string","number","integer","boolean","null","object","array"],mR=new Set(pR);function hR(t){return typeof t=="string"&&mR.has(t)}Ei.isJSONType=hR;function gR(){let t={number:{type:"number",rules:[]},string:{type:"string",rules:[]},array:{type:"array",rules:[]},object:{type:"object",rules:[]}};return{types:{...t,integer:!0,boolean:!0,null:!0},rules:[{rules:[]},t.number,t.string,t.array,t.object],post:{rules:[]},all:{},keywords:{}}}Ei.getRules=gR});var Af=_(Yn=>{"use strict";Object.defineProperty(Yn,"__esModule",{value:!0});Yn.shouldUseRule=Yn.shouldUseGroup=Yn.schemaHasRulesForType=void 0;function yR({schema:t,self:e},n){let r=e.RULES.types[n];return r&&r!==!0&&Yw(t,r)}Yn.schemaHasRulesForType=yR;function Yw(t,e){return e.rules.some(n=>Jw(t,n))}Yn.shouldUseGroup=Yw;function Jw(t,e){var n;return t[e.keyword]!==void 0||((n=e.definition.implements)===null||n===void 0?void 0:n.some(r=>t[r]!==void 0))}Yn.shouldUseRule=Jw});var Xo=_(et=>{"use strict";Object.defineProperty(et,"__esModule",{value:!0});et.reportTypeError=et.checkDataTypes=et.checkDataType=et.coerceAndCheckDataType=et.getJSONTypes=et.getSchemaTypes=et.DataType=void 0;var bR=Sf(),wR=Af(),kR=Jo(),Y=J(),Xw=ie(),$i;(function(t){t[t.Correct=0]="Correct",t[t.Wrong=1]="Wrong"})($i||(et.DataType=$i={}));function vR(t){let e=Qw(t.type);if(e.includes("null")){if(t.nullable===!1)throw new Error("type: null contradicts nullable: false")}else{if(!e.length&&t.nullable!==void 0)throw new Error('"nullable" cannot be used without "type"');t.nullable===!0&&e.push("null")}return e}et.getSchemaTypes=vR;function Qw(t){let e=Array.isArray(t)?t:t?[t]:[];if(e.every(bR.isJSONType))return e;throw new Error("type must be JSONType or JSONType[]: "+e.join(","))}et.getJSONTypes=Qw;function _R(t,e){let{gen:n,data:r,opts:i}=t,o=SR(e,i.coerceTypes),s=e.length>0&&!(o.length===0&&e.length===1&&(0,wR.schemaHasRulesForType)(t,e[0]));if(s){let a=Cf(e,r,i.strictNumbers,$i.Wrong);n.if(a,()=>{o.length?AR(t,e,o):Ef(t)})}return s}et.coerceAndCheckDataType=_R;var Zw=new Set(["string","number","integer","boolean","null"]);function SR(t,e){return e?t.filter(n=>Zw.has(n)||e==="array"&&n==="array"):[]}function AR(t,e,n){let{gen:r,data:i,opts:o}=t,s=r.let("dataType",(0,Y._)`typeof ${i}`),a=r.let("coerced",(0,Y._)`undefined`);o.coerceTypes==="array"&&r.if((0,Y._)`${s} == 'object' && Array.isArray(${i}) && ${i}.length == 1`,()=>r.assign(i,(0,Y._)`${i}[0]`).assign(s,(0,Y._)`typeof ${i}`).if(Cf(e,i,o.strictNumbers),()=>r.assign(a,i))),r.if((0,Y._)`${a} !== undefined`);for(let c of n)(Zw.has(c)||c==="array"&&o.coerceTypes==="array")&&l(c);r.else(),Ef(t),r.endIf(),r.if((0,Y._)`${a} !== undefined`,()=>{r.assign(i,a),TR(t,a)});function l(c){switch(c){case"string":r.elseIf((0,Y._)`${s} == "number" || ${s} == "boolean"`).assign(a,(0,Y._)`"" + ${i}`).elseIf((0,Y._)`${i} === null`).assign(a,(0,Y._)`""`);return;case"number":r.elseIf((0,Y._)`${s} == "boolean" || ${i} === null
              || (${s} == "string" && ${i} && ${i} == +${i})`).assign(a,(0,Y._)`+${i}`);return;case"integer":r.elseIf((0,Y._)`${s} === "boolean" || ${i} === null
              || (${s} === "string" && ${i} && ${i} == +${i} && !(${i} % 1))`).assign(a,(0,Y._)`+${i}`);return;case"boolean":r.elseIf((0,Y._)`${i} === "false" || ${i} === 0 || ${i} === null`).assign(a,!1).elseIf((0,Y._)`${i} === "true" || ${i} === 1`).assign(a,!0);return;case"null":r.elseIf((0,Y._)`${i} === "" || ${i} === 0 || ${i} === false`),r.assign(a,null);return;case"array":r.elseIf((0,Y._)`${s} === "string" || ${s} === "number"
              || ${s} === "boolean" || ${i} === null`).assign(a,(0,Y._)`[${i}]`)}}}function TR({gen:t,parentData:e,parentDataProperty:n},r){t.if((0,Y._)`${e} !== undefined`,()=>t.assign((0,Y._)`${e}[${n}]`,r))}function Tf(t,e,n,r=$i.Correct){let i=r===$i.Correct?Y.operators.EQ:Y.operators.NEQ,o;switch(t){case"null":return(0,Y._)`${e} ${i} null`;case"array":o=(0,Y._)`Array.isArray(${e})`;break;case"object":o=(0,Y._)`${e} && typeof ${e} == "object" && !Array.isArray(${e})`;break;case"integer":o=s((0,Y._)`!(${e} % 1) && !isNaN(${e})`);break;case"number":o=s();break;default:return(0,Y._)`typeof ${e} ${i} ${t}`}return r===$i.Correct?o:(0,Y.not)(o);function s(a=Y.nil){return(0,Y.and)((0,Y._)`typeof ${e} == "number"`,a,n?(0,Y._)`isFinite(${e})`:Y.nil)}}et.checkDataType=Tf;function Cf(t,e,n,r){if(t.length===1)return Tf(t[0],e,n,r);let i,o=(0,Xw.toHash)(t);if(o.array&&o.object){let s=(0,Y._)`typeof ${e} != "object"`;i=o.null?s:(0,Y._)`!${e} || ${s}`,delete o.null,delete o.array,delete o.object}else i=Y.nil;o.number&&delete o.integer;for(let s in o)i=(0,Y.and)(i,Tf(s,e,n,r));return i}et.checkDataTypes=Cf;var CR={message:({schema:t})=>`must be ${t}`,params:({schema:t,schemaValue:e})=>typeof t=="string"?(0,Y._)`{type: ${t}}`:(0,Y._)`{type: ${e}}`};function Ef(t){let e=ER(t);(0,kR.reportError)(e,CR)}et.reportTypeError=Ef;function ER(t){let{gen:e,data:n,schema:r}=t,i=(0,Xw.schemaRefOrVal)(t,r,"type");return{gen:e,keyword:"type",data:n,schema:r.type,schemaCode:i,schemaValue:i,parentSchema:r,params:{},it:t}}});var tk=_(ml=>{"use strict";Object.defineProperty(ml,"__esModule",{value:!0});ml.assignDefaults=void 0;var xi=J(),$R=ie();function xR(t,e){let{properties:n,items:r}=t.schema;if(e==="object"&&n)for(let i in n)ek(t,i,n[i].default);else e==="array"&&Array.isArray(r)&&r.forEach((i,o)=>ek(t,o,i.default))}ml.assignDefaults=xR;function ek(t,e,n){let{gen:r,compositeRule:i,data:o,opts:s}=t;if(n===void 0)return;let a=(0,xi._)`${o}${(0,xi.getProperty)(e)}`;if(i){(0,$R.checkStrictMode)(t,`default is ignored for: ${a}`);return}let l=(0,xi._)`${a} === undefined`;s.useDefaults==="empty"&&(l=(0,xi._)`${l} || ${a} === null || ${a} === ""`),r.if(l,(0,xi._)`${a} = ${(0,xi.stringify)(n)}`)}});var Nt=_(he=>{"use strict";Object.defineProperty(he,"__esModule",{value:!0});he.validateUnion=he.validateArray=he.usePattern=he.callValidateCode=he.schemaProperties=he.allSchemaProperties=he.noPropertyInData=he.propertyInData=he.isOwnProperty=he.hasPropFunc=he.reportMissingProp=he.checkMissingProp=he.checkReportMissingProp=void 0;var Se=J(),$f=ie(),Jn=Pn(),RR=ie();function IR(t,e){let{gen:n,data:r,it:i}=t;n.if(Rf(n,r,e,i.opts.ownProperties),()=>{t.setParams({missingProperty:(0,Se._)`${e}`},!0),t.error()})}he.checkReportMissingProp=IR;function OR({gen:t,data:e,it:{opts:n}},r,i){return(0,Se.or)(...r.map(o=>(0,Se.and)(Rf(t,e,o,n.ownProperties),(0,Se._)`${i} = ${o}`)))}he.checkMissingProp=OR;function PR(t,e){t.setParams({missingProperty:e},!0),t.error()}he.reportMissingProp=PR;function nk(t){return t.scopeValue("func",{ref:Object.prototype.hasOwnProperty,code:(0,Se._)`Object.prototype.hasOwnProperty`})}he.hasPropFunc=nk;function xf(t,e,n){return(0,Se._)`${nk(t)}.call(${e}, ${n})`}he.isOwnProperty=xf;function NR(t,e,n,r){let i=(0,Se._)`${e}${(0,Se.getProperty)(n)} !== undefined`;return r?(0,Se._)`${i} && ${xf(t,e,n)}`:i}he.propertyInData=NR;function Rf(t,e,n,r){let i=(0,Se._)`${e}${(0,Se.getProperty)(n)} === undefined`;return r?(0,Se.or)(i,(0,Se.not)(xf(t,e,n))):i}he.noPropertyInData=Rf;function rk(t){return t?Object.keys(t).filter(e=>e!=="__proto__"):[]}he.allSchemaProperties=rk;function LR(t,e){return rk(e).filter(n=>!(0,$f.alwaysValidSchema)(t,e[n]))}he.schemaProperties=LR;function DR({schemaCode:t,data:e,it:{gen:n,topSchemaRef:r,schemaPath:i,errorPath:o},it:s},a,l,c){let u=c?(0,Se._)`${t}, ${e}, ${r}${i}`:e,d=[[Jn.default.instancePath,(0,Se.strConcat)(Jn.default.instancePath,o)],[Jn.default.parentData,s.parentData],[Jn.default.parentDataProperty,s.parentDataProperty],[Jn.default.rootData,Jn.default.rootData]];s.opts.dynamicRef&&d.push([Jn.default.dynamicAnchors,Jn.default.dynamicAnchors]);let f=(0,Se._)`${u}, ${n.object(...d)}`;return l!==Se.nil?(0,Se._)`${a}.call(${l}, ${f})`:(0,Se._)`${a}(${f})`}he.callValidateCode=DR;var MR=(0,Se._)`new RegExp`;function VR({gen:t,it:{opts:e}},n){let r=e.unicodeRegExp?"u":"",{regExp:i}=e.code,o=i(n,r);return t.scopeValue("pattern",{key:o.toString(),ref:o,code:(0,Se._)`${i.code==="new RegExp"?MR:(0,RR.useFunc)(t,i)}(${n}, ${r})`})}he.usePattern=VR;function FR(t){let{gen:e,data:n,keyword:r,it:i}=t,o=e.name("valid");if(i.allErrors){let a=e.let("valid",!0);return s(()=>e.assign(a,!1)),a}return e.var(o,!0),s(()=>e.break()),o;function s(a){let l=e.const("len",(0,Se._)`${n}.length`);e.forRange("i",0,l,c=>{t.subschema({keyword:r,dataProp:c,dataPropType:$f.Type.Num},o),e.if((0,Se.not)(o),a)})}}he.validateArray=FR;function jR(t){let{gen:e,schema:n,keyword:r,it:i}=t;if(!Array.isArray(n))throw new Error("ajv implementation error");if(n.some(l=>(0,$f.alwaysValidSchema)(i,l))&&!i.opts.unevaluated)return;let s=e.let("valid",!1),a=e.name("_valid");e.block(()=>n.forEach((l,c)=>{let u=t.subschema({keyword:r,schemaProp:c,compositeRule:!0},a);e.assign(s,(0,Se._)`${s} || ${a}`),t.mergeValidEvaluated(u,a)||e.if((0,Se.not)(s))})),t.result(s,()=>t.reset(),()=>t.error(!0))}he.validateUnion=jR});var sk=_(an=>{"use strict";Object.defineProperty(an,"__esModule",{value:!0});an.validateKeywordUsage=an.validSchemaType=an.funcKeywordCode=an.macroKeywordCode=void 0;var st=J(),Fr=Pn(),WR=Nt(),qR=Jo();function GR(t,e){let{gen:n,keyword:r,schema:i,parentSchema:o,it:s}=t,a=e.macro.call(s.self,i,o,s),l=ok(n,r,a);s.opts.validateSchema!==!1&&s.self.validateSchema(a,!0);let c=n.name("valid");t.subschema({schema:a,schemaPath:st.nil,errSchemaPath:`${s.errSchemaPath}/${r}`,topSchemaRef:l,compositeRule:!0},c),t.pass(c,()=>t.error(!0))}an.macroKeywordCode=GR;function BR(t,e){var n;let{gen:r,keyword:i,schema:o,parentSchema:s,$data:a,it:l}=t;KR(l,e);let c=!a&&e.compile?e.compile.call(l.self,o,s,l):e.validate,u=ok(r,i,c),d=r.let("valid");t.block$data(d,f),t.ok((n=e.valid)!==null&&n!==void 0?n:d);function f(){if(e.errors===!1)m(),e.modifying&&ik(t),g(()=>t.error());else{let b=e.async?p():h();e.modifying&&ik(t),g(()=>UR(t,b))}}function p(){let b=r.let("ruleErrs",null);return r.try(()=>m((0,st._)`await `),y=>r.assign(d,!1).if((0,st._)`${y} instanceof ${l.ValidationError}`,()=>r.assign(b,(0,st._)`${y}.errors`),()=>r.throw(y))),b}function h(){let b=(0,st._)`${u}.errors`;return r.assign(b,null),m(st.nil),b}function m(b=e.async?(0,st._)`await `:st.nil){let y=l.opts.passContext?Fr.default.this:Fr.default.self,w=!("compile"in e&&!a||e.schema===!1);r.assign(d,(0,st._)`${b}${(0,WR.callValidateCode)(t,u,y,w)}`,e.modifying)}function g(b){var y;r.if((0,st.not)((y=e.valid)!==null&&y!==void 0?y:d),b)}}an.funcKeywordCode=BR;function ik(t){let{gen:e,data:n,it:r}=t;e.if(r.parentData,()=>e.assign(n,(0,st._)`${r.parentData}[${r.parentDataProperty}]`))}function UR(t,e){let{gen:n}=t;n.if((0,st._)`Array.isArray(${e})`,()=>{n.assign(Fr.default.vErrors,(0,st._)`${Fr.default.vErrors} === null ? ${e} : ${Fr.default.vErrors}.concat(${e})`).assign(Fr.default.errors,(0,st._)`${Fr.default.vErrors}.length`),(0,qR.extendErrors)(t)},()=>t.error())}function KR({schemaEnv:t},e){if(e.async&&!t.$async)throw new Error("async keyword in sync schema")}function ok(t,e,n){if(n===void 0)throw new Error(`keyword "${e}" failed to compile`);return t.scopeValue("keyword",typeof n=="function"?{ref:n}:{ref:n,code:(0,st.stringify)(n)})}function zR(t,e,n=!1){return!e.length||e.some(r=>r==="array"?Array.isArray(t):r==="object"?t&&typeof t=="object"&&!Array.isArray(t):typeof t==r||n&&typeof t>"u")}an.validSchemaType=zR;function HR({schema:t,opts:e,self:n,errSchemaPath:r},i,o){if(Array.isArray(i.keyword)?!i.keyword.includes(o):i.keyword!==o)throw new Error("ajv implementation error");let s=i.dependencies;if(s?.some(a=>!Object.prototype.hasOwnProperty.call(t,a)))throw new Error(`parent schema must have dependencies of ${o}: ${s.join(",")}`);if(i.validateSchema&&!i.validateSchema(t[o])){let l=`keyword "${o}" value is invalid at path "${r}": `+n.errorsText(i.validateSchema.errors);if(e.validateSchema==="log")n.logger.error(l);else throw new Error(l)}}an.validateKeywordUsage=HR});var lk=_(Xn=>{"use strict";Object.defineProperty(Xn,"__esModule",{value:!0});Xn.extendSubschemaMode=Xn.extendSubschemaData=Xn.getSubschema=void 0;var ln=J(),ak=ie();function YR(t,{keyword:e,schemaProp:n,schema:r,schemaPath:i,errSchemaPath:o,topSchemaRef:s}){if(e!==void 0&&r!==void 0)throw new Error('both "keyword" and "schema" passed, only one allowed');if(e!==void 0){let a=t.schema[e];return n===void 0?{schema:a,schemaPath:(0,ln._)`${t.schemaPath}${(0,ln.getProperty)(e)}`,errSchemaPath:`${t.errSchemaPath}/${e}`}:{schema:a[n],schemaPath:(0,ln._)`${t.schemaPath}${(0,ln.getProperty)(e)}${(0,ln.getProperty)(n)}`,errSchemaPath:`${t.errSchemaPath}/${e}/${(0,ak.escapeFragment)(n)}`}}if(r!==void 0){if(i===void 0||o===void 0||s===void 0)throw new Error('"schemaPath", "errSchemaPath" and "topSchemaRef" are required with "schema"');return{schema:r,schemaPath:i,topSchemaRef:s,errSchemaPath:o}}throw new Error('either "keyword" or "schema" must be passed')}Xn.getSubschema=YR;function JR(t,e,{dataProp:n,dataPropType:r,data:i,dataTypes:o,propertyName:s}){if(i!==void 0&&n!==void 0)throw new Error('both "data" and "dataProp" passed, only one allowed');let{gen:a}=e;if(n!==void 0){let{errorPath:c,dataPathArr:u,opts:d}=e,f=a.let("data",(0,ln._)`${e.data}${(0,ln.getProperty)(n)}`,!0);l(f),t.errorPath=(0,ln.str)`${c}${(0,ak.getErrorPath)(n,r,d.jsPropertySyntax)}`,t.parentDataProperty=(0,ln._)`${n}`,t.dataPathArr=[...u,t.parentDataProperty]}if(i!==void 0){let c=i instanceof ln.Name?i:a.let("data",i,!0);l(c),s!==void 0&&(t.propertyName=s)}o&&(t.dataTypes=o);function l(c){t.data=c,t.dataLevel=e.dataLevel+1,t.dataTypes=[],e.definedProperties=new Set,t.parentData=e.data,t.dataNames=[...e.dataNames,c]}}Xn.extendSubschemaData=JR;function XR(t,{jtdDiscriminator:e,jtdMetadata:n,compositeRule:r,createErrors:i,allErrors:o}){r!==void 0&&(t.compositeRule=r),i!==void 0&&(t.createErrors=i),o!==void 0&&(t.allErrors=o),t.jtdDiscriminator=e,t.jtdMetadata=n}Xn.extendSubschemaMode=XR});var If=_((K4,ck)=>{"use strict";ck.exports=function t(e,n){if(e===n)return!0;if(e&&n&&typeof e=="object"&&typeof n=="object"){if(e.constructor!==n.constructor)return!1;var r,i,o;if(Array.isArray(e)){if(r=e.length,r!=n.length)return!1;for(i=r;i--!==0;)if(!t(e[i],n[i]))return!1;return!0}if(e.constructor===RegExp)return e.source===n.source&&e.flags===n.flags;if(e.valueOf!==Object.prototype.valueOf)return e.valueOf()===n.valueOf();if(e.toString!==Object.prototype.toString)return e.toString()===n.toString();if(o=Object.keys(e),r=o.length,r!==Object.keys(n).length)return!1;for(i=r;i--!==0;)if(!Object.prototype.hasOwnProperty.call(n,o[i]))return!1;for(i=r;i--!==0;){var s=o[i];if(!t(e[s],n[s]))return!1}return!0}return e!==e&&n!==n}});var dk=_((z4,uk)=>{"use strict";var Qn=uk.exports=function(t,e,n){typeof e=="function"&&(n=e,e={}),n=e.cb||n;var r=typeof n=="function"?n:n.pre||function(){},i=n.post||function(){};hl(e,r,i,t,"",t)};Qn.keywords={additionalItems:!0,items:!0,contains:!0,additionalProperties:!0,propertyNames:!0,not:!0,if:!0,then:!0,else:!0};Qn.arrayKeywords={items:!0,allOf:!0,anyOf:!0,oneOf:!0};Qn.propsKeywords={$defs:!0,definitions:!0,properties:!0,patternProperties:!0,dependencies:!0};Qn.skipKeywords={default:!0,enum:!0,const:!0,required:!0,maximum:!0,minimum:!0,exclusiveMaximum:!0,exclusiveMinimum:!0,multipleOf:!0,maxLength:!0,minLength:!0,pattern:!0,format:!0,maxItems:!0,minItems:!0,uniqueItems:!0,maxProperties:!0,minProperties:!0};function hl(t,e,n,r,i,o,s,a,l,c){if(r&&typeof r=="object"&&!Array.isArray(r)){e(r,i,o,s,a,l,c);for(var u in r){var d=r[u];if(Array.isArray(d)){if(u in Qn.arrayKeywords)for(var f=0;f<d.length;f++)hl(t,e,n,d[f],i+"/"+u+"/"+f,o,i,u,r,f)}else if(u in Qn.propsKeywords){if(d&&typeof d=="object")for(var p in d)hl(t,e,n,d[p],i+"/"+u+"/"+QR(p),o,i,u,r,p)}else(u in Qn.keywords||t.allKeys&&!(u in Qn.skipKeywords))&&hl(t,e,n,d,i+"/"+u,o,i,u,r)}n(r,i,o,s,a,l,c)}}function QR(t){return t.replace(/~/g,"~0").replace(/\//g,"~1")}});var Qo=_(ft=>{"use strict";Object.defineProperty(ft,"__esModule",{value:!0});ft.getSchemaRefs=ft.resolveUrl=ft.normalizeId=ft._getFullPath=ft.getFullPath=ft.inlineRef=void 0;var ZR=ie(),eI=If(),tI=dk(),nI=new Set(["type","format","pattern","maxLength","minLength","maxProperties","minProperties","maxItems","minItems","maximum","minimum","uniqueItems","multipleOf","required","enum","const"]);function rI(t,e=!0){return typeof t=="boolean"?!0:e===!0?!Of(t):e?fk(t)<=e:!1}ft.inlineRef=rI;var iI=new Set(["$ref","$recursiveRef","$recursiveAnchor","$dynamicRef","$dynamicAnchor"]);function Of(t){for(let e in t){if(iI.has(e))return!0;let n=t[e];if(Array.isArray(n)&&n.some(Of)||typeof n=="object"&&Of(n))return!0}return!1}function fk(t){let e=0;for(let n in t){if(n==="$ref")return 1/0;if(e++,!nI.has(n)&&(typeof t[n]=="object"&&(0,ZR.eachItem)(t[n],r=>e+=fk(r)),e===1/0))return 1/0}return e}function pk(t,e="",n){n!==!1&&(e=Ri(e));let r=t.parse(e);return mk(t,r)}ft.getFullPath=pk;function mk(t,e){return t.serialize(e).split("#")[0]+"#"}ft._getFullPath=mk;var oI=/#\/?$/;function Ri(t){return t?t.replace(oI,""):""}ft.normalizeId=Ri;function sI(t,e,n){return n=Ri(n),t.resolve(e,n)}ft.resolveUrl=sI;var aI=/^[a-z_][-a-z0-9._]*$/i;function lI(t,e){if(typeof t=="boolean")return{};let{schemaId:n,uriResolver:r}=this.opts,i=Ri(t[n]||e),o={"":i},s=pk(r,i,!1),a={},l=new Set;return tI(t,{allKeys:!0},(d,f,p,h)=>{if(h===void 0)return;let m=s+f,g=o[h];typeof d[n]=="string"&&(g=b.call(this,d[n])),y.call(this,d.$anchor),y.call(this,d.$dynamicAnchor),o[f]=g;function b(w){let k=this.opts.uriResolver.resolve;if(w=Ri(g?k(g,w):w),l.has(w))throw u(w);l.add(w);let S=this.refs[w];return typeof S=="string"&&(S=this.refs[S]),typeof S=="object"?c(d,S.schema,w):w!==Ri(m)&&(w[0]==="#"?(c(d,a[w],w),a[w]=d):this.refs[w]=m),w}function y(w){if(typeof w=="string"){if(!aI.test(w))throw new Error(`invalid anchor "${w}"`);b.call(this,`#${w}`)}}}),a;function c(d,f,p){if(f!==void 0&&!eI(d,f))throw u(p)}function u(d){return new Error(`reference "${d}" resolves to more than one schema`)}}ft.getSchemaRefs=lI});var ts=_(Zn=>{"use strict";Object.defineProperty(Zn,"__esModule",{value:!0});Zn.getData=Zn.KeywordCxt=Zn.validateFunctionCode=void 0;var wk=Hw(),hk=Xo(),Nf=Af(),gl=Xo(),cI=tk(),es=sk(),Pf=lk(),V=J(),W=Pn(),uI=Qo(),Nn=ie(),Zo=Jo();function dI(t){if(_k(t)&&(Sk(t),vk(t))){mI(t);return}kk(t,()=>(0,wk.topBoolOrEmptySchema)(t))}Zn.validateFunctionCode=dI;function kk({gen:t,validateName:e,schema:n,schemaEnv:r,opts:i},o){i.code.es5?t.func(e,(0,V._)`${W.default.data}, ${W.default.valCxt}`,r.$async,()=>{t.code((0,V._)`"use strict"; ${gk(n,i)}`),pI(t,i),t.code(o)}):t.func(e,(0,V._)`${W.default.data}, ${fI(i)}`,r.$async,()=>t.code(gk(n,i)).code(o))}function fI(t){return(0,V._)`{${W.default.instancePath}="", ${W.default.parentData}, ${W.default.parentDataProperty}, ${W.default.rootData}=${W.default.data}${t.dynamicRef?(0,V._)`, ${W.default.dynamicAnchors}={}`:V.nil}}={}`}function pI(t,e){t.if(W.default.valCxt,()=>{t.var(W.default.instancePath,(0,V._)`${W.default.valCxt}.${W.default.instancePath}`),t.var(W.default.parentData,(0,V._)`${W.default.valCxt}.${W.default.parentData}`),t.var(W.default.parentDataProperty,(0,V._)`${W.default.valCxt}.${W.default.parentDataProperty}`),t.var(W.default.rootData,(0,V._)`${W.default.valCxt}.${W.default.rootData}`),e.dynamicRef&&t.var(W.default.dynamicAnchors,(0,V._)`${W.default.valCxt}.${W.default.dynamicAnchors}`)},()=>{t.var(W.default.instancePath,(0,V._)`""`),t.var(W.default.parentData,(0,V._)`undefined`),t.var(W.default.parentDataProperty,(0,V._)`undefined`),t.var(W.default.rootData,W.default.data),e.dynamicRef&&t.var(W.default.dynamicAnchors,(0,V._)`{}`)})}function mI(t){let{schema:e,opts:n,gen:r}=t;kk(t,()=>{n.$comment&&e.$comment&&Tk(t),wI(t),r.let(W.default.vErrors,null),r.let(W.default.errors,0),n.unevaluated&&hI(t),Ak(t),_I(t)})}function hI(t){let{gen:e,validateName:n}=t;t.evaluated=e.const("evaluated",(0,V._)`${n}.evaluated`),e.if((0,V._)`${t.evaluated}.dynamicProps`,()=>e.assign((0,V._)`${t.evaluated}.props`,(0,V._)`undefined`)),e.if((0,V._)`${t.evaluated}.dynamicItems`,()=>e.assign((0,V._)`${t.evaluated}.items`,(0,V._)`undefined`))}function gk(t,e){let n=typeof t=="object"&&t[e.schemaId];return n&&(e.code.source||e.code.process)?(0,V._)`/*# sourceURL=${n} */`:V.nil}function gI(t,e){if(_k(t)&&(Sk(t),vk(t))){yI(t,e);return}(0,wk.boolOrEmptySchema)(t,e)}function vk({schema:t,self:e}){if(typeof t=="boolean")return!t;for(let n in t)if(e.RULES.all[n])return!0;return!1}function _k(t){return typeof t.schema!="boolean"}function yI(t,e){let{schema:n,gen:r,opts:i}=t;i.$comment&&n.$comment&&Tk(t),kI(t),vI(t);let o=r.const("_errs",W.default.errors);Ak(t,o),r.var(e,(0,V._)`${o} === ${W.default.errors}`)}function Sk(t){(0,Nn.checkUnknownRules)(t),bI(t)}function Ak(t,e){if(t.opts.jtd)return yk(t,[],!1,e);let n=(0,hk.getSchemaTypes)(t.schema),r=(0,hk.coerceAndCheckDataType)(t,n);yk(t,n,!r,e)}function bI(t){let{schema:e,errSchemaPath:n,opts:r,self:i}=t;e.$ref&&r.ignoreKeywordsWithRef&&(0,Nn.schemaHasRulesButRef)(e,i.RULES)&&i.logger.warn(`$ref: keywords ignored in schema at path "${n}"`)}function wI(t){let{schema:e,opts:n}=t;e.default!==void 0&&n.useDefaults&&n.strictSchema&&(0,Nn.checkStrictMode)(t,"default is ignored in the schema root")}function kI(t){let e=t.schema[t.opts.schemaId];e&&(t.baseId=(0,uI.resolveUrl)(t.opts.uriResolver,t.baseId,e))}function vI(t){if(t.schema.$async&&!t.schemaEnv.$async)throw new Error("async schema in sync schema")}function Tk({gen:t,schemaEnv:e,schema:n,errSchemaPath:r,opts:i}){let o=n.$comment;if(i.$comment===!0)t.code((0,V._)`${W.default.self}.logger.log(${o})`);else if(typeof i.$comment=="function"){let s=(0,V.str)`${r}/$comment`,a=t.scopeValue("root",{ref:e.root});t.code((0,V._)`${W.default.self}.opts.$comment(${o}, ${s}, ${a}.schema)`)}}function _I(t){let{gen:e,schemaEnv:n,validateName:r,ValidationError:i,opts:o}=t;n.$async?e.if((0,V._)`${W.default.errors} === 0`,()=>e.return(W.default.data),()=>e.throw((0,V._)`new ${i}(${W.default.vErrors})`)):(e.assign((0,V._)`${r}.errors`,W.default.vErrors),o.unevaluated&&SI(t),e.return((0,V._)`${W.default.errors} === 0`))}function SI({gen:t,evaluated:e,props:n,items:r}){n instanceof V.Name&&t.assign((0,V._)`${e}.props`,n),r instanceof V.Name&&t.assign((0,V._)`${e}.items`,r)}function yk(t,e,n,r){let{gen:i,schema:o,data:s,allErrors:a,opts:l,self:c}=t,{RULES:u}=c;if(o.$ref&&(l.ignoreKeywordsWithRef||!(0,Nn.schemaHasRulesButRef)(o,u))){i.block(()=>Ek(t,"$ref",u.all.$ref.definition));return}l.jtd||AI(t,e),i.block(()=>{for(let f of u.rules)d(f);d(u.post)});function d(f){(0,Nf.shouldUseGroup)(o,f)&&(f.type?(i.if((0,gl.checkDataType)(f.type,s,l.strictNumbers)),bk(t,f),e.length===1&&e[0]===f.type&&n&&(i.else(),(0,gl.reportTypeError)(t)),i.endIf()):bk(t,f),a||i.if((0,V._)`${W.default.errors} === ${r||0}`))}}function bk(t,e){let{gen:n,schema:r,opts:{useDefaults:i}}=t;i&&(0,cI.assignDefaults)(t,e.type),n.block(()=>{for(let o of e.rules)(0,Nf.shouldUseRule)(r,o)&&Ek(t,o.keyword,o.definition,e.type)})}function AI(t,e){t.schemaEnv.meta||!t.opts.strictTypes||(TI(t,e),t.opts.allowUnionTypes||CI(t,e),EI(t,t.dataTypes))}function TI(t,e){if(e.length){if(!t.dataTypes.length){t.dataTypes=e;return}e.forEach(n=>{Ck(t.dataTypes,n)||Lf(t,`type "${n}" not allowed by context "${t.dataTypes.join(",")}"`)}),xI(t,e)}}function CI(t,e){e.length>1&&!(e.length===2&&e.includes("null"))&&Lf(t,"use allowUnionTypes to allow union type keyword")}function EI(t,e){let n=t.self.RULES.all;for(let r in n){let i=n[r];if(typeof i=="object"&&(0,Nf.shouldUseRule)(t.schema,i)){let{type:o}=i.definition;o.length&&!o.some(s=>$I(e,s))&&Lf(t,`missing type "${o.join(",")}" for keyword "${r}"`)}}}function $I(t,e){return t.includes(e)||e==="number"&&t.includes("integer")}function Ck(t,e){return t.includes(e)||e==="integer"&&t.includes("number")}function xI(t,e){let n=[];for(let r of t.dataTypes)Ck(e,r)?n.push(r):e.includes("integer")&&r==="number"&&n.push("integer");t.dataTypes=n}function Lf(t,e){let n=t.schemaEnv.baseId+t.errSchemaPath;e+=` at "${n}" (strictTypes)`,(0,Nn.checkStrictMode)(t,e,t.opts.strictTypes)}var yl=class{constructor(e,n,r){if((0,es.validateKeywordUsage)(e,n,r),this.gen=e.gen,this.allErrors=e.allErrors,this.keyword=r,this.data=e.data,this.schema=e.schema[r],this.$data=n.$data&&e.opts.$data&&this.schema&&this.schema.$data,this.schemaValue=(0,Nn.schemaRefOrVal)(e,this.schema,r,this.$data),this.schemaType=n.schemaType,this.parentSchema=e.schema,this.params={},this.it=e,this.def=n,this.$data)this.schemaCode=e.gen.const("vSchema",$k(this.$data,e));else if(this.schemaCode=this.schemaValue,!(0,es.validSchemaType)(this.schema,n.schemaType,n.allowUndefined))throw new Error(`${r} value must be ${JSON.stringify(n.schemaType)}`);("code"in n?n.trackErrors:n.errors!==!1)&&(this.errsCount=e.gen.const("_errs",W.default.errors))}result(e,n,r){this.failResult((0,V.not)(e),n,r)}failResult(e,n,r){this.gen.if(e),r?r():this.error(),n?(this.gen.else(),n(),this.allErrors&&this.gen.endIf()):this.allErrors?this.gen.endIf():this.gen.else()}pass(e,n){this.failResult((0,V.not)(e),void 0,n)}fail(e){if(e===void 0){this.error(),this.allErrors||this.gen.if(!1);return}this.gen.if(e),this.error(),this.allErrors?this.gen.endIf():this.gen.else()}fail$data(e){if(!this.$data)return this.fail(e);let{schemaCode:n}=this;this.fail((0,V._)`${n} !== undefined && (${(0,V.or)(this.invalid$data(),e)})`)}error(e,n,r){if(n){this.setParams(n),this._error(e,r),this.setParams({});return}this._error(e,r)}_error(e,n){(e?Zo.reportExtraError:Zo.reportError)(this,this.def.error,n)}$dataError(){(0,Zo.reportError)(this,this.def.$dataError||Zo.keyword$DataError)}reset(){if(this.errsCount===void 0)throw new Error('add "trackErrors" to keyword definition');(0,Zo.resetErrorsCount)(this.gen,this.errsCount)}ok(e){this.allErrors||this.gen.if(e)}setParams(e,n){n?Object.assign(this.params,e):this.params=e}block$data(e,n,r=V.nil){this.gen.block(()=>{this.check$data(e,r),n()})}check$data(e=V.nil,n=V.nil){if(!this.$data)return;let{gen:r,schemaCode:i,schemaType:o,def:s}=this;r.if((0,V.or)((0,V._)`${i} === undefined`,n)),e!==V.nil&&r.assign(e,!0),(o.length||s.validateSchema)&&(r.elseIf(this.invalid$data()),this.$dataError(),e!==V.nil&&r.assign(e,!1)),r.else()}invalid$data(){let{gen:e,schemaCode:n,schemaType:r,def:i,it:o}=this;return(0,V.or)(s(),a());function s(){if(r.length){if(!(n instanceof V.Name))throw new Error("ajv implementation error");let l=Array.isArray(r)?r:[r];return(0,V._)`${(0,gl.checkDataTypes)(l,n,o.opts.strictNumbers,gl.DataType.Wrong)}`}return V.nil}function a(){if(i.validateSchema){let l=e.scopeValue("validate$data",{ref:i.validateSchema});return(0,V._)`!${l}(${n})`}return V.nil}}subschema(e,n){let r=(0,Pf.getSubschema)(this.it,e);(0,Pf.extendSubschemaData)(r,this.it,e),(0,Pf.extendSubschemaMode)(r,e);let i={...this.it,...r,items:void 0,props:void 0};return gI(i,n),i}mergeEvaluated(e,n){let{it:r,gen:i}=this;r.opts.unevaluated&&(r.props!==!0&&e.props!==void 0&&(r.props=Nn.mergeEvaluated.props(i,e.props,r.props,n)),r.items!==!0&&e.items!==void 0&&(r.items=Nn.mergeEvaluated.items(i,e.items,r.items,n)))}mergeValidEvaluated(e,n){let{it:r,gen:i}=this;if(r.opts.unevaluated&&(r.props!==!0||r.items!==!0))return i.if(n,()=>this.mergeEvaluated(e,V.Name)),!0}};Zn.KeywordCxt=yl;function Ek(t,e,n,r){let i=new yl(t,n,e);"code"in n?n.code(i,r):i.$data&&n.validate?(0,es.funcKeywordCode)(i,n):"macro"in n?(0,es.macroKeywordCode)(i,n):(n.compile||n.validate)&&(0,es.funcKeywordCode)(i,n)}var RI=/^\/(?:[^~]|~0|~1)*$/,II=/^([0-9]+)(#|\/(?:[^~]|~0|~1)*)?$/;function $k(t,{dataLevel:e,dataNames:n,dataPathArr:r}){let i,o;if(t==="")return W.default.rootData;if(t[0]==="/"){if(!RI.test(t))throw new Error(`Invalid JSON-pointer: ${t}`);i=t,o=W.default.rootData}else{let c=II.exec(t);if(!c)throw new Error(`Invalid JSON-pointer: ${t}`);let u=+c[1];if(i=c[2],i==="#"){if(u>=e)throw new Error(l("property/index",u));return r[e-u]}if(u>e)throw new Error(l("data",u));if(o=n[e-u],!i)return o}let s=o,a=i.split("/");for(let c of a)c&&(o=(0,V._)`${o}${(0,V.getProperty)((0,Nn.unescapeJsonPointer)(c))}`,s=(0,V._)`${s} && ${o}`);return s;function l(c,u){return`Cannot access ${c} ${u} levels up, current level is ${e}`}}Zn.getData=$k});var bl=_(Mf=>{"use strict";Object.defineProperty(Mf,"__esModule",{value:!0});var Df=class extends Error{constructor(e){super("validation failed"),this.errors=e,this.ajv=this.validation=!0}};Mf.default=Df});var ns=_(jf=>{"use strict";Object.defineProperty(jf,"__esModule",{value:!0});var Vf=Qo(),Ff=class extends Error{constructor(e,n,r,i){super(i||`can't resolve reference ${r} from id ${n}`),this.missingRef=(0,Vf.resolveUrl)(e,n,r),this.missingSchema=(0,Vf.normalizeId)((0,Vf.getFullPath)(e,this.missingRef))}};jf.default=Ff});var kl=_(Lt=>{"use strict";Object.defineProperty(Lt,"__esModule",{value:!0});Lt.resolveSchema=Lt.getCompilingSchema=Lt.resolveRef=Lt.compileSchema=Lt.SchemaEnv=void 0;var Ut=J(),OI=bl(),jr=Pn(),Kt=Qo(),xk=ie(),PI=ts(),Ii=class{constructor(e){var n;this.refs={},this.dynamicAnchors={};let r;typeof e.schema=="object"&&(r=e.schema),this.schema=e.schema,this.schemaId=e.schemaId,this.root=e.root||this,this.baseId=(n=e.baseId)!==null&&n!==void 0?n:(0,Kt.normalizeId)(r?.[e.schemaId||"$id"]),this.schemaPath=e.schemaPath,this.localRefs=e.localRefs,this.meta=e.meta,this.$async=r?.$async,this.refs={}}};Lt.SchemaEnv=Ii;function qf(t){let e=Rk.call(this,t);if(e)return e;let n=(0,Kt.getFullPath)(this.opts.uriResolver,t.root.baseId),{es5:r,lines:i}=this.opts.code,{ownProperties:o}=this.opts,s=new Ut.CodeGen(this.scope,{es5:r,lines:i,ownProperties:o}),a;t.$async&&(a=s.scopeValue("Error",{ref:OI.default,code:(0,Ut._)`require("ajv/dist/runtime/validation_error").default`}));let l=s.scopeName("validate");t.validateName=l;let c={gen:s,allErrors:this.opts.allErrors,data:jr.default.data,parentData:jr.default.parentData,parentDataProperty:jr.default.parentDataProperty,dataNames:[jr.default.data],dataPathArr:[Ut.nil],dataLevel:0,dataTypes:[],definedProperties:new Set,topSchemaRef:s.scopeValue("schema",this.opts.code.source===!0?{ref:t.schema,code:(0,Ut.stringify)(t.schema)}:{ref:t.schema}),validateName:l,ValidationError:a,schema:t.schema,schemaEnv:t,rootId:n,baseId:t.baseId||n,schemaPath:Ut.nil,errSchemaPath:t.schemaPath||(this.opts.jtd?"":"#"),errorPath:(0,Ut._)`""`,opts:this.opts,self:this},u;try{this._compilations.add(t),(0,PI.validateFunctionCode)(c),s.optimize(this.opts.code.optimize);let d=s.toString();u=`${s.scopeRefs(jr.default.scope)}return ${d}`,this.opts.code.process&&(u=this.opts.code.process(u,t));let p=new Function(`${jr.default.self}`,`${jr.default.scope}`,u)(this,this.scope.get());if(this.scope.value(l,{ref:p}),p.errors=null,p.schema=t.schema,p.schemaEnv=t,t.$async&&(p.$async=!0),this.opts.code.source===!0&&(p.source={validateName:l,validateCode:d,scopeValues:s._values}),this.opts.unevaluated){let{props:h,items:m}=c;p.evaluated={props:h instanceof Ut.Name?void 0:h,items:m instanceof Ut.Name?void 0:m,dynamicProps:h instanceof Ut.Name,dynamicItems:m instanceof Ut.Name},p.source&&(p.source.evaluated=(0,Ut.stringify)(p.evaluated))}return t.validate=p,t}catch(d){throw delete t.validate,delete t.validateName,u&&this.logger.error("Error compiling schema, function code:",u),d}finally{this._compilations.delete(t)}}Lt.compileSchema=qf;function NI(t,e,n){var r;n=(0,Kt.resolveUrl)(this.opts.uriResolver,e,n);let i=t.refs[n];if(i)return i;let o=MI.call(this,t,n);if(o===void 0){let s=(r=t.localRefs)===null||r===void 0?void 0:r[n],{schemaId:a}=this.opts;s&&(o=new Ii({schema:s,schemaId:a,root:t,baseId:e}))}if(o!==void 0)return t.refs[n]=LI.call(this,o)}Lt.resolveRef=NI;function LI(t){return(0,Kt.inlineRef)(t.schema,this.opts.inlineRefs)?t.schema:t.validate?t:qf.call(this,t)}function Rk(t){for(let e of this._compilations)if(DI(e,t))return e}Lt.getCompilingSchema=Rk;function DI(t,e){return t.schema===e.schema&&t.root===e.root&&t.baseId===e.baseId}function MI(t,e){let n;for(;typeof(n=this.refs[e])=="string";)e=n;return n||this.schemas[e]||wl.call(this,t,e)}function wl(t,e){let n=this.opts.uriResolver.parse(e),r=(0,Kt._getFullPath)(this.opts.uriResolver,n),i=(0,Kt.getFullPath)(this.opts.uriResolver,t.baseId,void 0);if(Object.keys(t.schema).length>0&&r===i)return Wf.call(this,n,t);let o=(0,Kt.normalizeId)(r),s=this.refs[o]||this.schemas[o];if(typeof s=="string"){let a=wl.call(this,t,s);return typeof a?.schema!="object"?void 0:Wf.call(this,n,a)}if(typeof s?.schema=="object"){if(s.validate||qf.call(this,s),o===(0,Kt.normalizeId)(e)){let{schema:a}=s,{schemaId:l}=this.opts,c=a[l];return c&&(i=(0,Kt.resolveUrl)(this.opts.uriResolver,i,c)),new Ii({schema:a,schemaId:l,root:t,baseId:i})}return Wf.call(this,n,s)}}Lt.resolveSchema=wl;var VI=new Set(["properties","patternProperties","enum","dependencies","definitions"]);function Wf(t,{baseId:e,schema:n,root:r}){var i;if(((i=t.fragment)===null||i===void 0?void 0:i[0])!=="/")return;for(let a of t.fragment.slice(1).split("/")){if(typeof n=="boolean")return;let l=n[(0,xk.unescapeFragment)(a)];if(l===void 0)return;n=l;let c=typeof n=="object"&&n[this.opts.schemaId];!VI.has(a)&&c&&(e=(0,Kt.resolveUrl)(this.opts.uriResolver,e,c))}let o;if(typeof n!="boolean"&&n.$ref&&!(0,xk.schemaHasRulesButRef)(n,this.RULES)){let a=(0,Kt.resolveUrl)(this.opts.uriResolver,e,n.$ref);o=wl.call(this,r,a)}let{schemaId:s}=this.opts;if(o=o||new Ii({schema:n,schemaId:s,root:r,baseId:e}),o.schema!==o.root.schema)return o}});var Ik=_((Z4,FI)=>{FI.exports={$id:"https://raw.githubusercontent.com/ajv-validator/ajv/master/lib/refs/data.json#",description:"Meta-schema for $data reference (JSON AnySchema extension proposal)",type:"object",required:["$data"],properties:{$data:{type:"string",anyOf:[{format:"relative-json-pointer"},{format:"json-pointer"}]}},additionalProperties:!1}});var Hf=_((e5,Fk)=>{"use strict";var jI=RegExp.prototype.test.bind(/^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/iu),Bf=RegExp.prototype.test.bind(/^(?:(?:25[0-5]|2[0-4]\d|1\d{2}|[1-9]\d|\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d{2}|[1-9]\d|\d)$/u),WI=RegExp.prototype.test.bind(/^\d*$/u),Wr=RegExp.prototype.test.bind(/^[\da-f]{2}$/iu),Uf=RegExp.prototype.test.bind(/^[\da-z\-._~]$/iu),Pk=RegExp.prototype.test.bind(/^[A-Za-z0-9\-._~!$&'()*+,;=:@/]$/u),Kf=RegExp.prototype.test.bind(/^[A-Za-z0-9\-._~!$&'()*+,;=:@/?]$/u),qI=RegExp.prototype.test.bind(/^[A-Za-z0-9\-._~!$&'()*+,;=:]$/u),pt=new Array(256);{let t="0123456789ABCDEF";for(let e=0;e<256;e++)pt[e]="%"+t[e>>4]+t[e&15]}function tt(t){return t<2048?pt[192|t>>6]+pt[128|t&63]:t<65536?pt[224|t>>12]+pt[128|t>>6&63]+pt[128|t&63]:pt[240|t>>18]+pt[128|t>>12&63]+pt[128|t>>6&63]+pt[128|t&63]}function GI(t){let e="",n=0,r=0;for(r=0;r<t.length;r++)if(n=t[r].charCodeAt(0),n!==48){if(!(n>=48&&n<=57||n>=65&&n<=70||n>=97&&n<=102))return"";e+=t[r];break}for(r+=1;r<t.length;r++){if(n=t[r].charCodeAt(0),!(n>=48&&n<=57||n>=65&&n<=70||n>=97&&n<=102))return"";e+=t[r]}return e}var BI=RegExp.prototype.test.bind(/^[\dA-Fa-f]{1,4}$/),UI=RegExp.prototype.test.bind(/^[vV][\dA-Fa-f]+\.[A-Za-z\d\-._~!$&'()*+,;=:]+$/),KI=RegExp.prototype.test.bind(/^[A-Za-z\d\-._~]$/),zI=RegExp.prototype.test.bind(/[^!"$&'()*+,\-.;=_`a-z{}~]/u);function HI(t){if(t.length===0)return!1;for(let e=0;e<t.length;e++)if(!KI(t[e])){if(t[e]==="%"&&e+2<t.length&&Wr(t.slice(e+1,e+3))){e+=2;continue}return!1}return!0}function Ok(t){let e=-1,n=0,r=-1,i=0;for(let a=0;a<t.length;a++)t[a]==="0"?(r===-1&&(r=a),i++,i>n&&(n=i,e=r)):(r=-1,i=0);if(n<2)return t.join(":");let o=t.slice(0,e).join(":"),s=t.slice(e+n).join(":");return o+"::"+s}function YI(t){let e=t.indexOf("::");if(e!==-1&&t.indexOf("::",e+1)!==-1)return;let n=e===-1?t.split(":"):t.slice(0,e).split(":"),r=e===-1?[]:t.slice(e+2).split(":");e!==-1&&(n.length===1&&n[0]===""&&(n.length=0),r.length===1&&r[0]===""&&(r.length=0));let i=n.concat(r),o=0;for(let a=0;a<i.length;a++){let l=i[a];if(l==="")return;if(l.indexOf(".")!==-1){if(a!==i.length-1||e!==-1&&r.length===0||!Bf(l))return;o+=2;continue}if(!BI(l))return;i[a]=parseInt(l,16).toString(16),o++}if(e===-1)return o!==8?void 0:Ok(i);if(o>=8)return;let s=i.slice(0,n.length);for(let a=o;a<8;a++)s.push("0");for(let a=n.length;a<i.length;a++)s.push(i[a]);return Ok(s)}function Gf(t){let e=t[0]==="["&&t[t.length-1]==="]";if((t[0]==="["||t[t.length-1]==="]")&&!e)return{host:t,isIPV6:!1,error:!0};let r=e?t.slice(1,-1):t;if(e&&UI(r))return r=r.toLowerCase(),{host:`[${r}]`,escapedHost:r,isIPV6:!1,isIPVFuture:!0};if(JI(r,":")<2)return{host:t,isIPV6:!1,error:e};let i="",o=r.indexOf("%");if(o!==-1){let a=r.slice(o,o+3).toLowerCase()==="%25"?3:1;if(i=r.slice(o+a),!HI(i))return{host:t,isIPV6:!1,error:!0};r=r.slice(0,o)}let s=YI(r);return s===void 0?{host:t,isIPV6:!1,error:!0}:{host:s+(i?"%"+i:""),escapedHost:s+(i?"%25"+i:""),isIPV6:!0}}function JI(t,e){let n=0;for(let r=0;r<t.length;r++)t[r]===e&&n++;return n}function Nk(t){let e=t,n=[],r=-1,i=0;for(;i=e.length;){if(i===1){if(e===".")break;if(e==="/"){n.push("/");break}else{n.push(e);break}}else if(i===2){if(e[0]==="."){if(e[1]===".")break;if(e[1]==="/"){e=e.slice(2);continue}}else if(e[0]==="/"&&(e[1]==="."||e[1]==="/")){n.push("/");break}}else if(i===3&&e==="/.."){n.length!==0&&n.pop(),n.push("/");break}if(e[0]==="."){if(e[1]==="."){if(e[2]==="/"){e=e.slice(3);continue}}else if(e[1]==="/"){e=e.slice(2);continue}}else if(e[0]==="/"&&e[1]==="."){if(e[2]==="/"){e=e.slice(2);continue}else if(e[2]==="."&&e[3]==="/"){e=e.slice(3),n.length!==0&&n.pop();continue}}if((r=e.indexOf("/",1))===-1){n.push(e);break}else n.push(e.slice(0,r)),e=e.slice(r)}return n.join("")}function XI(t){if(t===""||t[0]==="/")return Nk(t);let e=t.split("/"),n=e.length-1,r=[],i=!1;for(let o=0;o<=n;o++){let s=e[o];s==="."||s===".."?(s===".."&&(r.length!==0&&r[r.length-1]!==".."?r.pop():r.push("..")),i=o===n):r.push(s)}return i&&r[r.length-1]!==".."&&r.push(""),(r.length===0||r[0]===""||r[0].includes(":"))&&r.unshift("."),r.join("/")}var QI={"@":"%40","/":"%2F","?":"%3F","#":"%23",":":"%3A"},ZI=/[@/?#:]/g,eO=/[@/?#]/g;function Lk(t,e){let n=e?eO:ZI;return n.lastIndex=0,t.replace(n,r=>QI[r])}function Dk(t,e=!1){if(t.indexOf("%")===-1)return t;let n="";for(let r=0;r<t.length;r++){if(t[r]==="%"&&r+2<t.length){let i=t.slice(r+1,r+3);if(Wr(i)){let o=i.toUpperCase(),s=String.fromCharCode(parseInt(o,16));e&&Uf(s)?n+=s:n+="%"+o,r+=2;continue}}n+=t[r]}return n}function tO(t){let e="";for(let n=0;n<t.length;n++){let r=t[n];if(r==="%"&&n+2<t.length){let i=t.slice(n+1,n+3);if(Wr(i)){let o=i.toUpperCase(),s=String.fromCharCode(parseInt(o,16));s!=="."&&Uf(s)?e+=s:e+="%"+o,n+=2;continue}}if(Pk(r))e+=r;else{let i=t.charCodeAt(n);if(i<128)e+=Vk(i)?r:pt[i];else if(i<55296||i>57343)e+=tt(i);else if(i<=56319&&n+1<t.length){let o=t.charCodeAt(n+1);o>=56320&&o<=57343?(e+=tt(65536+(i-55296<<10)+(o-56320)),n++):e+=tt(65533)}else e+=tt(65533)}}return e}function nO(t,e=!1){let n="",r=e&&t[0]!=="/";for(let i=0;i<t.length;i++){let o=t[i];if(o==="%"&&i+2<t.length){let s=t.slice(i+1,i+3);if(Wr(s)){n+="%"+s.toUpperCase(),i+=2;continue}}if(o==="/"&&(r=!1),Pk(o)&&(o!==":"||!r))n+=o;else{let s=t.charCodeAt(i);if(s<128)n+=pt[s];else if(s<55296||s>57343)n+=tt(s);else if(s<=56319&&i+1<t.length){let a=t.charCodeAt(i+1);a>=56320&&a<=57343?(n+=tt(65536+(s-55296<<10)+(a-56320)),i++):n+=tt(65533)}else n+=tt(65533)}}return n}function zf(t,e){let n="";for(let r=0;r<t.length;r++){let i=t[r];if(i==="%"&&r+2<t.length){let o=t.slice(r+1,r+3);if(Wr(o)){n+="%"+o.toUpperCase(),r+=2;continue}}if(e(i))n+=i;else{let o=t.charCodeAt(r);if(o<128)n+=pt[o];else if(o<55296||o>57343)n+=tt(o);else if(o<=56319&&r+1<t.length){let s=t.charCodeAt(r+1);s>=56320&&s<=57343?(n+=tt(65536+(o-55296<<10)+(s-56320)),r++):n+=tt(65533)}else n+=tt(65533)}}return n}function Mk(t){return zf(t,qI)}function rO(t){return zf(t,Kf)}function iO(t){return zf(t,Kf)}function Vk(t){return t>=48&&t<=57||t>=65&&t<=90||t>=97&&t<=122||t===42||t===43||t===45||t===46||t===47||t===64||t===95}function oO(t){let e="";for(let n=0;n<t.length;n++){let r=t[n];if(r==="%"&&n+2<t.length){let i=t.slice(n+1,n+3);if(Wr(i)){let o=i.toUpperCase(),s=String.fromCharCode(parseInt(o,16));Uf(s)?e+=s:e+="%"+o,n+=2;continue}}if(Kf(r))e+=r;else{let i=t.charCodeAt(n);if(i<128)e+=Vk(i)?r:pt[i];else if(i<55296||i>57343)e+=tt(i);else if(i<=56319&&n+1<t.length){let o=t.charCodeAt(n+1);o>=56320&&o<=57343?(e+=tt(65536+(i-55296<<10)+(o-56320)),n++):e+=tt(65533)}else e+=tt(65533)}}return e}function sO(t){let e="";for(let n=0;n<t.length;n++){if(t[n]==="%"&&n+2<t.length){let r=t.slice(n+1,n+3);if(Wr(r)){e+="%"+r.toUpperCase(),n+=2;continue}}e+=escape(t[n])}return e}function aO(t){let e=[];if(t.userinfo!==void 0&&(e.push(Mk(t.userinfo)),e.push("@")),t.host!==void 0){let n=t.host;if(!Bf(n)){let r=Gf(n);r.isIPV6!==!0&&r.isIPVFuture!==!0&&(n=Dk(n,!0),r=Gf(n)),r.isIPV6===!0||r.isIPVFuture===!0?n=`[${r.escapedHost}]`:n=Lk(n,!1)}e.push(n)}if(typeof t.port=="number"||typeof t.port=="string"){let n=String(t.port);if(!WI(n))throw new TypeError("URI port is malformed.");e.push(":"),e.push(n)}return e.length?e.join(""):void 0}Fk.exports={nonSimpleDomain:zI,recomposeAuthority:aO,reescapeHostDelimiters:Lk,normalizePercentEncoding:Dk,normalizePathEncoding:tO,serializePathEncoding:nO,normalizeQueryFragmentEncoding:oO,encodeUserinfo:Mk,encodeQuery:rO,encodeFragment:iO,escapePreservingEscapes:sO,removeDotSegments:Nk,removeDotSegmentsRelative:XI,isIPv4:Bf,isUUID:jI,normalizeIPv6:Gf,stringArrayToHexStripped:GI}});var Bk=_((t5,Gk)=>{"use strict";var{isUUID:lO}=Hf(),cO=/^([\da-z][\d\-a-z]{0,31}):((?:[\w!$'()*+,\-./:;=@]|%[\da-f]{2})+)$/iu,uO=["http","https","ws","wss","urn","urn:uuid"];function dO(t){return uO.indexOf(t)!==-1}function Yf(t){return t.secure===!0?!0:t.secure===!1?!1:t.scheme?t.scheme.length===3&&(t.scheme[0]==="w"||t.scheme[0]==="W")&&(t.scheme[1]==="s"||t.scheme[1]==="S")&&(t.scheme[2]==="s"||t.scheme[2]==="S"):!1}function jk(t){return t.host||(t.error=t.error||"HTTP URIs must have a host."),t}function Wk(t){let e=String(t.scheme).toLowerCase()==="https";return(t.port===(e?443:80)||t.port==="")&&(t.port=void 0),t.path||(t.path="/"),t}function fO(t){return t.secure=Yf(t),t.resourceName=(t.path||"/")+(t.query?"?"+t.query:""),t.path=void 0,t.query=void 0,t}function pO(t){if((t.port===(Yf(t)?443:80)||t.port==="")&&(t.port=void 0),typeof t.secure=="boolean"&&(t.scheme=t.secure?"wss":"ws",t.secure=void 0),t.resourceName){let e=t.resourceName.indexOf("?"),n=e===-1?t.resourceName:t.resourceName.slice(0,e);t.path=n&&n!=="/"?n:void 0,t.query=e===-1?void 0:t.resourceName.slice(e+1),t.resourceName=void 0}return t.fragment=void 0,t}function mO(t,e){if(!t.path)return t.error="URN can not be parsed",t;let n=t.path.match(cO);if(n&&n[0]===t.path){let r=e.scheme||t.scheme||"urn";t.nid=n[1].toLowerCase(),t.nss=n[2];let i=`${r}:${e.nid||t.nid}`,o=Jf(i);t.path=void 0,o&&(t=o.parse(t,e))}else t.error=t.error||"URN can not be parsed.";return t}function hO(t,e){if(t.nid===void 0)throw new Error("URN without nid cannot be serialized");let n=e.scheme||t.scheme||"urn",r=t.nid.toLowerCase(),i=`${n}:${e.nid||r}`,o=Jf(i);o&&(t=o.serialize(t,e));let s=t,a=t.nss;return s.path=`${r||e.nid}:${a}`,e.skipEscape=!0,s}function gO(t,e){let n=t;return n.uuid=n.nss,n.nss=void 0,!e.tolerant&&(!n.uuid||!lO(n.uuid))&&(n.error=n.error||"UUID is not valid."),n}function yO(t){let e=t;return e.nss=(t.uuid||"").toLowerCase(),e}var qk={scheme:"http",domainHost:!0,parse:jk,serialize:Wk},bO={scheme:"https",domainHost:qk.domainHost,parse:jk,serialize:Wk},vl={scheme:"ws",domainHost:!0,parse:fO,serialize:pO},wO={scheme:"wss",domainHost:vl.domainHost,parse:vl.parse,serialize:vl.serialize},kO={scheme:"urn",parse:mO,serialize:hO,skipNormalize:!0},vO={scheme:"urn:uuid",parse:gO,serialize:yO,skipNormalize:!0},_l={http:qk,https:bO,ws:vl,wss:wO,urn:kO,"urn:uuid":vO};Object.setPrototypeOf(_l,null);function Jf(t){return t&&(_l[t]||_l[t.toLowerCase()])||void 0}Gk.exports={wsIsSecure:Yf,SCHEMES:_l,isValidSchemeName:dO,getSchemeHandler:Jf}});var ov=_((n5,El)=>{"use strict";var{normalizeIPv6:Yk,removeDotSegments:is,removeDotSegmentsRelative:Jk,recomposeAuthority:_O,normalizePercentEncoding:Xf,normalizePathEncoding:SO,serializePathEncoding:Uk,normalizeQueryFragmentEncoding:Kk,encodeQuery:AO,encodeFragment:TO,reescapeHostDelimiters:CO,isIPv4:Xk,nonSimpleDomain:EO}=Hf(),{SCHEMES:Qk,getSchemeHandler:Qf}=Bk(),Zk=/^[A-Za-z][A-Za-z0-9+.-]*$/u,ev="URI scheme is malformed.",Sl="URI host is malformed.",$O=/[\0-\x20"#/:<>?@[\\\]^`{|}\x7F]/u;function zk(t){let e=String(t);if(!Zk.test(e))throw new TypeError(ev);return e}function xO(t,e){return typeof t=="string"?t=VO(t,e):typeof t=="object"&&(t=Tl(qr(t,e),e)),t}function RO(t,e,n){let r=n?Object.assign({scheme:"null"},n):{scheme:"null"},{parsed:i,malformedAuthorityOrPort:o,malformedPercentEncoding:s,malformedSchemeSpecific:a,malformedHost:l,malformedScheme:c}=Al(t,r),{parsed:u,malformedAuthorityOrPort:d,malformedPercentEncoding:f,malformedSchemeSpecific:p,malformedHost:h,malformedScheme:m}=Al(e,r);if(o||d||s||f||a||p||l||h||c||m)throw new Error(i.error||u.error||"URI is malformed.");let g=tv(i,u,r,!0),b=Qf(n&&n.scheme||g.scheme),y=g.host,w=y!==void 0&&y!==""&&(Xk(y)||Yk(y).isIPV6);if(rv(g,n||{},b,w))throw new Error(Sl);nv(g,n||{},b,w);let k=y&&y.indexOf("%")!==-1&&!new RegExp("\\P{ASCII}","u").test(y);if(g.error&&!k)throw new Error(g.error);return r.skipEscape=!0,qr(g,r)}function tv(t,e,n,r){let i={};if(r||(t=Tl(qr(t,n),n),e=Tl(qr(e,n),n)),n=n||{},!n.tolerant&&e.scheme)i.scheme=e.scheme,i.userinfo=e.userinfo,i.host=e.host,i.port=e.port,i.path=is(e.path||""),i.query=e.query;else{if(e.userinfo!==void 0||e.host!==void 0||e.port!==void 0)i.userinfo=e.userinfo,i.host=e.host,i.port=e.port,i.path=is(e.path||""),i.query=e.query;else{if(!e.path)i.path=t.path,e.query!==void 0?i.query=e.query:i.query=t.query;else{if(e.path[0]==="/")i.path=is(e.path);else{let o=t.userinfo!==void 0||t.host!==void 0||t.port!==void 0;o&&!t.path?i.path="/"+e.path:t.path?i.path=t.path.slice(0,t.path.lastIndexOf("/")+1)+e.path:i.path=e.path,i.path=t.scheme===void 0&&!o&&i.path[0]!=="/"?Jk(i.path):is(i.path)}i.query=e.query}i.userinfo=t.userinfo,i.host=t.host,i.port=t.port}i.scheme=t.scheme}return i.fragment=e.fragment,i}function IO(t,e,n){let r=Hk(t,n),i=Hk(e,n);return r!==void 0&&i!==void 0&&r===i}function qr(t,e){let n={host:t.host,scheme:t.scheme,userinfo:t.userinfo,port:t.port,path:t.path,query:t.query,nid:t.nid,nss:t.nss,uuid:t.uuid,fragment:t.fragment,reference:t.reference,resourceName:t.resourceName,secure:t.secure,error:""},r=Object.assign({},e),i=[];n.scheme&&(n.scheme=zk(n.scheme));let o=Qf(r.scheme||n.scheme);o&&o.serialize&&o.serialize(n,r);let s=n.userinfo!==void 0||n.host!==void 0||n.port!==void 0,a=(n.scheme===void 0||r.reference==="suffix")&&!s,l=!r.skipEscape&&a;n.path!==void 0&&(r.skipEscape?n.path=Xf(n.path):n.path=Uk(n.path,l)),r.reference!=="suffix"&&n.scheme&&(n.scheme=zk(n.scheme),i.push(n.scheme,":"));let c=_O(n);if(c!==void 0&&(r.reference!=="suffix"&&i.push("//"),i.push(c),n.path&&n.path[0]!=="/"&&i.push("/")),n.path!==void 0){let u=n.path;!r.absolutePath&&(!o||!o.absolutePath)&&(u=a&&u[0]!=="/"?Jk(u):is(u)),a&&(u=Uk(u,!0)),c===void 0&&u[0]==="/"&&u[1]==="/"&&(u="/%2F"+u.slice(2)),i.push(u)}return n.query!==void 0&&i.push("?",AO(n.query)),n.fragment!==void 0&&i.push("#",TO(n.fragment)),i.join("")}var OO=/^(?:([^#/:?]+):)?(?:\/\/((?:([^#/?@]*)@)?(\[[^#/?\]]+\]|[^#/:?]*)(?::(\d*))?))?([^#?]*)(?:\?([^#]*))?(?:#((?:.|[\n\r])*))?/u,PO=/^(?:[^#/:?]+:)?\/\/([^/?#]*)/,NO=/^(?:[^#/:?]+:)?([/\\\t\n\r]*)/;function LO(t,e){if(e[2]!==void 0&&t.path&&t.path[0]!=="/")return'URI path must start with "/" when authority is present.';if(typeof t.port=="number"&&(t.port<0||t.port>65535))return"URI port is malformed."}function rs(t){if(t===void 0)return!1;let e=t.indexOf("%");for(;e!==-1;){if(e+2>=t.length||!/^[\da-f]{2}$/iu.test(t.slice(e+1,e+3)))return!0;e=t.indexOf("%",e+3)}return!1}function Cl(t){return t[0]==="["&&t[t.length-1]==="]"}function DO(t){let e=t[4];return rs(t[3])||e!==void 0&&!Cl(e)&&rs(e)||rs(t[6])||rs(t[7])||rs(t[8])}function nv(t,e,n,r){if(rv(t,e,n,r))return t.error=t.error||Sl,!0;if(!e.unicodeSupport&&(!n||!n.unicodeSupport)&&t.host&&!Cl(t.host)&&(e.domainHost||n&&n.domainHost)&&r===!1&&EO(t.host)){let i;try{i=new URL("http://"+t.host)}catch(o){return t.error=t.error||"Host's domain name can not be converted to ASCII: "+o,!0}if(!MO(i))return t.error=t.error||Sl,!0;t.host=i.hostname}return!1}function rv(t,e,n,r){return!!(t.host&&r===!1&&!Cl(t.host)&&(e.domainHost||n&&n.domainHost)&&$O.test(t.host))}function MO(t){return t.username===""&&t.password===""&&t.port===""&&t.pathname==="/"&&t.search===""&&t.hash===""&&t.hostname!==""}function Al(t,e){let n=Object.assign({},e),r={scheme:void 0,userinfo:void 0,host:"",port:void 0,path:"",query:void 0,fragment:void 0},i=!1,o=!1,s=!1,a=!1,l=!1,c=!1,u=!1;n.reference==="suffix"&&(n.scheme?t=n.scheme+":"+t:t="//"+t);let d=t.match(PO);d!==null&&d[1].indexOf("\\")!==-1&&(r.error="URI authority must not contain a literal backslash.",i=!0);let f=t.match(NO);if(f!==null){let h=f[1],m=h.replace(/[\t\n\r]/g,"");m.length>=2&&(m.slice(0,2)!=="//"?(r.error=r.error||"URI authority must not contain a literal backslash.",i=!0):h.length!==m.length&&(r.error=r.error||"URI authority introducer must not contain whitespace.",i=!0))}let p=t.match(OO);if(p){r.scheme=p[1],r.userinfo=p[3],r.host=p[4],r.port=parseInt(p[5],10),r.path=p[6]||"",r.query=p[7],r.fragment=p[8],r.scheme!==void 0&&(Zk.test(r.scheme)?r.scheme=r.scheme.toLowerCase():(r.error=r.error||ev,c=!0)),o=DO(p),o&&(r.error=r.error||"URI contains malformed percent-encoding."),isNaN(r.port)&&(r.port=p[5]);let h=LO(r,p);if(h!==void 0&&(r.error=r.error||h,i=!0),r.host)if(Xk(r.host)===!1){let b=Cl(r.host),y=r.host.indexOf("[")!==-1||r.host.indexOf("]")!==-1,w=Yk(r.host);u=w.isIPV6||w.isIPVFuture===!0,l=y&&(!b||w.error===!0),r.host=u?w.host:w.host.toLowerCase(),l&&(r.error=r.error||Sl,i=!0)}else u=!0;r.scheme===void 0&&r.userinfo===void 0&&r.host===void 0&&r.port===void 0&&r.query===void 0&&!r.path?r.reference="same-document":r.scheme===void 0?r.reference="relative":r.fragment===void 0?r.reference="absolute":r.reference="uri",n.reference&&n.reference!=="suffix"&&n.reference!==r.reference&&(r.error=r.error||"URI is not a "+n.reference+" reference.");let m=Qf(n.scheme||r.scheme);if(l||(a=nv(r,n,m,u)),t.indexOf("%")!==-1&&r.host!==void 0&&!l){let g=u?r.host:Xf(r.host,!0);u||(g=Xf(g.toLowerCase())),r.host=u||n.scheme!=="null"?CO(g,u):g}(!m||m&&!m.skipNormalize)&&(r.path&&(r.path=SO(r.path)),r.query&&(r.query=Kk(r.query)),r.fragment&&(r.fragment=Kk(r.fragment))),m&&m.parse&&(m.parse(r,n),m===Qk.urn&&r.nid===void 0&&(s=!0))}else r.error=r.error||"URI can not be parsed.";return{parsed:r,malformedAuthorityOrPort:i,malformedPercentEncoding:o,malformedSchemeSpecific:s,malformedHost:a,malformedScheme:c}}function Tl(t,e){return Al(t,e).parsed}function VO(t,e){return iv(t,e).normalized}function iv(t,e){let{parsed:n,malformedAuthorityOrPort:r,malformedPercentEncoding:i,malformedSchemeSpecific:o,malformedHost:s,malformedScheme:a}=Al(t,e);return{normalized:r||i||o||s||a?t:qr(n,e),malformedAuthorityOrPort:r,malformedPercentEncoding:i,malformedSchemeSpecific:o,malformedHost:s,malformedScheme:a}}function Hk(t,e){if(typeof t!="string"&&typeof t!="object")return;let n;try{n=typeof t=="string"?t:qr(t,e)}catch{return}let{normalized:r,malformedAuthorityOrPort:i,malformedPercentEncoding:o,malformedSchemeSpecific:s,malformedHost:a,malformedScheme:l}=iv(n,e);return i||o||s||a||l?void 0:r}var Zf={SCHEMES:Qk,normalize:xO,resolve:RO,resolveComponent:tv,equal:IO,serialize:qr,parse:Tl};El.exports=Zf;El.exports.default=Zf;El.exports.fastUri=Zf});var av=_(ep=>{"use strict";Object.defineProperty(ep,"__esModule",{value:!0});var sv=ov();sv.code='require("ajv/dist/runtime/uri").default';ep.default=sv});var hv=_(Ke=>{"use strict";Object.defineProperty(Ke,"__esModule",{value:!0});Ke.CodeGen=Ke.Name=Ke.nil=Ke.stringify=Ke.str=Ke._=Ke.KeywordCxt=void 0;var FO=ts();Object.defineProperty(Ke,"KeywordCxt",{enumerable:!0,get:function(){return FO.KeywordCxt}});var Oi=J();Object.defineProperty(Ke,"_",{enumerable:!0,get:function(){return Oi._}});Object.defineProperty(Ke,"str",{enumerable:!0,get:function(){return Oi.str}});Object.defineProperty(Ke,"stringify",{enumerable:!0,get:function(){return Oi.stringify}});Object.defineProperty(Ke,"nil",{enumerable:!0,get:function(){return Oi.nil}});Object.defineProperty(Ke,"Name",{enumerable:!0,get:function(){return Oi.Name}});Object.defineProperty(Ke,"CodeGen",{enumerable:!0,get:function(){return Oi.CodeGen}});var jO=bl(),fv=ns(),WO=Sf(),os=kl(),qO=J(),ss=Qo(),$l=Xo(),np=ie(),lv=Ik(),GO=av(),pv=(t,e)=>new RegExp(t,e);pv.code="new RegExp";var BO=["removeAdditional","useDefaults","coerceTypes"],UO=new Set(["validate","serialize","parse","wrapper","root","schema","keyword","pattern","formats","validate$data","func","obj","Error"]),KO={errorDataPath:"",format:"`validateFormats: false` can be used instead.",nullable:'"nullable" keyword is supported by default.',jsonPointers:"Deprecated jsPropertySyntax can be used instead.",extendRefs:"Deprecated ignoreKeywordsWithRef can be used instead.",missingRefs:"Pass empty schema with $id that should be ignored to ajv.addSchema.",processCode:"Use option `code: {process: (code, schemaEnv: object) => string}`",sourceCode:"Use option `code: {source: true}`",strictDefaults:"It is default now, see option `strict`.",strictKeywords:"It is default now, see option `strict`.",uniqueItems:'"uniqueItems" keyword is always validated.',unknownFormats:"Disable strict mode or pass `true` to `ajv.addFormat` (or `formats` option).",cache:"Map is used as cache, schema object as key.",serialize:"Map is used as cache, schema object as key.",ajvErrors:"It is default now."},zO={ignoreKeywordsWithRef:"",jsPropertySyntax:"",unicode:'"minLength"/"maxLength" account for unicode characters by default.'},cv=200;function HO(t){var e,n,r,i,o,s,a,l,c,u,d,f,p,h,m,g,b,y,w,k,S,$,P,T,N;let A=t.strict,ce=(e=t.code)===null||e===void 0?void 0:e.optimize,G=ce===!0||ce===void 0?1:ce||0,fe=(r=(n=t.code)===null||n===void 0?void 0:n.regExp)!==null&&r!==void 0?r:pv,C=(i=t.uriResolver)!==null&&i!==void 0?i:GO.default;return{strictSchema:(s=(o=t.strictSchema)!==null&&o!==void 0?o:A)!==null&&s!==void 0?s:!0,strictNumbers:(l=(a=t.strictNumbers)!==null&&a!==void 0?a:A)!==null&&l!==void 0?l:!0,strictTypes:(u=(c=t.strictTypes)!==null&&c!==void 0?c:A)!==null&&u!==void 0?u:"log",strictTuples:(f=(d=t.strictTuples)!==null&&d!==void 0?d:A)!==null&&f!==void 0?f:"log",strictRequired:(h=(p=t.strictRequired)!==null&&p!==void 0?p:A)!==null&&h!==void 0?h:!1,code:t.code?{...t.code,optimize:G,regExp:fe}:{optimize:G,regExp:fe},loopRequired:(m=t.loopRequired)!==null&&m!==void 0?m:cv,loopEnum:(g=t.loopEnum)!==null&&g!==void 0?g:cv,meta:(b=t.meta)!==null&&b!==void 0?b:!0,messages:(y=t.messages)!==null&&y!==void 0?y:!0,inlineRefs:(w=t.inlineRefs)!==null&&w!==void 0?w:!0,schemaId:(k=t.schemaId)!==null&&k!==void 0?k:"$id",addUsedSchema:(S=t.addUsedSchema)!==null&&S!==void 0?S:!0,validateSchema:($=t.validateSchema)!==null&&$!==void 0?$:!0,validateFormats:(P=t.validateFormats)!==null&&P!==void 0?P:!0,unicodeRegExp:(T=t.unicodeRegExp)!==null&&T!==void 0?T:!0,int32range:(N=t.int32range)!==null&&N!==void 0?N:!0,uriResolver:C}}var as=class{constructor(e={}){this.schemas={},this.refs={},this.formats=Object.create(null),this._compilations=new Set,this._loading={},this._cache=new Map,e=this.opts={...e,...HO(e)};let{es5:n,lines:r}=this.opts.code;this.scope=new qO.ValueScope({scope:{},prefixes:UO,es5:n,lines:r}),this.logger=eP(e.logger);let i=e.validateFormats;e.validateFormats=!1,this.RULES=(0,WO.getRules)(),uv.call(this,KO,e,"NOT SUPPORTED"),uv.call(this,zO,e,"DEPRECATED","warn"),this._metaOpts=QO.call(this),e.formats&&JO.call(this),this._addVocabularies(),this._addDefaultMetaSchema(),e.keywords&&XO.call(this,e.keywords),typeof e.meta=="object"&&this.addMetaSchema(e.meta),YO.call(this),e.validateFormats=i}_addVocabularies(){this.addKeyword("$async")}_addDefaultMetaSchema(){let{$data:e,meta:n,schemaId:r}=this.opts,i=lv;r==="id"&&(i={...lv},i.id=i.$id,delete i.$id),n&&e&&this.addMetaSchema(i,i[r],!1)}defaultMeta(){let{meta:e,schemaId:n}=this.opts;return this.opts.defaultMeta=typeof e=="object"?e[n]||e:void 0}validate(e,n){let r;if(typeof e=="string"){if(r=this.getSchema(e),!r)throw new Error(`no schema with key or ref "${e}"`)}else r=this.compile(e);let i=r(n);return"$async"in r||(this.errors=r.errors),i}compile(e,n){let r=this._addSchema(e,n);return r.validate||this._compileSchemaEnv(r)}compileAsync(e,n){if(typeof this.opts.loadSchema!="function")throw new Error("options.loadSchema should be a function");let{loadSchema:r}=this.opts;return i.call(this,e,n);async function i(u,d){await o.call(this,u.$schema);let f=this._addSchema(u,d);return f.validate||s.call(this,f)}async function o(u){u&&!this.getSchema(u)&&await i.call(this,{$ref:u},!0)}async function s(u){try{return this._compileSchemaEnv(u)}catch(d){if(!(d instanceof fv.default))throw d;return a.call(this,d),await l.call(this,d.missingSchema),s.call(this,u)}}function a({missingSchema:u,missingRef:d}){if(this.refs[u])throw new Error(`AnySchema ${u} is loaded but ${d} cannot be resolved`)}async function l(u){let d=await c.call(this,u);this.refs[u]||await o.call(this,d.$schema),this.refs[u]||this.addSchema(d,u,n)}async function c(u){let d=this._loading[u];if(d)return d;try{return await(this._loading[u]=r(u))}finally{delete this._loading[u]}}}addSchema(e,n,r,i=this.opts.validateSchema){if(Array.isArray(e)){for(let s of e)this.addSchema(s,void 0,r,i);return this}let o;if(typeof e=="object"){let{schemaId:s}=this.opts;if(o=e[s],o!==void 0&&typeof o!="string")throw new Error(`schema ${s} must be string`)}return n=(0,ss.normalizeId)(n||o),this._checkUnique(n),this.schemas[n]=this._addSchema(e,r,n,i,!0),this}addMetaSchema(e,n,r=this.opts.validateSchema){return this.addSchema(e,n,!0,r),this}validateSchema(e,n){if(typeof e=="boolean")return!0;let r;if(r=e.$schema,r!==void 0&&typeof r!="string")throw new Error("$schema must be a string");if(r=r||this.opts.defaultMeta||this.defaultMeta(),!r)return this.logger.warn("meta-schema not available"),this.errors=null,!0;let i=this.validate(r,e);if(!i&&n){let o="schema is invalid: "+this.errorsText();if(this.opts.validateSchema==="log")this.logger.error(o);else throw new Error(o)}return i}getSchema(e){let n;for(;typeof(n=dv.call(this,e))=="string";)e=n;if(n===void 0){let{schemaId:r}=this.opts,i=new os.SchemaEnv({schema:{},schemaId:r});if(n=os.resolveSchema.call(this,i,e),!n)return;this.refs[e]=n}return n.validate||this._compileSchemaEnv(n)}removeSchema(e){if(e instanceof RegExp)return this._removeAllSchemas(this.schemas,e),this._removeAllSchemas(this.refs,e),this;switch(typeof e){case"undefined":return this._removeAllSchemas(this.schemas),this._removeAllSchemas(this.refs),this._cache.clear(),this;case"string":{let n=dv.call(this,e);return typeof n=="object"&&this._cache.delete(n.schema),delete this.schemas[e],delete this.refs[e],this}case"object":{let n=e;this._cache.delete(n);let r=e[this.opts.schemaId];return r&&(r=(0,ss.normalizeId)(r),delete this.schemas[r],delete this.refs[r]),this}default:throw new Error("ajv.removeSchema: invalid parameter")}}addVocabulary(e){for(let n of e)this.addKeyword(n);return this}addKeyword(e,n){let r;if(typeof e=="string")r=e,typeof n=="object"&&(this.logger.warn("these parameters are deprecated, see docs for addKeyword"),n.keyword=r);else if(typeof e=="object"&&n===void 0){if(n=e,r=n.keyword,Array.isArray(r)&&!r.length)throw new Error("addKeywords: keyword must be string or non-empty array")}else throw new Error("invalid addKeywords parameters");if(nP.call(this,r,n),!n)return(0,np.eachItem)(r,o=>tp.call(this,o)),this;iP.call(this,n);let i={...n,type:(0,$l.getJSONTypes)(n.type),schemaType:(0,$l.getJSONTypes)(n.schemaType)};return(0,np.eachItem)(r,i.type.length===0?o=>tp.call(this,o,i):o=>i.type.forEach(s=>tp.call(this,o,i,s))),this}getKeyword(e){let n=this.RULES.all[e];return typeof n=="object"?n.definition:!!n}removeKeyword(e){let{RULES:n}=this;delete n.keywords[e],delete n.all[e];for(let r of n.rules){let i=r.rules.findIndex(o=>o.keyword===e);i>=0&&r.rules.splice(i,1)}return this}addFormat(e,n){return typeof n=="string"&&(n=new RegExp(n)),this.formats[e]=n,this}errorsText(e=this.errors,{separator:n=", ",dataVar:r="data"}={}){return!e||e.length===0?"No errors":e.map(i=>`${r}${i.instancePath} ${i.message}`).reduce((i,o)=>i+n+o)}$dataMetaSchema(e,n){let r=this.RULES.all;e=JSON.parse(JSON.stringify(e));for(let i of n){let o=i.split("/").slice(1),s=e;for(let a of o)s=s[a];for(let a in r){let l=r[a];if(typeof l!="object")continue;let{$data:c}=l.definition,u=s[a];c&&u&&(s[a]=mv(u))}}return e}_removeAllSchemas(e,n){for(let r in e){let i=e[r];(!n||n.test(r))&&(typeof i=="string"?delete e[r]:i&&!i.meta&&(this._cache.delete(i.schema),delete e[r]))}}_addSchema(e,n,r,i=this.opts.validateSchema,o=this.opts.addUsedSchema){let s,{schemaId:a}=this.opts;if(typeof e=="object")s=e[a];else{if(this.opts.jtd)throw new Error("schema must be object");if(typeof e!="boolean")throw new Error("schema must be object or boolean")}let l=this._cache.get(e);if(l!==void 0)return l;r=(0,ss.normalizeId)(s||r);let c=ss.getSchemaRefs.call(this,e,r);return l=new os.SchemaEnv({schema:e,schemaId:a,meta:n,baseId:r,localRefs:c}),this._cache.set(l.schema,l),o&&!r.startsWith("#")&&(r&&this._checkUnique(r),this.refs[r]=l),i&&this.validateSchema(e,!0),l}_checkUnique(e){if(this.schemas[e]||this.refs[e])throw new Error(`schema with key or id "${e}" already exists`)}_compileSchemaEnv(e){if(e.meta?this._compileMetaSchema(e):os.compileSchema.call(this,e),!e.validate)throw new Error("ajv implementation error");return e.validate}_compileMetaSchema(e){let n=this.opts;this.opts=this._metaOpts;try{os.compileSchema.call(this,e)}finally{this.opts=n}}};as.ValidationError=jO.default;as.MissingRefError=fv.default;Ke.default=as;function uv(t,e,n,r="error"){for(let i in t){let o=i;o in e&&this.logger[r](`${n}: option ${i}. ${t[o]}`)}}function dv(t){return t=(0,ss.normalizeId)(t),this.schemas[t]||this.refs[t]}function YO(){let t=this.opts.schemas;if(t)if(Array.isArray(t))this.addSchema(t);else for(let e in t)this.addSchema(t[e],e)}function JO(){for(let t in this.opts.formats){let e=this.opts.formats[t];e&&this.addFormat(t,e)}}function XO(t){if(Array.isArray(t)){this.addVocabulary(t);return}this.logger.warn("keywords option as map is deprecated, pass array");for(let e in t){let n=t[e];n.keyword||(n.keyword=e),this.addKeyword(n)}}function QO(){let t={...this.opts};for(let e of BO)delete t[e];return t}var ZO={log(){},warn(){},error(){}};function eP(t){if(t===!1)return ZO;if(t===void 0)return console;if(t.log&&t.warn&&t.error)return t;throw new Error("logger must implement log, warn and error methods")}var tP=/^[a-z_$][a-z0-9_$:-]*$/i;function nP(t,e){let{RULES:n}=this;if((0,np.eachItem)(t,r=>{if(n.keywords[r])throw new Error(`Keyword ${r} is already defined`);if(!tP.test(r))throw new Error(`Keyword ${r} has invalid name`)}),!!e&&e.$data&&!("code"in e||"validate"in e))throw new Error('$data keyword must have "code" or "validate" function')}function tp(t,e,n){var r;let i=e?.post;if(n&&i)throw new Error('keyword with "post" flag cannot have "type"');let{RULES:o}=this,s=i?o.post:o.rules.find(({type:l})=>l===n);if(s||(s={type:n,rules:[]},o.rules.push(s)),o.keywords[t]=!0,!e)return;let a={keyword:t,definition:{...e,type:(0,$l.getJSONTypes)(e.type),schemaType:(0,$l.getJSONTypes)(e.schemaType)}};e.before?rP.call(this,s,a,e.before):s.rules.push(a),o.all[t]=a,(r=e.implements)===null||r===void 0||r.forEach(l=>this.addKeyword(l))}function rP(t,e,n){let r=t.rules.findIndex(i=>i.keyword===n);r>=0?t.rules.splice(r,0,e):(t.rules.push(e),this.logger.warn(`rule ${n} is not defined`))}function iP(t){let{metaSchema:e}=t;e!==void 0&&(t.$data&&this.opts.$data&&(e=mv(e)),t.validateSchema=this.compile(e,!0))}var oP={$ref:"https://raw.githubusercontent.com/ajv-validator/ajv/master/lib/refs/data.json#"};function mv(t){return{anyOf:[t,oP]}}});var gv=_(rp=>{"use strict";Object.defineProperty(rp,"__esModule",{value:!0});var sP={keyword:"id",code(){throw new Error('NOT SUPPORTED: keyword "id", use "$id" for schema ID')}};rp.default=sP});var kv=_(Gr=>{"use strict";Object.defineProperty(Gr,"__esModule",{value:!0});Gr.callRef=Gr.getValidate=void 0;var aP=ns(),yv=Nt(),mt=J(),Pi=Pn(),bv=kl(),xl=ie(),lP={keyword:"$ref",schemaType:"string",code(t){let{gen:e,schema:n,it:r}=t,{baseId:i,schemaEnv:o,validateName:s,opts:a,self:l}=r,{root:c}=o;if((n==="#"||n==="#/")&&i===c.baseId)return d();let u=bv.resolveRef.call(l,c,i,n);if(u===void 0)throw new aP.default(r.opts.uriResolver,i,n);if(u instanceof bv.SchemaEnv)return f(u);return p(u);function d(){if(o===c)return Rl(t,s,o,o.$async);let h=e.scopeValue("root",{ref:c});return Rl(t,(0,mt._)`${h}.validate`,c,c.$async)}function f(h){let m=wv(t,h);Rl(t,m,h,h.$async)}function p(h){let m=e.scopeValue("schema",a.code.source===!0?{ref:h,code:(0,mt.stringify)(h)}:{ref:h}),g=e.name("valid"),b=t.subschema({schema:h,dataTypes:[],schemaPath:mt.nil,topSchemaRef:m,errSchemaPath:n},g);t.mergeEvaluated(b),t.ok(g)}}};function wv(t,e){let{gen:n}=t;return e.validate?n.scopeValue("validate",{ref:e.validate}):(0,mt._)`${n.scopeValue("wrapper",{ref:e})}.validate`}Gr.getValidate=wv;function Rl(t,e,n,r){let{gen:i,it:o}=t,{allErrors:s,schemaEnv:a,opts:l}=o,c=l.passContext?Pi.default.this:mt.nil;r?u():d();function u(){if(!a.$async)throw new Error("async schema referenced by sync schema");let h=i.let("valid");i.try(()=>{i.code((0,mt._)`await ${(0,yv.callValidateCode)(t,e,c)}`),p(e),s||i.assign(h,!0)},m=>{i.if((0,mt._)`!(${m} instanceof ${o.ValidationError})`,()=>i.throw(m)),f(m),s||i.assign(h,!1)}),t.ok(h)}function d(){t.result((0,yv.callValidateCode)(t,e,c),()=>p(e),()=>f(e))}function f(h){let m=(0,mt._)`${h}.errors`;i.assign(Pi.default.vErrors,(0,mt._)`${Pi.default.vErrors} === null ? ${m} : ${Pi.default.vErrors}.concat(${m})`),i.assign(Pi.default.errors,(0,mt._)`${Pi.default.vErrors}.length`)}function p(h){var m;if(!o.opts.unevaluated)return;let g=(m=n?.validate)===null||m===void 0?void 0:m.evaluated;if(o.props!==!0)if(g&&!g.dynamicProps)g.props!==void 0&&(o.props=xl.mergeEvaluated.props(i,g.props,o.props));else{let b=i.var("props",(0,mt._)`${h}.evaluated.props`);o.props=xl.mergeEvaluated.props(i,b,o.props,mt.Name)}if(o.items!==!0)if(g&&!g.dynamicItems)g.items!==void 0&&(o.items=xl.mergeEvaluated.items(i,g.items,o.items));else{let b=i.var("items",(0,mt._)`${h}.evaluated.items`);o.items=xl.mergeEvaluated.items(i,b,o.items,mt.Name)}}}Gr.callRef=Rl;Gr.default=lP});var vv=_(ip=>{"use strict";Object.defineProperty(ip,"__esModule",{value:!0});var cP=gv(),uP=kv(),dP=["$schema","$id","$defs","$vocabulary",{keyword:"$comment"},"definitions",cP.default,uP.default];ip.default=dP});var _v=_(op=>{"use strict";Object.defineProperty(op,"__esModule",{value:!0});var Il=J(),er=Il.operators,Ol={maximum:{okStr:"<=",ok:er.LTE,fail:er.GT},minimum:{okStr:">=",ok:er.GTE,fail:er.LT},exclusiveMaximum:{okStr:"<",ok:er.LT,fail:er.GTE},exclusiveMinimum:{okStr:">",ok:er.GT,fail:er.LTE}},fP={message:({keyword:t,schemaCode:e})=>(0,Il.str)`must be ${Ol[t].okStr} ${e}`,params:({keyword:t,schemaCode:e})=>(0,Il._)`{comparison: ${Ol[t].okStr}, limit: ${e}}`},pP={keyword:Object.keys(Ol),type:"number",schemaType:"number",$data:!0,error:fP,code(t){let{keyword:e,data:n,schemaCode:r}=t;t.fail$data((0,Il._)`${n} ${Ol[e].fail} ${r} || isNaN(${n})`)}};op.default=pP});var Sv=_(sp=>{"use strict";Object.defineProperty(sp,"__esModule",{value:!0});var ls=J(),mP={message:({schemaCode:t})=>(0,ls.str)`must be multiple of ${t}`,params:({schemaCode:t})=>(0,ls._)`{multipleOf: ${t}}`},hP={keyword:"multipleOf",type:"number",schemaType:"number",$data:!0,error:mP,code(t){let{gen:e,data:n,schemaCode:r,it:i}=t,o=i.opts.multipleOfPrecision,s=e.let("res"),a=o?(0,ls._)`Math.abs(Math.round(${s}) - ${s}) > 1e-${o}`:(0,ls._)`${s} !== parseInt(${s})`;t.fail$data((0,ls._)`(${r} === 0 || (${s} = ${n}/${r}, ${a}))`)}};sp.default=hP});var Tv=_(ap=>{"use strict";Object.defineProperty(ap,"__esModule",{value:!0});function Av(t){let e=t.length,n=0,r=0,i;for(;r<e;)n++,i=t.charCodeAt(r++),i>=55296&&i<=56319&&r<e&&(i=t.charCodeAt(r),(i&64512)===56320&&r++);return n}ap.default=Av;Av.code='require("ajv/dist/runtime/ucs2length").default'});var Cv=_(lp=>{"use strict";Object.defineProperty(lp,"__esModule",{value:!0});var Br=J(),gP=ie(),yP=Tv(),bP={message({keyword:t,schemaCode:e}){let n=t==="maxLength"?"more":"fewer";return(0,Br.str)`must NOT have ${n} than ${e} characters`},params:({schemaCode:t})=>(0,Br._)`{limit: ${t}}`},wP={keyword:["maxLength","minLength"],type:"string",schemaType:"number",$data:!0,error:bP,code(t){let{keyword:e,data:n,schemaCode:r,it:i}=t,o=e==="maxLength"?Br.operators.GT:Br.operators.LT,s=i.opts.unicode===!1?(0,Br._)`${n}.length`:(0,Br._)`${(0,gP.useFunc)(t.gen,yP.default)}(${n})`;t.fail$data((0,Br._)`${s} ${o} ${r}`)}};lp.default=wP});var Ev=_(cp=>{"use strict";Object.defineProperty(cp,"__esModule",{value:!0});var kP=Nt(),vP=ie(),Ni=J(),_P={message:({schemaCode:t})=>(0,Ni.str)`must match pattern "${t}"`,params:({schemaCode:t})=>(0,Ni._)`{pattern: ${t}}`},SP={keyword:"pattern",type:"string",schemaType:"string",$data:!0,error:_P,code(t){let{gen:e,data:n,$data:r,schema:i,schemaCode:o,it:s}=t,a=s.opts.unicodeRegExp?"u":"";if(r){let{regExp:l}=s.opts.code,c=l.code==="new RegExp"?(0,Ni._)`new RegExp`:(0,vP.useFunc)(e,l),u=e.let("valid");e.try(()=>e.assign(u,(0,Ni._)`${c}(${o}, ${a}).test(${n})`),()=>e.assign(u,!1)),t.fail$data((0,Ni._)`!${u}`)}else{let l=(0,kP.usePattern)(t,i);t.fail$data((0,Ni._)`!${l}.test(${n})`)}}};cp.default=SP});var $v=_(up=>{"use strict";Object.defineProperty(up,"__esModule",{value:!0});var cs=J(),AP={message({keyword:t,schemaCode:e}){let n=t==="maxProperties"?"more":"fewer";return(0,cs.str)`must NOT have ${n} than ${e} properties`},params:({schemaCode:t})=>(0,cs._)`{limit: ${t}}`},TP={keyword:["maxProperties","minProperties"],type:"object",schemaType:"number",$data:!0,error:AP,code(t){let{keyword:e,data:n,schemaCode:r}=t,i=e==="maxProperties"?cs.operators.GT:cs.operators.LT;t.fail$data((0,cs._)`Object.keys(${n}).length ${i} ${r}`)}};up.default=TP});var xv=_(dp=>{"use strict";Object.defineProperty(dp,"__esModule",{value:!0});var us=Nt(),ds=J(),CP=ie(),EP={message:({params:{missingProperty:t}})=>(0,ds.str)`must have required property '${t}'`,params:({params:{missingProperty:t}})=>(0,ds._)`{missingProperty: ${t}}`},$P={keyword:"required",type:"object",schemaType:"array",$data:!0,error:EP,code(t){let{gen:e,schema:n,schemaCode:r,data:i,$data:o,it:s}=t,{opts:a}=s;if(!o&&n.length===0)return;let l=n.length>=a.loopRequired;if(s.allErrors?c():u(),a.strictRequired){let p=t.parentSchema.properties,{definedProperties:h}=t.it;for(let m of n)if(p?.[m]===void 0&&!h.has(m)){let g=s.schemaEnv.baseId+s.errSchemaPath,b=`required property "${m}" is not defined at "${g}" (strictRequired)`;(0,CP.checkStrictMode)(s,b,s.opts.strictRequired)}}function c(){if(l||o)t.block$data(ds.nil,d);else for(let p of n)(0,us.checkReportMissingProp)(t,p)}function u(){let p=e.let("missing");if(l||o){let h=e.let("valid",!0);t.block$data(h,()=>f(p,h)),t.ok(h)}else e.if((0,us.checkMissingProp)(t,n,p)),(0,us.reportMissingProp)(t,p),e.else()}function d(){e.forOf("prop",r,p=>{t.setParams({missingProperty:p}),e.if((0,us.noPropertyInData)(e,i,p,a.ownProperties),()=>t.error())})}function f(p,h){t.setParams({missingProperty:p}),e.forOf(p,r,()=>{e.assign(h,(0,us.propertyInData)(e,i,p,a.ownProperties)),e.if((0,ds.not)(h),()=>{t.error(),e.break()})},ds.nil)}}};dp.default=$P});var Rv=_(fp=>{"use strict";Object.defineProperty(fp,"__esModule",{value:!0});var fs=J(),xP={message({keyword:t,schemaCode:e}){let n=t==="maxItems"?"more":"fewer";return(0,fs.str)`must NOT have ${n} than ${e} items`},params:({schemaCode:t})=>(0,fs._)`{limit: ${t}}`},RP={keyword:["maxItems","minItems"],type:"array",schemaType:"number",$data:!0,error:xP,code(t){let{keyword:e,data:n,schemaCode:r}=t,i=e==="maxItems"?fs.operators.GT:fs.operators.LT;t.fail$data((0,fs._)`${n}.length ${i} ${r}`)}};fp.default=RP});var Pl=_(pp=>{"use strict";Object.defineProperty(pp,"__esModule",{value:!0});var Iv=If();Iv.code='require("ajv/dist/runtime/equal").default';pp.default=Iv});var Ov=_(hp=>{"use strict";Object.defineProperty(hp,"__esModule",{value:!0});var mp=Xo(),ze=J(),IP=ie(),OP=Pl(),PP={message:({params:{i:t,j:e}})=>(0,ze.str)`must NOT have duplicate items (items ## ${e} and ${t} are identical)`,params:({params:{i:t,j:e}})=>(0,ze._)`{i: ${t}, j: ${e}}`},NP={keyword:"uniqueItems",type:"array",schemaType:"boolean",$data:!0,error:PP,code(t){let{gen:e,data:n,$data:r,schema:i,parentSchema:o,schemaCode:s,it:a}=t;if(!r&&!i)return;let l=e.let("valid"),c=o.items?(0,mp.getSchemaTypes)(o.items):[];t.block$data(l,u,(0,ze._)`${s} === false`),t.ok(l);function u(){let h=e.let("i",(0,ze._)`${n}.length`),m=e.let("j");t.setParams({i:h,j:m}),e.assign(l,!0),e.if((0,ze._)`${h} > 1`,()=>(d()?f:p)(h,m))}function d(){return c.length>0&&!c.some(h=>h==="object"||h==="array")}function f(h,m){let g=e.name("item"),b=(0,mp.checkDataTypes)(c,g,a.opts.strictNumbers,mp.DataType.Wrong),y=e.const("indices",(0,ze._)`{}`);e.for((0,ze._)`;${h}--;`,()=>{e.let(g,(0,ze._)`${n}[${h}]`),e.if(b,(0,ze._)`continue`),c.length>1&&e.if((0,ze._)`typeof ${g} == "string"`,(0,ze._)`${g} += "_"`),e.if((0,ze._)`typeof ${y}[${g}] == "number"`,()=>{e.assign(m,(0,ze._)`${y}[${g}]`),t.error(),e.assign(l,!1).break()}).code((0,ze._)`${y}[${g}] = ${h}`)})}function p(h,m){let g=(0,IP.useFunc)(e,OP.default),b=e.name("outer");e.label(b).for((0,ze._)`;${h}--;`,()=>e.for((0,ze._)`${m} = ${h}; ${m}--;`,()=>e.if((0,ze._)`${g}(${n}[${h}], ${n}[${m}])`,()=>{t.error(),e.assign(l,!1).break(b)})))}}};hp.default=NP});var Pv=_(yp=>{"use strict";Object.defineProperty(yp,"__esModule",{value:!0});var gp=J(),LP=ie(),DP=Pl(),MP={message:"must be equal to constant",params:({schemaCode:t})=>(0,gp._)`{allowedValue: ${t}}`},VP={keyword:"const",$data:!0,error:MP,code(t){let{gen:e,data:n,$data:r,schemaCode:i,schema:o}=t;r||o&&typeof o=="object"?t.fail$data((0,gp._)`!${(0,LP.useFunc)(e,DP.default)}(${n}, ${i})`):t.fail((0,gp._)`${o} !== ${n}`)}};yp.default=VP});var Nv=_(bp=>{"use strict";Object.defineProperty(bp,"__esModule",{value:!0});var ps=J(),FP=ie(),jP=Pl(),WP={message:"must be equal to one of the allowed values",params:({schemaCode:t})=>(0,ps._)`{allowedValues: ${t}}`},qP={keyword:"enum",schemaType:"array",$data:!0,error:WP,code(t){let{gen:e,data:n,$data:r,schema:i,schemaCode:o,it:s}=t;if(!r&&i.length===0)throw new Error("enum must have non-empty array");let a=i.length>=s.opts.loopEnum,l,c=()=>l??(l=(0,FP.useFunc)(e,jP.default)),u;if(a||r)u=e.let("valid"),t.block$data(u,d);else{if(!Array.isArray(i))throw new Error("ajv implementation error");let p=e.const("vSchema",o);u=(0,ps.or)(...i.map((h,m)=>f(p,m)))}t.pass(u);function d(){e.assign(u,!1),e.forOf("v",o,p=>e.if((0,ps._)`${c()}(${n}, ${p})`,()=>e.assign(u,!0).break()))}function f(p,h){let m=i[h];return typeof m=="object"&&m!==null?(0,ps._)`${c()}(${n}, ${p}[${h}])`:(0,ps._)`${n} === ${m}`}}};bp.default=qP});var Lv=_(wp=>{"use strict";Object.defineProperty(wp,"__esModule",{value:!0});var GP=_v(),BP=Sv(),UP=Cv(),KP=Ev(),zP=$v(),HP=xv(),YP=Rv(),JP=Ov(),XP=Pv(),QP=Nv(),ZP=[GP.default,BP.default,UP.default,KP.default,zP.default,HP.default,YP.default,JP.default,{keyword:"type",schemaType:["string","array"]},{keyword:"nullable",schemaType:"boolean"},XP.default,QP.default];wp.default=ZP});var vp=_(ms=>{"use strict";Object.defineProperty(ms,"__esModule",{value:!0});ms.validateAdditionalItems=void 0;var Ur=J(),kp=ie(),eN={message:({params:{len:t}})=>(0,Ur.str)`must NOT have more than ${t} items`,params:({params:{len:t}})=>(0,Ur._)`{limit: ${t}}`},tN={keyword:"additionalItems",type:"array",schemaType:["boolean","object"],before:"uniqueItems",error:eN,code(t){let{parentSchema:e,it:n}=t,{items:r}=e;if(!Array.isArray(r)){(0,kp.checkStrictMode)(n,'"additionalItems" is ignored when "items" is not an array of schemas');return}Dv(t,r)}};function Dv(t,e){let{gen:n,schema:r,data:i,keyword:o,it:s}=t;s.items=!0;let a=n.const("len",(0,Ur._)`${i}.length`);if(r===!1)t.setParams({len:e.length}),t.pass((0,Ur._)`${a} <= ${e.length}`);else if(typeof r=="object"&&!(0,kp.alwaysValidSchema)(s,r)){let c=n.var("valid",(0,Ur._)`${a} <= ${e.length}`);n.if((0,Ur.not)(c),()=>l(c)),t.ok(c)}function l(c){n.forRange("i",e.length,a,u=>{t.subschema({keyword:o,dataProp:u,dataPropType:kp.Type.Num},c),s.allErrors||n.if((0,Ur.not)(c),()=>n.break())})}}ms.validateAdditionalItems=Dv;ms.default=tN});var _p=_(hs=>{"use strict";Object.defineProperty(hs,"__esModule",{value:!0});hs.validateTuple=void 0;var Mv=J(),Nl=ie(),nN=Nt(),rN={keyword:"items",type:"array",schemaType:["object","array","boolean"],before:"uniqueItems",code(t){let{schema:e,it:n}=t;if(Array.isArray(e))return Vv(t,"additionalItems",e);n.items=!0,!(0,Nl.alwaysValidSchema)(n,e)&&t.ok((0,nN.validateArray)(t))}};function Vv(t,e,n=t.schema){let{gen:r,parentSchema:i,data:o,keyword:s,it:a}=t;u(i),a.opts.unevaluated&&n.length&&a.items!==!0&&(a.items=Nl.mergeEvaluated.items(r,n.length,a.items));let l=r.name("valid"),c=r.const("len",(0,Mv._)`${o}.length`);n.forEach((d,f)=>{(0,Nl.alwaysValidSchema)(a,d)||(r.if((0,Mv._)`${c} > ${f}`,()=>t.subschema({keyword:s,schemaProp:f,dataProp:f},l)),t.ok(l))});function u(d){let{opts:f,errSchemaPath:p}=a,h=n.length,m=h===d.minItems&&(h===d.maxItems||d[e]===!1);if(f.strictTuples&&!m){let g=`"${s}" is ${h}-tuple, but minItems or maxItems/${e} are not specified or different at path "${p}"`;(0,Nl.checkStrictMode)(a,g,f.strictTuples)}}}hs.validateTuple=Vv;hs.default=rN});var Fv=_(Sp=>{"use strict";Object.defineProperty(Sp,"__esModule",{value:!0});var iN=_p(),oN={keyword:"prefixItems",type:"array",schemaType:["array"],before:"uniqueItems",code:t=>(0,iN.validateTuple)(t,"items")};Sp.default=oN});var Wv=_(Ap=>{"use strict";Object.defineProperty(Ap,"__esModule",{value:!0});var jv=J(),sN=ie(),aN=Nt(),lN=vp(),cN={message:({params:{len:t}})=>(0,jv.str)`must NOT have more than ${t} items`,params:({params:{len:t}})=>(0,jv._)`{limit: ${t}}`},uN={keyword:"items",type:"array",schemaType:["object","boolean"],before:"uniqueItems",error:cN,code(t){let{schema:e,parentSchema:n,it:r}=t,{prefixItems:i}=n;r.items=!0,!(0,sN.alwaysValidSchema)(r,e)&&(i?(0,lN.validateAdditionalItems)(t,i):t.ok((0,aN.validateArray)(t)))}};Ap.default=uN});var qv=_(Tp=>{"use strict";Object.defineProperty(Tp,"__esModule",{value:!0});var Dt=J(),Ll=ie(),dN={message:({params:{min:t,max:e}})=>e===void 0?(0,Dt.str)`must contain at least ${t} valid item(s)`:(0,Dt.str)`must contain at least ${t} and no more than ${e} valid item(s)`,params:({params:{min:t,max:e}})=>e===void 0?(0,Dt._)`{minContains: ${t}}`:(0,Dt._)`{minContains: ${t}, maxContains: ${e}}`},fN={keyword:"contains",type:"array",schemaType:["object","boolean"],before:"uniqueItems",trackErrors:!0,error:dN,code(t){let{gen:e,schema:n,parentSchema:r,data:i,it:o}=t,s,a,{minContains:l,maxContains:c}=r;o.opts.next?(s=l===void 0?1:l,a=c):s=1;let u=e.const("len",(0,Dt._)`${i}.length`);if(t.setParams({min:s,max:a}),a===void 0&&s===0){(0,Ll.checkStrictMode)(o,'"minContains" == 0 without "maxContains": "contains" keyword ignored');return}if(a!==void 0&&s>a){(0,Ll.checkStrictMode)(o,'"minContains" > "maxContains" is always invalid'),t.fail();return}if((0,Ll.alwaysValidSchema)(o,n)){let m=(0,Dt._)`${u} >= ${s}`;a!==void 0&&(m=(0,Dt._)`${m} && ${u} <= ${a}`),t.pass(m);return}o.items=!0;let d=e.name("valid");a===void 0&&s===1?p(d,()=>e.if(d,()=>e.break())):s===0?(e.let(d,!0),a!==void 0&&e.if((0,Dt._)`${i}.length > 0`,f)):(e.let(d,!1),f()),t.result(d,()=>t.reset());function f(){let m=e.name("_valid"),g=e.let("count",0);p(m,()=>e.if(m,()=>h(g)))}function p(m,g){e.forRange("i",0,u,b=>{t.subschema({keyword:"contains",dataProp:b,dataPropType:Ll.Type.Num,compositeRule:!0},m),g()})}function h(m){e.code((0,Dt._)`${m}++`),a===void 0?e.if((0,Dt._)`${m} >= ${s}`,()=>e.assign(d,!0).break()):(e.if((0,Dt._)`${m} > ${a}`,()=>e.assign(d,!1).break()),s===1?e.assign(d,!0):e.if((0,Dt._)`${m} >= ${s}`,()=>e.assign(d,!0)))}}};Tp.default=fN});var Uv=_(cn=>{"use strict";Object.defineProperty(cn,"__esModule",{value:!0});cn.validateSchemaDeps=cn.validatePropertyDeps=cn.error=void 0;var Cp=J(),pN=ie(),gs=Nt();cn.error={message:({params:{property:t,depsCount:e,deps:n}})=>{let r=e===1?"property":"properties";return(0,Cp.str)`must have ${r} ${n} when property ${t} is present`},params:({params:{property:t,depsCount:e,deps:n,missingProperty:r}})=>(0,Cp._)`{property: ${t},
    missingProperty: ${r},
    depsCount: ${e},
    deps: ${n}}`};var mN={keyword:"dependencies",type:"object",schemaType:"object",error:cn.error,code(t){let[e,n]=hN(t);Gv(t,e),Bv(t,n)}};function hN({schema:t}){let e={},n={};for(let r in t){if(r==="__proto__")continue;let i=Array.isArray(t[r])?e:n;i[r]=t[r]}return[e,n]}function Gv(t,e=t.schema){let{gen:n,data:r,it:i}=t;if(Object.keys(e).length===0)return;let o=n.let("missing");for(let s in e){let a=e[s];if(a.length===0)continue;let l=(0,gs.propertyInData)(n,r,s,i.opts.ownProperties);t.setParams({property:s,depsCount:a.length,deps:a.join(", ")}),i.allErrors?n.if(l,()=>{for(let c of a)(0,gs.checkReportMissingProp)(t,c)}):(n.if((0,Cp._)`${l} && (${(0,gs.checkMissingProp)(t,a,o)})`),(0,gs.reportMissingProp)(t,o),n.else())}}cn.validatePropertyDeps=Gv;function Bv(t,e=t.schema){let{gen:n,data:r,keyword:i,it:o}=t,s=n.name("valid");for(let a in e)(0,pN.alwaysValidSchema)(o,e[a])||(n.if((0,gs.propertyInData)(n,r,a,o.opts.ownProperties),()=>{let l=t.subschema({keyword:i,schemaProp:a},s);t.mergeValidEvaluated(l,s)},()=>n.var(s,!0)),t.ok(s))}cn.validateSchemaDeps=Bv;cn.default=mN});var zv=_(Ep=>{"use strict";Object.defineProperty(Ep,"__esModule",{value:!0});var Kv=J(),gN=ie(),yN={message:"property name must be valid",params:({params:t})=>(0,Kv._)`{propertyName: ${t.propertyName}}`},bN={keyword:"propertyNames",type:"object",schemaType:["object","boolean"],error:yN,code(t){let{gen:e,schema:n,data:r,it:i}=t;if((0,gN.alwaysValidSchema)(i,n))return;let o=e.name("valid");e.forIn("key",r,s=>{t.setParams({propertyName:s}),t.subschema({keyword:"propertyNames",data:s,dataTypes:["string"],propertyName:s,compositeRule:!0},o),e.if((0,Kv.not)(o),()=>{t.error(!0),i.allErrors||e.break()})}),t.ok(o)}};Ep.default=bN});var xp=_($p=>{"use strict";Object.defineProperty($p,"__esModule",{value:!0});var Dl=Nt(),zt=J(),wN=Pn(),Ml=ie(),kN={message:"must NOT have additional properties",params:({params:t})=>(0,zt._)`{additionalProperty: ${t.additionalProperty}}`},vN={keyword:"additionalProperties",type:["object"],schemaType:["boolean","object"],allowUndefined:!0,trackErrors:!0,error:kN,code(t){let{gen:e,schema:n,parentSchema:r,data:i,errsCount:o,it:s}=t;if(!o)throw new Error("ajv implementation error");let{allErrors:a,opts:l}=s;if(s.props=!0,l.removeAdditional!=="all"&&(0,Ml.alwaysValidSchema)(s,n))return;let c=(0,Dl.allSchemaProperties)(r.properties),u=(0,Dl.allSchemaProperties)(r.patternProperties);d(),t.ok((0,zt._)`${o} === ${wN.default.errors}`);function d(){e.forIn("key",i,g=>{!c.length&&!u.length?h(g):e.if(f(g),()=>h(g))})}function f(g){let b;if(c.length>8){let y=(0,Ml.schemaRefOrVal)(s,r.properties,"properties");b=(0,Dl.isOwnProperty)(e,y,g)}else c.length?b=(0,zt.or)(...c.map(y=>(0,zt._)`${g} === ${y}`)):b=zt.nil;return u.length&&(b=(0,zt.or)(b,...u.map(y=>(0,zt._)`${(0,Dl.usePattern)(t,y)}.test(${g})`))),(0,zt.not)(b)}function p(g){e.code((0,zt._)`delete ${i}[${g}]`)}function h(g){if(l.removeAdditional==="all"||l.removeAdditional&&n===!1){p(g);return}if(n===!1){t.setParams({additionalProperty:g}),t.error(),a||e.break();return}if(typeof n=="object"&&!(0,Ml.alwaysValidSchema)(s,n)){let b=e.name("valid");l.removeAdditional==="failing"?(m(g,b,!1),e.if((0,zt.not)(b),()=>{t.reset(),p(g)})):(m(g,b),a||e.if((0,zt.not)(b),()=>e.break()))}}function m(g,b,y){let w={keyword:"additionalProperties",dataProp:g,dataPropType:Ml.Type.Str};y===!1&&Object.assign(w,{compositeRule:!0,createErrors:!1,allErrors:!1}),t.subschema(w,b)}}};$p.default=vN});var Jv=_(Ip=>{"use strict";Object.defineProperty(Ip,"__esModule",{value:!0});var _N=ts(),Hv=Nt(),Rp=ie(),Yv=xp(),SN={keyword:"properties",type:"object",schemaType:"object",code(t){let{gen:e,schema:n,parentSchema:r,data:i,it:o}=t;o.opts.removeAdditional==="all"&&r.additionalProperties===void 0&&Yv.default.code(new _N.KeywordCxt(o,Yv.default,"additionalProperties"));let s=(0,Hv.allSchemaProperties)(n);for(let d of s)o.definedProperties.add(d);o.opts.unevaluated&&s.length&&o.props!==!0&&(o.props=Rp.mergeEvaluated.props(e,(0,Rp.toHash)(s),o.props));let a=s.filter(d=>!(0,Rp.alwaysValidSchema)(o,n[d]));if(a.length===0)return;let l=e.name("valid");for(let d of a)c(d)?u(d):(e.if((0,Hv.propertyInData)(e,i,d,o.opts.ownProperties)),u(d),o.allErrors||e.else().var(l,!0),e.endIf()),t.it.definedProperties.add(d),t.ok(l);function c(d){return o.opts.useDefaults&&!o.compositeRule&&n[d].default!==void 0}function u(d){t.subschema({keyword:"properties",schemaProp:d,dataProp:d},l)}}};Ip.default=SN});var e_=_(Op=>{"use strict";Object.defineProperty(Op,"__esModule",{value:!0});var Xv=Nt(),Vl=J(),Qv=ie(),Zv=ie(),AN={keyword:"patternProperties",type:"object",schemaType:"object",code(t){let{gen:e,schema:n,data:r,parentSchema:i,it:o}=t,{opts:s}=o,a=(0,Xv.allSchemaProperties)(n),l=a.filter(m=>(0,Qv.alwaysValidSchema)(o,n[m]));if(a.length===0||l.length===a.length&&(!o.opts.unevaluated||o.props===!0))return;let c=s.strictSchema&&!s.allowMatchingProperties&&i.properties,u=e.name("valid");o.props!==!0&&!(o.props instanceof Vl.Name)&&(o.props=(0,Zv.evaluatedPropsToName)(e,o.props));let{props:d}=o;f();function f(){for(let m of a)c&&p(m),o.allErrors?h(m):(e.var(u,!0),h(m),e.if(u))}function p(m){for(let g in c)new RegExp(m).test(g)&&(0,Qv.checkStrictMode)(o,`property ${g} matches pattern ${m} (use allowMatchingProperties)`)}function h(m){e.forIn("key",r,g=>{e.if((0,Vl._)`${(0,Xv.usePattern)(t,m)}.test(${g})`,()=>{let b=l.includes(m);b||t.subschema({keyword:"patternProperties",schemaProp:m,dataProp:g,dataPropType:Zv.Type.Str},u),o.opts.unevaluated&&d!==!0?e.assign((0,Vl._)`${d}[${g}]`,!0):!b&&!o.allErrors&&e.if((0,Vl.not)(u),()=>e.break())})})}}};Op.default=AN});var t_=_(Pp=>{"use strict";Object.defineProperty(Pp,"__esModule",{value:!0});var TN=ie(),CN={keyword:"not",schemaType:["object","boolean"],trackErrors:!0,code(t){let{gen:e,schema:n,it:r}=t;if((0,TN.alwaysValidSchema)(r,n)){t.fail();return}let i=e.name("valid");t.subschema({keyword:"not",compositeRule:!0,createErrors:!1,allErrors:!1},i),t.failResult(i,()=>t.reset(),()=>t.error())},error:{message:"must NOT be valid"}};Pp.default=CN});var n_=_(Np=>{"use strict";Object.defineProperty(Np,"__esModule",{value:!0});var EN=Nt(),$N={keyword:"anyOf",schemaType:"array",trackErrors:!0,code:EN.validateUnion,error:{message:"must match a schema in anyOf"}};Np.default=$N});var r_=_(Lp=>{"use strict";Object.defineProperty(Lp,"__esModule",{value:!0});var Fl=J(),xN=ie(),RN={message:"must match exactly one schema in oneOf",params:({params:t})=>(0,Fl._)`{passingSchemas: ${t.passing}}`},IN={keyword:"oneOf",schemaType:"array",trackErrors:!0,error:RN,code(t){let{gen:e,schema:n,parentSchema:r,it:i}=t;if(!Array.isArray(n))throw new Error("ajv implementation error");if(i.opts.discriminator&&r.discriminator)return;let o=n,s=e.let("valid",!1),a=e.let("passing",null),l=e.name("_valid");t.setParams({passing:a}),e.block(c),t.result(s,()=>t.reset(),()=>t.error(!0));function c(){o.forEach((u,d)=>{let f;(0,xN.alwaysValidSchema)(i,u)?e.var(l,!0):f=t.subschema({keyword:"oneOf",schemaProp:d,compositeRule:!0},l),d>0&&e.if((0,Fl._)`${l} && ${s}`).assign(s,!1).assign(a,(0,Fl._)`[${a}, ${d}]`).else(),e.if(l,()=>{e.assign(s,!0),e.assign(a,d),f&&t.mergeEvaluated(f,Fl.Name)})})}}};Lp.default=IN});var i_=_(Dp=>{"use strict";Object.defineProperty(Dp,"__esModule",{value:!0});var ON=ie(),PN={keyword:"allOf",schemaType:"array",code(t){let{gen:e,schema:n,it:r}=t;if(!Array.isArray(n))throw new Error("ajv implementation error");let i=e.name("valid");n.forEach((o,s)=>{if((0,ON.alwaysValidSchema)(r,o))return;let a=t.subschema({keyword:"allOf",schemaProp:s},i);t.ok(i),t.mergeEvaluated(a)})}};Dp.default=PN});var a_=_(Mp=>{"use strict";Object.defineProperty(Mp,"__esModule",{value:!0});var jl=J(),s_=ie(),NN={message:({params:t})=>(0,jl.str)`must match "${t.ifClause}" schema`,params:({params:t})=>(0,jl._)`{failingKeyword: ${t.ifClause}}`},LN={keyword:"if",schemaType:["object","boolean"],trackErrors:!0,error:NN,code(t){let{gen:e,parentSchema:n,it:r}=t;n.then===void 0&&n.else===void 0&&(0,s_.checkStrictMode)(r,'"if" without "then" and "else" is ignored');let i=o_(r,"then"),o=o_(r,"else");if(!i&&!o)return;let s=e.let("valid",!0),a=e.name("_valid");if(l(),t.reset(),i&&o){let u=e.let("ifClause");t.setParams({ifClause:u}),e.if(a,c("then",u),c("else",u))}else i?e.if(a,c("then")):e.if((0,jl.not)(a),c("else"));t.pass(s,()=>t.error(!0));function l(){let u=t.subschema({keyword:"if",compositeRule:!0,createErrors:!1,allErrors:!1},a);t.mergeEvaluated(u)}function c(u,d){return()=>{let f=t.subschema({keyword:u},a);e.assign(s,a),t.mergeValidEvaluated(f,s),d?e.assign(d,(0,jl._)`${u}`):t.setParams({ifClause:u})}}}};function o_(t,e){let n=t.schema[e];return n!==void 0&&!(0,s_.alwaysValidSchema)(t,n)}Mp.default=LN});var l_=_(Vp=>{"use strict";Object.defineProperty(Vp,"__esModule",{value:!0});var DN=ie(),MN={keyword:["then","else"],schemaType:["object","boolean"],code({keyword:t,parentSchema:e,it:n}){e.if===void 0&&(0,DN.checkStrictMode)(n,`"${t}" without "if" is ignored`)}};Vp.default=MN});var c_=_(Fp=>{"use strict";Object.defineProperty(Fp,"__esModule",{value:!0});var VN=vp(),FN=Fv(),jN=_p(),WN=Wv(),qN=qv(),GN=Uv(),BN=zv(),UN=xp(),KN=Jv(),zN=e_(),HN=t_(),YN=n_(),JN=r_(),XN=i_(),QN=a_(),ZN=l_();function eL(t=!1){let e=[HN.default,YN.default,JN.default,XN.default,QN.default,ZN.default,BN.default,UN.default,GN.default,KN.default,zN.default];return t?e.push(FN.default,WN.default):e.push(VN.default,jN.default),e.push(qN.default),e}Fp.default=eL});var u_=_(jp=>{"use strict";Object.defineProperty(jp,"__esModule",{value:!0});var Le=J(),tL={message:({schemaCode:t})=>(0,Le.str)`must match format "${t}"`,params:({schemaCode:t})=>(0,Le._)`{format: ${t}}`},nL={keyword:"format",type:["number","string"],schemaType:"string",$data:!0,error:tL,code(t,e){let{gen:n,data:r,$data:i,schema:o,schemaCode:s,it:a}=t,{opts:l,errSchemaPath:c,schemaEnv:u,self:d}=a;if(!l.validateFormats)return;i?f():p();function f(){let h=n.scopeValue("formats",{ref:d.formats,code:l.code.formats}),m=n.const("fDef",(0,Le._)`${h}[${s}]`),g=n.let("fType"),b=n.let("format");n.if((0,Le._)`typeof ${m} == "object" && !(${m} instanceof RegExp)`,()=>n.assign(g,(0,Le._)`${m}.type || "string"`).assign(b,(0,Le._)`${m}.validate`),()=>n.assign(g,(0,Le._)`"string"`).assign(b,m)),t.fail$data((0,Le.or)(y(),w()));function y(){return l.strictSchema===!1?Le.nil:(0,Le._)`${s} && !${b}`}function w(){let k=u.$async?(0,Le._)`(${m}.async ? await ${b}(${r}) : ${b}(${r}))`:(0,Le._)`${b}(${r})`,S=(0,Le._)`(typeof ${b} == "function" ? ${k} : ${b}.test(${r}))`;return(0,Le._)`${b} && ${b} !== true && ${g} === ${e} && !${S}`}}function p(){let h=d.formats[o];if(!h){y();return}if(h===!0)return;let[m,g,b]=w(h);m===e&&t.pass(k());function y(){if(l.strictSchema===!1){d.logger.warn(S());return}throw new Error(S());function S(){return`unknown format "${o}" ignored in schema at path "${c}"`}}function w(S){let $=S instanceof RegExp?(0,Le.regexpCode)(S):l.code.formats?(0,Le._)`${l.code.formats}${(0,Le.getProperty)(o)}`:void 0,P=n.scopeValue("formats",{key:o,ref:S,code:$});return typeof S=="object"&&!(S instanceof RegExp)?[S.type||"string",S.validate,(0,Le._)`${P}.validate`]:["string",S,P]}function k(){if(typeof h=="object"&&!(h instanceof RegExp)&&h.async){if(!u.$async)throw new Error("async format in sync schema");return(0,Le._)`await ${b}(${r})`}return typeof g=="function"?(0,Le._)`${b}(${r})`:(0,Le._)`${b}.test(${r})`}}}};jp.default=nL});var d_=_(Wp=>{"use strict";Object.defineProperty(Wp,"__esModule",{value:!0});var rL=u_(),iL=[rL.default];Wp.default=iL});var f_=_(Li=>{"use strict";Object.defineProperty(Li,"__esModule",{value:!0});Li.contentVocabulary=Li.metadataVocabulary=void 0;Li.metadataVocabulary=["title","description","default","deprecated","readOnly","writeOnly","examples"];Li.contentVocabulary=["contentMediaType","contentEncoding","contentSchema"]});var m_=_(qp=>{"use strict";Object.defineProperty(qp,"__esModule",{value:!0});var oL=vv(),sL=Lv(),aL=c_(),lL=d_(),p_=f_(),cL=[oL.default,sL.default,(0,aL.default)(),lL.default,p_.metadataVocabulary,p_.contentVocabulary];qp.default=cL});var g_=_(Wl=>{"use strict";Object.defineProperty(Wl,"__esModule",{value:!0});Wl.DiscrError=void 0;var h_;(function(t){t.Tag="tag",t.Mapping="mapping"})(h_||(Wl.DiscrError=h_={}))});var b_=_(Bp=>{"use strict";Object.defineProperty(Bp,"__esModule",{value:!0});var Di=J(),Gp=g_(),y_=kl(),uL=ns(),dL=ie(),fL={message:({params:{discrError:t,tagName:e}})=>t===Gp.DiscrError.Tag?`tag "${e}" must be string`:`value of tag "${e}" must be in oneOf`,params:({params:{discrError:t,tag:e,tagName:n}})=>(0,Di._)`{error: ${t}, tag: ${n}, tagValue: ${e}}`},pL={keyword:"discriminator",type:"object",schemaType:"object",error:fL,code(t){let{gen:e,data:n,schema:r,parentSchema:i,it:o}=t,{oneOf:s}=i;if(!o.opts.discriminator)throw new Error("discriminator: requires discriminator option");let a=r.propertyName;if(typeof a!="string")throw new Error("discriminator: requires propertyName");if(r.mapping)throw new Error("discriminator: mapping is not supported");if(!s)throw new Error("discriminator: requires oneOf keyword");let l=e.let("valid",!1),c=e.const("tag",(0,Di._)`${n}${(0,Di.getProperty)(a)}`);e.if((0,Di._)`typeof ${c} == "string"`,()=>u(),()=>t.error(!1,{discrError:Gp.DiscrError.Tag,tag:c,tagName:a})),t.ok(l);function u(){let p=f();e.if(!1);for(let h in p)e.elseIf((0,Di._)`${c} === ${h}`),e.assign(l,d(p[h]));e.else(),t.error(!1,{discrError:Gp.DiscrError.Mapping,tag:c,tagName:a}),e.endIf()}function d(p){let h=e.name("valid"),m=t.subschema({keyword:"oneOf",schemaProp:p},h);return t.mergeEvaluated(m,Di.Name),h}function f(){var p;let h={},m=b(i),g=!0;for(let k=0;k<s.length;k++){let S=s[k];if(S?.$ref&&!(0,dL.schemaHasRulesButRef)(S,o.self.RULES)){let P=S.$ref;if(S=y_.resolveRef.call(o.self,o.schemaEnv.root,o.baseId,P),S instanceof y_.SchemaEnv&&(S=S.schema),S===void 0)throw new uL.default(o.opts.uriResolver,o.baseId,P)}let $=(p=S?.properties)===null||p===void 0?void 0:p[a];if(typeof $!="object")throw new Error(`discriminator: oneOf subschemas (or referenced schemas) must have "properties/${a}"`);g=g&&(m||b(S)),y($,k)}if(!g)throw new Error(`discriminator: "${a}" must be required`);return h;function b({required:k}){return Array.isArray(k)&&k.includes(a)}function y(k,S){if(k.const)w(k.const,S);else if(k.enum)for(let $ of k.enum)w($,S);else throw new Error(`discriminator: "properties/${a}" must have "const" or "enum"`)}function w(k,S){if(typeof k!="string"||k in h)throw new Error(`discriminator: "${a}" values must be unique strings`);h[k]=S}}}};Bp.default=pL});var w_=_((B5,mL)=>{mL.exports={$schema:"http://json-schema.org/draft-07/schema#",$id:"http://json-schema.org/draft-07/schema#",title:"Core schema meta-schema",definitions:{schemaArray:{type:"array",minItems:1,items:{$ref:"#"}},nonNegativeInteger:{type:"integer",minimum:0},nonNegativeIntegerDefault0:{allOf:[{$ref:"#/definitions/nonNegativeInteger"},{default:0}]},simpleTypes:{enum:["array","boolean","integer","null","number","object","string"]},stringArray:{type:"array",items:{type:"string"},uniqueItems:!0,default:[]}},type:["object","boolean"],properties:{$id:{type:"string",format:"uri-reference"},$schema:{type:"string",format:"uri"},$ref:{type:"string",format:"uri-reference"},$comment:{type:"string"},title:{type:"string"},description:{type:"string"},default:!0,readOnly:{type:"boolean",default:!1},examples:{type:"array",items:!0},multipleOf:{type:"number",exclusiveMinimum:0},maximum:{type:"number"},exclusiveMaximum:{type:"number"},minimum:{type:"number"},exclusiveMinimum:{type:"number"},maxLength:{$ref:"#/definitions/nonNegativeInteger"},minLength:{$ref:"#/definitions/nonNegativeIntegerDefault0"},pattern:{type:"string",format:"regex"},additionalItems:{$ref:"#"},items:{anyOf:[{$ref:"#"},{$ref:"#/definitions/schemaArray"}],default:!0},maxItems:{$ref:"#/definitions/nonNegativeInteger"},minItems:{$ref:"#/definitions/nonNegativeIntegerDefault0"},uniqueItems:{type:"boolean",default:!1},contains:{$ref:"#"},maxProperties:{$ref:"#/definitions/nonNegativeInteger"},minProperties:{$ref:"#/definitions/nonNegativeIntegerDefault0"},required:{$ref:"#/definitions/stringArray"},additionalProperties:{$ref:"#"},definitions:{type:"object",additionalProperties:{$ref:"#"},default:{}},properties:{type:"object",additionalProperties:{$ref:"#"},default:{}},patternProperties:{type:"object",additionalProperties:{$ref:"#"},propertyNames:{format:"regex"},default:{}},dependencies:{type:"object",additionalProperties:{anyOf:[{$ref:"#"},{$ref:"#/definitions/stringArray"}]}},propertyNames:{$ref:"#"},const:!0,enum:{type:"array",items:!0,minItems:1,uniqueItems:!0},type:{anyOf:[{$ref:"#/definitions/simpleTypes"},{type:"array",items:{$ref:"#/definitions/simpleTypes"},minItems:1,uniqueItems:!0}]},format:{type:"string"},contentMediaType:{type:"string"},contentEncoding:{type:"string"},if:{$ref:"#"},then:{$ref:"#"},else:{$ref:"#"},allOf:{$ref:"#/definitions/schemaArray"},anyOf:{$ref:"#/definitions/schemaArray"},oneOf:{$ref:"#/definitions/schemaArray"},not:{$ref:"#"}},default:!0}});var Kp=_((Ae,Up)=>{"use strict";Object.defineProperty(Ae,"__esModule",{value:!0});Ae.MissingRefError=Ae.ValidationError=Ae.CodeGen=Ae.Name=Ae.nil=Ae.stringify=Ae.str=Ae._=Ae.KeywordCxt=Ae.Ajv=void 0;var hL=hv(),gL=m_(),yL=b_(),k_=w_(),bL=["/properties"],ql="http://json-schema.org/draft-07/schema",Mi=class extends hL.default{_addVocabularies(){super._addVocabularies(),gL.default.forEach(e=>this.addVocabulary(e)),this.opts.discriminator&&this.addKeyword(yL.default)}_addDefaultMetaSchema(){if(super._addDefaultMetaSchema(),!this.opts.meta)return;let e=this.opts.$data?this.$dataMetaSchema(k_,bL):k_;this.addMetaSchema(e,ql,!1),this.refs["http://json-schema.org/schema"]=ql}defaultMeta(){return this.opts.defaultMeta=super.defaultMeta()||(this.getSchema(ql)?ql:void 0)}};Ae.Ajv=Mi;Up.exports=Ae=Mi;Up.exports.Ajv=Mi;Object.defineProperty(Ae,"__esModule",{value:!0});Ae.default=Mi;var wL=ts();Object.defineProperty(Ae,"KeywordCxt",{enumerable:!0,get:function(){return wL.KeywordCxt}});var Vi=J();Object.defineProperty(Ae,"_",{enumerable:!0,get:function(){return Vi._}});Object.defineProperty(Ae,"str",{enumerable:!0,get:function(){return Vi.str}});Object.defineProperty(Ae,"stringify",{enumerable:!0,get:function(){return Vi.stringify}});Object.defineProperty(Ae,"nil",{enumerable:!0,get:function(){return Vi.nil}});Object.defineProperty(Ae,"Name",{enumerable:!0,get:function(){return Vi.Name}});Object.defineProperty(Ae,"CodeGen",{enumerable:!0,get:function(){return Vi.CodeGen}});var kL=bl();Object.defineProperty(Ae,"ValidationError",{enumerable:!0,get:function(){return kL.default}});var vL=ns();Object.defineProperty(Ae,"MissingRefError",{enumerable:!0,get:function(){return vL.default}})});var $_=_(dn=>{"use strict";Object.defineProperty(dn,"__esModule",{value:!0});dn.formatNames=dn.fastFormats=dn.fullFormats=void 0;function un(t,e){return{validate:t,compare:e}}dn.fullFormats={date:un(A_,Jp),time:un(Hp(!0),Xp),"date-time":un(v_(!0),C_),"iso-time":un(Hp(),T_),"iso-date-time":un(v_(),E_),duration:/^P(?!$)((\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?|(\d+W)?)$/,uri:EL,"uri-reference":/^(?:[a-z][a-z0-9+\-.]*:)?(?:\/?\/(?:(?:[a-z0-9\-._~!$&'()*+,;=:]|%[0-9a-f]{2})*@)?(?:\[(?:(?:(?:(?:[0-9a-f]{1,4}:){6}|::(?:[0-9a-f]{1,4}:){5}|(?:[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){4}|(?:(?:[0-9a-f]{1,4}:){0,1}[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){3}|(?:(?:[0-9a-f]{1,4}:){0,2}[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){2}|(?:(?:[0-9a-f]{1,4}:){0,3}[0-9a-f]{1,4})?::[0-9a-f]{1,4}:|(?:(?:[0-9a-f]{1,4}:){0,4}[0-9a-f]{1,4})?::)(?:[0-9a-f]{1,4}:[0-9a-f]{1,4}|(?:(?:25[0-5]|2[0-4]\d|[01]?\d\d?)\.){3}(?:25[0-5]|2[0-4]\d|[01]?\d\d?))|(?:(?:[0-9a-f]{1,4}:){0,5}[0-9a-f]{1,4})?::[0-9a-f]{1,4}|(?:(?:[0-9a-f]{1,4}:){0,6}[0-9a-f]{1,4})?::)|[Vv][0-9a-f]+\.[a-z0-9\-._~!$&'()*+,;=:]+)\]|(?:(?:25[0-5]|2[0-4]\d|[01]?\d\d?)\.){3}(?:25[0-5]|2[0-4]\d|[01]?\d\d?)|(?:[a-z0-9\-._~!$&'"()*+,;=]|%[0-9a-f]{2})*)(?::\d*)?(?:\/(?:[a-z0-9\-._~!$&'"()*+,;=:@]|%[0-9a-f]{2})*)*|\/(?:(?:[a-z0-9\-._~!$&'"()*+,;=:@]|%[0-9a-f]{2})+(?:\/(?:[a-z0-9\-._~!$&'"()*+,;=:@]|%[0-9a-f]{2})*)*)?|(?:[a-z0-9\-._~!$&'"()*+,;=:@]|%[0-9a-f]{2})+(?:\/(?:[a-z0-9\-._~!$&'"()*+,;=:@]|%[0-9a-f]{2})*)*)?(?:\?(?:[a-z0-9\-._~!$&'"()*+,;=:@/?]|%[0-9a-f]{2})*)?(?:#(?:[a-z0-9\-._~!$&'"()*+,;=:@/?]|%[0-9a-f]{2})*)?$/i,"uri-template":/^(?:(?:[^\x00-\x20"'<>%\\^`{|}]|%[0-9a-f]{2})|\{[+#./;?&=,!@|]?(?:[a-z0-9_]|%[0-9a-f]{2})+(?::[1-9][0-9]{0,3}|\*)?(?:,(?:[a-z0-9_]|%[0-9a-f]{2})+(?::[1-9][0-9]{0,3}|\*)?)*\})*$/i,url:/^(?:https?|ftp):\/\/(?:\S+(?::\S*)?@)?(?:(?!(?:10|127)(?:\.\d{1,3}){3})(?!(?:169\.254|192\.168)(?:\.\d{1,3}){2})(?!172\.(?:1[6-9]|2\d|3[0-1])(?:\.\d{1,3}){2})(?:[1-9]\d?|1\d\d|2[01]\d|22[0-3])(?:\.(?:1?\d{1,2}|2[0-4]\d|25[0-5])){2}(?:\.(?:[1-9]\d?|1\d\d|2[0-4]\d|25[0-4]))|(?:(?:[a-z0-9\u{00a1}-\u{ffff}]+-)*[a-z0-9\u{00a1}-\u{ffff}]+)(?:\.(?:[a-z0-9\u{00a1}-\u{ffff}]+-)*[a-z0-9\u{00a1}-\u{ffff}]+)*(?:\.(?:[a-z\u{00a1}-\u{ffff}]{2,})))(?::\d{2,5})?(?:\/[^\s]*)?$/iu,email:/^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i,hostname:/^(?=.{1,253}\.?$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[-0-9a-z]{0,61}[0-9a-z])?)*\.?$/i,ipv4:/^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/,ipv6:/^((([0-9a-f]{1,4}:){7}([0-9a-f]{1,4}|:))|(([0-9a-f]{1,4}:){6}(:[0-9a-f]{1,4}|((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3})|:))|(([0-9a-f]{1,4}:){5}(((:[0-9a-f]{1,4}){1,2})|:((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3})|:))|(([0-9a-f]{1,4}:){4}(((:[0-9a-f]{1,4}){1,3})|((:[0-9a-f]{1,4})?:((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}))|:))|(([0-9a-f]{1,4}:){3}(((:[0-9a-f]{1,4}){1,4})|((:[0-9a-f]{1,4}){0,2}:((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}))|:))|(([0-9a-f]{1,4}:){2}(((:[0-9a-f]{1,4}){1,5})|((:[0-9a-f]{1,4}){0,3}:((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}))|:))|(([0-9a-f]{1,4}:){1}(((:[0-9a-f]{1,4}){1,6})|((:[0-9a-f]{1,4}){0,4}:((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}))|:))|(:(((:[0-9a-f]{1,4}){1,7})|((:[0-9a-f]{1,4}){0,5}:((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}))|:)))$/i,regex:NL,uuid:/^(?:urn:uuid:)?[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i,"json-pointer":/^(?:\/(?:[^~/]|~0|~1)*)*$/,"json-pointer-uri-fragment":/^#(?:\/(?:[a-z0-9_\-.!$&'()*+,;:=@]|%[0-9a-f]{2}|~0|~1)*)*$/i,"relative-json-pointer":/^(?:0|[1-9][0-9]*)(?:#|(?:\/(?:[^~/]|~0|~1)*)*)$/,byte:$L,int32:{type:"number",validate:IL},int64:{type:"number",validate:OL},float:{type:"number",validate:S_},double:{type:"number",validate:S_},password:!0,binary:!0};dn.fastFormats={...dn.fullFormats,date:un(/^\d\d\d\d-[0-1]\d-[0-3]\d$/,Jp),time:un(/^(?:[0-2]\d:[0-5]\d:[0-5]\d|23:59:60)(?:\.\d+)?(?:z|[+-]\d\d(?::?\d\d)?)$/i,Xp),"date-time":un(/^\d\d\d\d-[0-1]\d-[0-3]\dt(?:[0-2]\d:[0-5]\d:[0-5]\d|23:59:60)(?:\.\d+)?(?:z|[+-]\d\d(?::?\d\d)?)$/i,C_),"iso-time":un(/^(?:[0-2]\d:[0-5]\d:[0-5]\d|23:59:60)(?:\.\d+)?(?:z|[+-]\d\d(?::?\d\d)?)?$/i,T_),"iso-date-time":un(/^\d\d\d\d-[0-1]\d-[0-3]\d[t\s](?:[0-2]\d:[0-5]\d:[0-5]\d|23:59:60)(?:\.\d+)?(?:z|[+-]\d\d(?::?\d\d)?)?$/i,E_),uri:/^(?:[a-z][a-z0-9+\-.]*:)(?:\/?\/)?[^\s]*$/i,"uri-reference":/^(?:(?:[a-z][a-z0-9+\-.]*:)?\/?\/)?(?:[^\\\s#][^\s#]*)?(?:#[^\\\s]*)?$/i,email:/^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i};dn.formatNames=Object.keys(dn.fullFormats);function _L(t){return t%4===0&&(t%100!==0||t%400===0)}var SL=/^(\d\d\d\d)-(\d\d)-(\d\d)$/,AL=[0,31,28,31,30,31,30,31,31,30,31,30,31];function A_(t){let e=SL.exec(t);if(!e)return!1;let n=+e[1],r=+e[2],i=+e[3];return r>=1&&r<=12&&i>=1&&i<=(r===2&&_L(n)?29:AL[r])}function Jp(t,e){if(t&&e)return t>e?1:t<e?-1:0}var zp=/^(\d\d):(\d\d):(\d\d(?:\.\d+)?)(z|([+-])(\d\d)(?::?(\d\d))?)?$/i;function Hp(t){return function(n){let r=zp.exec(n);if(!r)return!1;let i=+r[1],o=+r[2],s=+r[3],a=r[4],l=r[5]==="-"?-1:1,c=+(r[6]||0),u=+(r[7]||0);if(c>23||u>59||t&&!a)return!1;if(i<=23&&o<=59&&s<60)return!0;let d=o-u*l,f=i-c*l-(d<0?1:0);return(f===23||f===-1)&&(d===59||d===-1)&&s<61}}function Xp(t,e){if(!(t&&e))return;let n=new Date("2020-01-01T"+t).valueOf(),r=new Date("2020-01-01T"+e).valueOf();if(n&&r)return n-r}function T_(t,e){if(!(t&&e))return;let n=zp.exec(t),r=zp.exec(e);if(n&&r)return t=n[1]+n[2]+n[3],e=r[1]+r[2]+r[3],t>e?1:t<e?-1:0}var Yp=/t|\s/i;function v_(t){let e=Hp(t);return function(r){let i=r.split(Yp);return i.length===2&&A_(i[0])&&e(i[1])}}function C_(t,e){if(!(t&&e))return;let n=new Date(t).valueOf(),r=new Date(e).valueOf();if(n&&r)return n-r}function E_(t,e){if(!(t&&e))return;let[n,r]=t.split(Yp),[i,o]=e.split(Yp),s=Jp(n,i);if(s!==void 0)return s||Xp(r,o)}var TL=/\/|:/,CL=/^(?:[a-z][a-z0-9+\-.]*:)(?:\/?\/(?:(?:[a-z0-9\-._~!$&'()*+,;=:]|%[0-9a-f]{2})*@)?(?:\[(?:(?:(?:(?:[0-9a-f]{1,4}:){6}|::(?:[0-9a-f]{1,4}:){5}|(?:[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){4}|(?:(?:[0-9a-f]{1,4}:){0,1}[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){3}|(?:(?:[0-9a-f]{1,4}:){0,2}[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){2}|(?:(?:[0-9a-f]{1,4}:){0,3}[0-9a-f]{1,4})?::[0-9a-f]{1,4}:|(?:(?:[0-9a-f]{1,4}:){0,4}[0-9a-f]{1,4})?::)(?:[0-9a-f]{1,4}:[0-9a-f]{1,4}|(?:(?:25[0-5]|2[0-4]\d|[01]?\d\d?)\.){3}(?:25[0-5]|2[0-4]\d|[01]?\d\d?))|(?:(?:[0-9a-f]{1,4}:){0,5}[0-9a-f]{1,4})?::[0-9a-f]{1,4}|(?:(?:[0-9a-f]{1,4}:){0,6}[0-9a-f]{1,4})?::)|[Vv][0-9a-f]+\.[a-z0-9\-._~!$&'()*+,;=:]+)\]|(?:(?:25[0-5]|2[0-4]\d|[01]?\d\d?)\.){3}(?:25[0-5]|2[0-4]\d|[01]?\d\d?)|(?:[a-z0-9\-._~!$&'()*+,;=]|%[0-9a-f]{2})*)(?::\d*)?(?:\/(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})*)*|\/(?:(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})+(?:\/(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})*)*)?|(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})+(?:\/(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})*)*)(?:\?(?:[a-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9a-f]{2})*)?(?:#(?:[a-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9a-f]{2})*)?$/i;function EL(t){return TL.test(t)&&CL.test(t)}var __=/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/gm;function $L(t){return __.lastIndex=0,__.test(t)}var xL=-(2**31),RL=2**31-1;function IL(t){return Number.isInteger(t)&&t<=RL&&t>=xL}function OL(t){return Number.isInteger(t)}function S_(){return!0}var PL=/[^\\]\\Z/;function NL(t){if(PL.test(t))return!1;try{return new RegExp(t),!0}catch{return!1}}});var x_=_(Fi=>{"use strict";Object.defineProperty(Fi,"__esModule",{value:!0});Fi.formatLimitDefinition=void 0;var LL=Kp(),Ht=J(),tr=Ht.operators,Gl={formatMaximum:{okStr:"<=",ok:tr.LTE,fail:tr.GT},formatMinimum:{okStr:">=",ok:tr.GTE,fail:tr.LT},formatExclusiveMaximum:{okStr:"<",ok:tr.LT,fail:tr.GTE},formatExclusiveMinimum:{okStr:">",ok:tr.GT,fail:tr.LTE}},DL={message:({keyword:t,schemaCode:e})=>(0,Ht.str)`should be ${Gl[t].okStr} ${e}`,params:({keyword:t,schemaCode:e})=>(0,Ht._)`{comparison: ${Gl[t].okStr}, limit: ${e}}`};Fi.formatLimitDefinition={keyword:Object.keys(Gl),type:"string",schemaType:"string",$data:!0,error:DL,code(t){let{gen:e,data:n,schemaCode:r,keyword:i,it:o}=t,{opts:s,self:a}=o;if(!s.validateFormats)return;let l=new LL.KeywordCxt(o,a.RULES.all.format.definition,"format");l.$data?c():u();function c(){let f=e.scopeValue("formats",{ref:a.formats,code:s.code.formats}),p=e.const("fmt",(0,Ht._)`${f}[${l.schemaCode}]`);t.fail$data((0,Ht.or)((0,Ht._)`typeof ${p} != "object"`,(0,Ht._)`${p} instanceof RegExp`,(0,Ht._)`typeof ${p}.compare != "function"`,d(p)))}function u(){let f=l.schema,p=a.formats[f];if(!p||p===!0)return;if(typeof p!="object"||p instanceof RegExp||typeof p.compare!="function")throw new Error(`"${i}": format "${f}" does not define "compare" function`);let h=e.scopeValue("formats",{key:f,ref:p,code:s.code.formats?(0,Ht._)`${s.code.formats}${(0,Ht.getProperty)(f)}`:void 0});t.fail$data(d(h))}function d(f){return(0,Ht._)`${f}.compare(${n}, ${r}) ${Gl[i].fail} 0`}},dependencies:["format"]};var ML=t=>(t.addKeyword(Fi.formatLimitDefinition),t);Fi.default=ML});var P_=_((ys,O_)=>{"use strict";Object.defineProperty(ys,"__esModule",{value:!0});var ji=$_(),VL=x_(),Qp=J(),R_=new Qp.Name("fullFormats"),FL=new Qp.Name("fastFormats"),Zp=(t,e={keywords:!0})=>{if(Array.isArray(e))return I_(t,e,ji.fullFormats,R_),t;let[n,r]=e.mode==="fast"?[ji.fastFormats,FL]:[ji.fullFormats,R_],i=e.formats||ji.formatNames;return I_(t,i,n,r),e.keywords&&(0,VL.default)(t),t};Zp.get=(t,e="full")=>{let r=(e==="fast"?ji.fastFormats:ji.fullFormats)[t];if(!r)throw new Error(`Unknown format "${t}"`);return r};function I_(t,e,n,r){var i,o;(i=(o=t.opts.code).formats)!==null&&i!==void 0||(o.formats=(0,Qp._)`require("ajv-formats/dist/formats").${r}`);for(let s of e)t.addFormat(s,n[s])}O_.exports=ys=Zp;Object.defineProperty(ys,"__esModule",{value:!0});ys.default=Zp});var se=_(He=>{"use strict";var em=Symbol.for("yaml.alias"),L_=Symbol.for("yaml.document"),Kl=Symbol.for("yaml.map"),D_=Symbol.for("yaml.pair"),tm=Symbol.for("yaml.scalar"),zl=Symbol.for("yaml.seq"),Ln=Symbol.for("yaml.node.type"),qL=t=>!!t&&typeof t=="object"&&t[Ln]===em,GL=t=>!!t&&typeof t=="object"&&t[Ln]===L_,BL=t=>!!t&&typeof t=="object"&&t[Ln]===Kl,UL=t=>!!t&&typeof t=="object"&&t[Ln]===D_,M_=t=>!!t&&typeof t=="object"&&t[Ln]===tm,KL=t=>!!t&&typeof t=="object"&&t[Ln]===zl;function V_(t){if(t&&typeof t=="object")switch(t[Ln]){case Kl:case zl:return!0}return!1}function zL(t){if(t&&typeof t=="object")switch(t[Ln]){case em:case Kl:case tm:case zl:return!0}return!1}var HL=t=>(M_(t)||V_(t))&&!!t.anchor;He.ALIAS=em;He.DOC=L_;He.MAP=Kl;He.NODE_TYPE=Ln;He.PAIR=D_;He.SCALAR=tm;He.SEQ=zl;He.hasAnchor=HL;He.isAlias=qL;He.isCollection=V_;He.isDocument=GL;He.isMap=BL;He.isNode=zL;He.isPair=UL;He.isScalar=M_;He.isSeq=KL});var bs=_(nm=>{"use strict";var We=se(),ht=Symbol("break visit"),F_=Symbol("skip children"),fn=Symbol("remove node");function Hl(t,e){let n=j_(e);We.isDocument(t)?Wi(null,t.contents,n,Object.freeze([t]))===fn&&(t.contents=null):Wi(null,t,n,Object.freeze([]))}Hl.BREAK=ht;Hl.SKIP=F_;Hl.REMOVE=fn;function Wi(t,e,n,r){let i=W_(t,e,n,r);if(We.isNode(i)||We.isPair(i))return q_(t,r,i),Wi(t,i,n,r);if(typeof i!="symbol"){if(We.isCollection(e)){r=Object.freeze(r.concat(e));for(let o=0;o<e.items.length;++o){let s=Wi(o,e.items[o],n,r);if(typeof s=="number")o=s-1;else{if(s===ht)return ht;s===fn&&(e.items.splice(o,1),o-=1)}}}else if(We.isPair(e)){r=Object.freeze(r.concat(e));let o=Wi("key",e.key,n,r);if(o===ht)return ht;o===fn&&(e.key=null);let s=Wi("value",e.value,n,r);if(s===ht)return ht;s===fn&&(e.value=null)}}return i}async function Yl(t,e){let n=j_(e);We.isDocument(t)?await qi(null,t.contents,n,Object.freeze([t]))===fn&&(t.contents=null):await qi(null,t,n,Object.freeze([]))}Yl.BREAK=ht;Yl.SKIP=F_;Yl.REMOVE=fn;async function qi(t,e,n,r){let i=await W_(t,e,n,r);if(We.isNode(i)||We.isPair(i))return q_(t,r,i),qi(t,i,n,r);if(typeof i!="symbol"){if(We.isCollection(e)){r=Object.freeze(r.concat(e));for(let o=0;o<e.items.length;++o){let s=await qi(o,e.items[o],n,r);if(typeof s=="number")o=s-1;else{if(s===ht)return ht;s===fn&&(e.items.splice(o,1),o-=1)}}}else if(We.isPair(e)){r=Object.freeze(r.concat(e));let o=await qi("key",e.key,n,r);if(o===ht)return ht;o===fn&&(e.key=null);let s=await qi("value",e.value,n,r);if(s===ht)return ht;s===fn&&(e.value=null)}}return i}function j_(t){return typeof t=="object"&&(t.Collection||t.Node||t.Value)?Object.assign({Alias:t.Node,Map:t.Node,Scalar:t.Node,Seq:t.Node},t.Value&&{Map:t.Value,Scalar:t.Value,Seq:t.Value},t.Collection&&{Map:t.Collection,Seq:t.Collection},t):t}function W_(t,e,n,r){if(typeof n=="function")return n(t,e,r);if(We.isMap(e))return n.Map?.(t,e,r);if(We.isSeq(e))return n.Seq?.(t,e,r);if(We.isPair(e))return n.Pair?.(t,e,r);if(We.isScalar(e))return n.Scalar?.(t,e,r);if(We.isAlias(e))return n.Alias?.(t,e,r)}function q_(t,e,n){let r=e[e.length-1];if(We.isCollection(r))r.items[t]=n;else if(We.isPair(r))t==="key"?r.key=n:r.value=n;else if(We.isDocument(r))r.contents=n;else{let i=We.isAlias(r)?"alias":"scalar";throw new Error(`Cannot replace node with ${i} parent`)}}nm.visit=Hl;nm.visitAsync=Yl});var rm=_(B_=>{"use strict";var G_=se(),YL=bs(),JL={"!":"%21",",":"%2C","[":"%5B","]":"%5D","{":"%7B","}":"%7D"},XL=t=>t.replace(/[!,[\]{}]/g,e=>JL[e]),ws=class t{constructor(e,n){this.docStart=null,this.docEnd=!1,this.yaml=Object.assign({},t.defaultYaml,e),this.tags=Object.assign({},t.defaultTags,n)}clone(){let e=new t(this.yaml,this.tags);return e.docStart=this.docStart,e}atDocument(){let e=new t(this.yaml,this.tags);switch(this.yaml.version){case"1.1":this.atNextDocument=!0;break;case"1.2":this.atNextDocument=!1,this.yaml={explicit:t.defaultYaml.explicit,version:"1.2"},this.tags=Object.assign({},t.defaultTags);break}return e}add(e,n){this.atNextDocument&&(this.yaml={explicit:t.defaultYaml.explicit,version:"1.1"},this.tags=Object.assign({},t.defaultTags),this.atNextDocument=!1);let r=e.trim().split(/[ \t]+/),i=r.shift();switch(i){case"%TAG":{if(r.length!==2&&(n(0,"%TAG directive should contain exactly two parts"),r.length<2))return!1;let[o,s]=r;return this.tags[o]=s,!0}case"%YAML":{if(this.yaml.explicit=!0,r.length!==1)return n(0,"%YAML directive should contain exactly one part"),!1;let[o]=r;if(o==="1.1"||o==="1.2")return this.yaml.version=o,!0;{let s=/^\d+\.\d+$/.test(o);return n(6,`Unsupported YAML version ${o}`,s),!1}}default:return n(0,`Unknown directive ${i}`,!0),!1}}tagName(e,n){if(e==="!")return"!";if(e[0]!=="!")return n(`Not a valid tag: ${e}`),null;if(e[1]==="<"){let s=e.slice(2,-1);return s==="!"||s==="!!"?(n(`Verbatim tags aren't resolved, so ${e} is invalid.`),null):(e[e.length-1]!==">"&&n("Verbatim tags must end with a >"),s)}let[,r,i]=e.match(/^(.*!)([^!]*)$/s);i||n(`The ${e} tag has no suffix`);let o=this.tags[r];if(o)try{return o+decodeURIComponent(i)}catch(s){return n(String(s)),null}return r==="!"?e:(n(`Could not resolve tag: ${e}`),null)}tagString(e){for(let[n,r]of Object.entries(this.tags))if(e.startsWith(r))return n+XL(e.substring(r.length));return e[0]==="!"?e:`!<${e}>`}toString(e){let n=this.yaml.explicit?[`%YAML ${this.yaml.version||"1.2"}`]:[],r=Object.entries(this.tags),i;if(e&&r.length>0&&G_.isNode(e.contents)){let o={};YL.visit(e.contents,(s,a)=>{G_.isNode(a)&&a.tag&&(o[a.tag]=!0)}),i=Object.keys(o)}else i=[];for(let[o,s]of r)o==="!!"&&s==="tag:yaml.org,2002:"||(!e||i.some(a=>a.startsWith(s)))&&n.push(`%TAG ${o} ${s}`);return n.join(`
`)}};ws.defaultYaml={explicit:!1,version:"1.2"};ws.defaultTags={"!!":"tag:yaml.org,2002:"};B_.Directives=ws});var Jl=_(ks=>{"use strict";var U_=se(),QL=bs();function ZL(t){if(/[\x00-\x19\s,[\]{}]/.test(t)){let n=`Anchor must not contain whitespace or control characters: ${JSON.stringify(t)}`;throw new Error(n)}return!0}function K_(t){let e=new Set;return QL.visit(t,{Value(n,r){r.anchor&&e.add(r.anchor)}}),e}function z_(t,e){for(let n=1;;++n){let r=`${t}${n}`;if(!e.has(r))return r}}function eD(t,e){let n=[],r=new Map,i=null;return{onAnchor:o=>{n.push(o),i??(i=K_(t));let s=z_(e,i);return i.add(s),s},setAnchors:()=>{for(let o of n){let s=r.get(o);if(typeof s=="object"&&s.anchor&&(U_.isScalar(s.node)||U_.isCollection(s.node)))s.node.anchor=s.anchor;else{let a=new Error("Failed to resolve repeated object (this should not happen)");throw a.source=o,a}}},sourceObjects:r}}ks.anchorIsValid=ZL;ks.anchorNames=K_;ks.createNodeAnchors=eD;ks.findNewAnchor=z_});var im=_(H_=>{"use strict";function vs(t,e,n,r){if(r&&typeof r=="object")if(Array.isArray(r))for(let i=0,o=r.length;i<o;++i){let s=r[i],a=vs(t,r,String(i),s);a===void 0?delete r[i]:a!==s&&(r[i]=a)}else if(r instanceof Map)for(let i of Array.from(r.keys())){let o=r.get(i),s=vs(t,r,i,o);s===void 0?r.delete(i):s!==o&&r.set(i,s)}else if(r instanceof Set)for(let i of Array.from(r)){let o=vs(t,r,i,i);o===void 0?r.delete(i):o!==i&&(r.delete(i),r.add(o))}else for(let[i,o]of Object.entries(r)){let s=vs(t,r,i,o);s===void 0?delete r[i]:s!==o&&(r[i]=s)}return t.call(e,n,r)}H_.applyReviver=vs});var nr=_(J_=>{"use strict";var tD=se();function Y_(t,e,n){if(Array.isArray(t))return t.map((r,i)=>Y_(r,String(i),n));if(t&&typeof t.toJSON=="function"){if(!n||!tD.hasAnchor(t))return t.toJSON(e,n);let r={aliasCount:0,count:1,res:void 0};n.anchors.set(t,r),n.onCreate=o=>{r.res=o,delete n.onCreate};let i=t.toJSON(e,n);return n.onCreate&&n.onCreate(i),i}return typeof t=="bigint"&&!n?.keep?Number(t):t}J_.toJS=Y_});var Xl=_(Q_=>{"use strict";var nD=im(),X_=se(),rD=nr(),om=class{constructor(e){Object.defineProperty(this,X_.NODE_TYPE,{value:e})}clone(){let e=Object.create(Object.getPrototypeOf(this),Object.getOwnPropertyDescriptors(this));return this.range&&(e.range=this.range.slice()),e}toJS(e,{mapAsMap:n,maxAliasCount:r,onAnchor:i,reviver:o}={}){if(!X_.isDocument(e))throw new TypeError("A document argument is required");let s={anchors:new Map,doc:e,keep:!0,mapAsMap:n===!0,mapKeyWarned:!1,maxAliasCount:typeof r=="number"?r:100},a=rD.toJS(this,"",s);if(typeof i=="function")for(let{count:l,res:c}of s.anchors.values())i(c,l);return typeof o=="function"?nD.applyReviver(o,{"":a},"",a):a}};Q_.NodeBase=om});var _s=_(Z_=>{"use strict";var iD=Jl(),oD=bs(),Gi=se(),sD=Xl(),aD=nr(),sm=class extends sD.NodeBase{constructor(e){super(Gi.ALIAS),this.source=e,Object.defineProperty(this,"tag",{set(){throw new Error("Alias nodes cannot have tags")}})}resolve(e,n){if(n?.maxAliasCount===0)throw new ReferenceError("Alias resolution is disabled");let r;n?.aliasResolveCache?r=n.aliasResolveCache:(r=[],oD.visit(e,{Node:(o,s)=>{(Gi.isAlias(s)||Gi.hasAnchor(s))&&r.push(s)}}),n&&(n.aliasResolveCache=r));let i;for(let o of r){if(o===this)break;o.anchor===this.source&&(i=o)}if(i&&n){let{anchors:o,doc:s,maxAliasCount:a}=n,l=o.get(i);if(l||(aD.toJS(i,null,n),l=o.get(i)),l?.res===void 0){let c="This should not happen: Alias anchor was not resolved?";throw new ReferenceError(c)}if(a>=0&&(l.count+=1,l.aliasCount===0&&(l.aliasCount=Ql(s,i,o)),l.count*l.aliasCount>a)){let c="Excessive alias count indicates a resource exhaustion attack";throw new ReferenceError(c)}}return i}toJSON(e,n){if(!n)return{source:this.source};let r=this.resolve(n.doc,n);if(!r){let i=`Unresolved alias (the anchor must be set before the alias): ${this.source}`;throw new ReferenceError(i)}return n.anchors.get(r).res}toString(e,n,r){let i=`*${this.source}`;if(e){if(iD.anchorIsValid(this.source),e.options.verifyAliasOrder&&!e.anchors.has(this.source)){let o=`Unresolved alias (the anchor must be set before the alias): ${this.source}`;throw new Error(o)}if(e.implicitKey)return`${i} `}return i}};function Ql(t,e,n){if(Gi.isAlias(e)){let r=e.resolve(t),i=n&&r&&n.get(r);return i?i.count*i.aliasCount:0}else if(Gi.isCollection(e)){let r=0;for(let i of e.items){let o=Ql(t,i,n);o>r&&(r=o)}return r}else if(Gi.isPair(e)){let r=Ql(t,e.key,n),i=Ql(t,e.value,n);return Math.max(r,i)}return 1}Z_.Alias=sm});var Ve=_(am=>{"use strict";var lD=se(),cD=Xl(),uD=nr(),dD=t=>!t||typeof t!="function"&&typeof t!="object",rr=class extends cD.NodeBase{constructor(e){super(lD.SCALAR),this.value=e}toJSON(e,n){return n?.keep?this.value:uD.toJS(this.value,e,n)}toString(){return String(this.value)}};rr.BLOCK_FOLDED="BLOCK_FOLDED";rr.BLOCK_LITERAL="BLOCK_LITERAL";rr.PLAIN="PLAIN";rr.QUOTE_DOUBLE="QUOTE_DOUBLE";rr.QUOTE_SINGLE="QUOTE_SINGLE";am.Scalar=rr;am.isScalarValue=dD});var Ss=_(tS=>{"use strict";var fD=_s(),Kr=se(),eS=Ve(),pD="tag:yaml.org,2002:";function mD(t,e,n){if(e){let r=n.filter(o=>o.tag===e),i=r.find(o=>!o.format)??r[0];if(!i)throw new Error(`Tag ${e} not found`);return i}return n.find(r=>r.identify?.(t)&&!r.format)}function hD(t,e,n){if(Kr.isDocument(t)&&(t=t.contents),Kr.isNode(t))return t;if(Kr.isPair(t)){let d=n.schema[Kr.MAP].createNode?.(n.schema,null,n);return d.items.push(t),d}(t instanceof String||t instanceof Number||t instanceof Boolean||typeof BigInt<"u"&&t instanceof BigInt)&&(t=t.valueOf());let{aliasDuplicateObjects:r,onAnchor:i,onTagObj:o,schema:s,sourceObjects:a}=n,l;if(r&&t&&typeof t=="object"){if(l=a.get(t),l)return l.anchor??(l.anchor=i(t)),new fD.Alias(l.anchor);l={anchor:null,node:null},a.set(t,l)}e?.startsWith("!!")&&(e=pD+e.slice(2));let c=mD(t,e,s.tags);if(!c){if(t&&typeof t.toJSON=="function"&&(t=t.toJSON()),!t||typeof t!="object"){let d=new eS.Scalar(t);return l&&(l.node=d),d}c=t instanceof Map?s[Kr.MAP]:Symbol.iterator in Object(t)?s[Kr.SEQ]:s[Kr.MAP]}o&&(o(c),delete n.onTagObj);let u=c?.createNode?c.createNode(n.schema,t,n):typeof c?.nodeClass?.from=="function"?c.nodeClass.from(n.schema,t,n):new eS.Scalar(t);return e?u.tag=e:c.default||(u.tag=c.tag),l&&(l.node=u),u}tS.createNode=hD});var ec=_(Zl=>{"use strict";var gD=Ss(),pn=se(),yD=Xl();function lm(t,e,n){let r=n;for(let i=e.length-1;i>=0;--i){let o=e[i];if(typeof o=="number"&&Number.isInteger(o)&&o>=0){let s=[];s[o]=r,r=s}else r=new Map([[o,r]])}return gD.createNode(r,void 0,{aliasDuplicateObjects:!1,keepUndefined:!1,onAnchor:()=>{throw new Error("This should not happen, please report a bug.")},schema:t,sourceObjects:new Map})}var nS=t=>t==null||typeof t=="object"&&!!t[Symbol.iterator]().next().done,cm=class extends yD.NodeBase{constructor(e,n){super(e),Object.defineProperty(this,"schema",{value:n,configurable:!0,enumerable:!1,writable:!0})}clone(e){let n=Object.create(Object.getPrototypeOf(this),Object.getOwnPropertyDescriptors(this));return e&&(n.schema=e),n.items=n.items.map(r=>pn.isNode(r)||pn.isPair(r)?r.clone(e):r),this.range&&(n.range=this.range.slice()),n}addIn(e,n){if(nS(e))this.add(n);else{let[r,...i]=e,o=this.get(r,!0);if(pn.isCollection(o))o.addIn(i,n);else if(o===void 0&&this.schema)this.set(r,lm(this.schema,i,n));else throw new Error(`Expected YAML collection at ${r}. Remaining path: ${i}`)}}deleteIn(e){let[n,...r]=e;if(r.length===0)return this.delete(n);let i=this.get(n,!0);if(pn.isCollection(i))return i.deleteIn(r);throw new Error(`Expected YAML collection at ${n}. Remaining path: ${r}`)}getIn(e,n){let[r,...i]=e,o=this.get(r,!0);return i.length===0?!n&&pn.isScalar(o)?o.value:o:pn.isCollection(o)?o.getIn(i,n):void 0}hasAllNullValues(e){return this.items.every(n=>{if(!pn.isPair(n))return!1;let r=n.value;return r==null||e&&pn.isScalar(r)&&r.value==null&&!r.commentBefore&&!r.comment&&!r.tag})}hasIn(e){let[n,...r]=e;if(r.length===0)return this.has(n);let i=this.get(n,!0);return pn.isCollection(i)?i.hasIn(r):!1}setIn(e,n){let[r,...i]=e;if(i.length===0)this.set(r,n);else{let o=this.get(r,!0);if(pn.isCollection(o))o.setIn(i,n);else if(o===void 0&&this.schema)this.set(r,lm(this.schema,i,n));else throw new Error(`Expected YAML collection at ${r}. Remaining path: ${i}`)}}};Zl.Collection=cm;Zl.collectionFromPath=lm;Zl.isEmptyPath=nS});var As=_(tc=>{"use strict";var bD=t=>t.replace(/^(?!$)(?: $)?/gm,"#");function um(t,e){return/^\n+$/.test(t)?t.substring(1):e?t.replace(/^(?! *$)/gm,e):t}var wD=(t,e,n)=>t.endsWith(`
`)?um(n,e):n.includes(`
`)?`
`+um(n,e):(t.endsWith(" ")?"":" ")+n;tc.indentComment=um;tc.lineComment=wD;tc.stringifyComment=bD});var iS=_(Ts=>{"use strict";var kD="flow",dm="block",nc="quoted";function vD(t,e,n="flow",{indentAtStart:r,lineWidth:i=80,minContentWidth:o=20,onFold:s,onOverflow:a}={}){if(!i||i<0)return t;i<o&&(o=0);let l=Math.max(1+o,1+i-e.length);if(t.length<=l)return t;let c=[],u={},d=i-e.length;typeof r=="number"&&(r>i-Math.max(2,o)?c.push(0):d=i-r);let f,p,h=!1,m=-1,g=-1,b=-1;n===dm&&(m=rS(t,m,e.length),m!==-1&&(d=m+l));for(let w;w=t[m+=1];){if(n===nc&&w==="\\"){switch(g=m,t[m+1]){case"x":m+=3;break;case"u":m+=5;break;case"U":m+=9;break;default:m+=1}b=m}if(w===`
`)n===dm&&(m=rS(t,m,e.length)),d=m+e.length+l,f=void 0;else{if(w===" "&&p&&p!==" "&&p!==`
`&&p!=="	"){let k=t[m+1];k&&k!==" "&&k!==`
`&&k!=="	"&&(f=m)}if(m>=d)if(f)c.push(f),d=f+l,f=void 0;else if(n===nc){for(;p===" "||p==="	";)p=w,w=t[m+=1],h=!0;let k=m>b+1?m-2:g-1;if(u[k])return t;c.push(k),u[k]=!0,d=k+l,f=void 0}else h=!0}p=w}if(h&&a&&a(),c.length===0)return t;s&&s();let y=t.slice(0,c[0]);for(let w=0;w<c.length;++w){let k=c[w],S=c[w+1]||t.length;k===0?y=`
${e}${t.slice(0,S)}`:(n===nc&&u[k]&&(y+=`${t[k]}\\`),y+=`
${e}${t.slice(k+1,S)}`)}return y}function rS(t,e,n){let r=e,i=e+1,o=t[i];for(;o===" "||o==="	";)if(e<i+n)o=t[++e];else{do o=t[++e];while(o&&o!==`
`);r=e,i=e+1,o=t[i]}return r}Ts.FOLD_BLOCK=dm;Ts.FOLD_FLOW=kD;Ts.FOLD_QUOTED=nc;Ts.foldFlowLines=vD});var Es=_(oS=>{"use strict";var Jt=Ve(),ir=iS(),ic=(t,e)=>({indentAtStart:e?t.indent.length:t.indentAtStart,lineWidth:t.options.lineWidth,minContentWidth:t.options.minContentWidth}),oc=t=>/^(%|---|\.\.\.)/m.test(t);function _D(t,e,n){if(!e||e<0)return!1;let r=e-n,i=t.length;if(i<=r)return!1;for(let o=0,s=0;o<i;++o)if(t[o]===`
`){if(o-s>r)return!0;if(s=o+1,i-s<=r)return!1}return!0}function Cs(t,e){let n=JSON.stringify(t);if(e.options.doubleQuotedAsJSON)return n;let{implicitKey:r}=e,i=e.options.doubleQuotedMinMultiLineLength,o=e.indent||(oc(t)?"  ":""),s="",a=0;for(let l=0,c=n[l];c;c=n[++l])if(c===" "&&n[l+1]==="\\"&&n[l+2]==="n"&&(s+=n.slice(a,l)+"\\ ",l+=1,a=l,c="\\"),c==="\\")switch(n[l+1]){case"u":{s+=n.slice(a,l);let u=n.substr(l+2,4);switch(u){case"0000":s+="\\0";break;case"0007":s+="\\a";break;case"000b":s+="\\v";break;case"001b":s+="\\e";break;case"0085":s+="\\N";break;case"00a0":s+="\\_";break;case"2028":s+="\\L";break;case"2029":s+="\\P";break;default:u.substr(0,2)==="00"?s+="\\x"+u.substr(2):s+=n.substr(l,6)}l+=5,a=l+1}break;case"n":if(r||n[l+2]==='"'||n.length<i)l+=1;else{for(s+=n.slice(a,l)+`

`;n[l+2]==="\\"&&n[l+3]==="n"&&n[l+4]!=='"';)s+=`
`,l+=2;s+=o,n[l+2]===" "&&(s+="\\"),l+=1,a=l+1}break;default:l+=1}return s=a?s+n.slice(a):n,r?s:ir.foldFlowLines(s,o,ir.FOLD_QUOTED,ic(e,!1))}function fm(t,e){if(e.options.singleQuote===!1||e.implicitKey&&t.includes(`
`)||/[ \t]\n|\n[ \t]/.test(t))return Cs(t,e);let n=e.indent||(oc(t)?"  ":""),r="'"+t.replace(/'/g,"''").replace(/\n+/g,`$&
${n}`)+"'";return e.implicitKey?r:ir.foldFlowLines(r,n,ir.FOLD_FLOW,ic(e,!1))}function Bi(t,e){let{singleQuote:n}=e.options,r;if(n===!1)r=Cs;else{let i=t.includes('"'),o=t.includes("'");i&&!o?r=fm:o&&!i?r=Cs:r=n?fm:Cs}return r(t,e)}var pm;try{pm=new RegExp(`(^|(?<!
))
+(?!
|$)`,"g")}catch{pm=/\n+(?!\n|$)/g}function rc({comment:t,type:e,value:n},r,i,o){let{blockQuote:s,commentString:a,lineWidth:l}=r.options;if(!s||/\n[\t ]+$/.test(n))return Bi(n,r);let c=r.indent||(r.forceBlockIndent||oc(n)?"  ":""),u=s==="literal"?!0:s==="folded"||e===Jt.Scalar.BLOCK_FOLDED?!1:e===Jt.Scalar.BLOCK_LITERAL?!0:!_D(n,l,c.length);if(!n)return u?`|
`:`>
`;let d,f;for(f=n.length;f>0;--f){let S=n[f-1];if(S!==`
`&&S!=="	"&&S!==" ")break}let p=n.substring(f),h=p.indexOf(`
`);h===-1?d="-":n===p||h!==p.length-1?(d="+",o&&o()):d="",p&&(n=n.slice(0,-p.length),p[p.length-1]===`
`&&(p=p.slice(0,-1)),p=p.replace(pm,`$&${c}`));let m=!1,g,b=-1;for(g=0;g<n.length;++g){let S=n[g];if(S===" ")m=!0;else if(S===`
`)b=g;else break}let y=n.substring(0,b<g?b+1:g);y&&(n=n.substring(y.length),y=y.replace(/\n+/g,`$&${c}`));let k=(m?c?"2":"1":"")+d;if(t&&(k+=" "+a(t.replace(/ ?[\r\n]+/g," ")),i&&i()),!u){let S=n.replace(/\n+/g,`
$&`).replace(/(?:^|\n)([\t ].*)(?:([\n\t ]*)\n(?![\n\t ]))?/g,"$1$2").replace(/\n+/g,`$&${c}`),$=!1,P=ic(r,!0);s!=="folded"&&e!==Jt.Scalar.BLOCK_FOLDED&&(P.onOverflow=()=>{$=!0});let T=ir.foldFlowLines(`${y}${S}${p}`,c,ir.FOLD_BLOCK,P);if(!$)return`>${k}
${c}${T}`}return n=n.replace(/\n+/g,`$&${c}`),`|${k}
${c}${y}${n}${p}`}function SD(t,e,n,r){let{type:i,value:o}=t,{actualString:s,implicitKey:a,indent:l,indentStep:c,inFlow:u}=e;if(a&&o.includes(`
`)||u&&/[[\]{},]/.test(o))return Bi(o,e);if(/^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/.test(o))return a||u||!o.includes(`
`)?Bi(o,e):rc(t,e,n,r);if(!a&&!u&&i!==Jt.Scalar.PLAIN&&o.includes(`
`))return rc(t,e,n,r);if(oc(o)){if(l==="")return e.forceBlockIndent=!0,rc(t,e,n,r);if(a&&l===c)return Bi(o,e)}let d=o.replace(/\n+/g,`$&
${l}`);if(s){let f=m=>m.default&&m.tag!=="tag:yaml.org,2002:str"&&m.test?.test(d),{compat:p,tags:h}=e.doc.schema;if(h.some(f)||p?.some(f))return Bi(o,e)}return a?d:ir.foldFlowLines(d,l,ir.FOLD_FLOW,ic(e,!1))}function AD(t,e,n,r){let{implicitKey:i,inFlow:o}=e,s=typeof t.value=="string"?t:Object.assign({},t,{value:String(t.value)}),{type:a}=t;a!==Jt.Scalar.QUOTE_DOUBLE&&/[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u.test(s.value)&&(a=Jt.Scalar.QUOTE_DOUBLE);let l=u=>{switch(u){case Jt.Scalar.BLOCK_FOLDED:case Jt.Scalar.BLOCK_LITERAL:return i||o?Bi(s.value,e):rc(s,e,n,r);case Jt.Scalar.QUOTE_DOUBLE:return Cs(s.value,e);case Jt.Scalar.QUOTE_SINGLE:return fm(s.value,e);case Jt.Scalar.PLAIN:return SD(s,e,n,r);default:return null}},c=l(a);if(c===null){let{defaultKeyType:u,defaultStringType:d}=e.options,f=i&&u||d;if(c=l(f),c===null)throw new Error(`Unsupported default string type ${f}`)}return c}oS.stringifyString=AD});var $s=_(mm=>{"use strict";var TD=Jl(),or=se(),CD=As(),ED=Es();function $D(t,e){let n=Object.assign({blockQuote:!0,commentString:CD.stringifyComment,defaultKeyType:null,defaultStringType:"PLAIN",directives:null,doubleQuotedAsJSON:!1,doubleQuotedMinMultiLineLength:40,falseStr:"false",flowCollectionPadding:!0,indentSeq:!0,lineWidth:80,minContentWidth:20,nullStr:"null",simpleKeys:!1,singleQuote:null,trailingComma:!1,trueStr:"true",verifyAliasOrder:!0},t.schema.toStringOptions,e),r;switch(n.collectionStyle){case"block":r=!1;break;case"flow":r=!0;break;default:r=null}return{anchors:new Set,doc:t,flowCollectionPadding:n.flowCollectionPadding?" ":"",indent:"",indentStep:typeof n.indent=="number"?" ".repeat(n.indent):"  ",inFlow:r,options:n}}function xD(t,e){if(e.tag){let i=t.filter(o=>o.tag===e.tag);if(i.length>0)return i.find(o=>o.format===e.format)??i[0]}let n,r;if(or.isScalar(e)){r=e.value;let i=t.filter(o=>o.identify?.(r));if(i.length>1){let o=i.filter(s=>s.test);o.length>0&&(i=o)}n=i.find(o=>o.format===e.format)??i.find(o=>!o.format)}else r=e,n=t.find(i=>i.nodeClass&&r instanceof i.nodeClass);if(!n){let i=r?.constructor?.name??(r===null?"null":typeof r);throw new Error(`Tag not resolved for ${i} value`)}return n}function RD(t,e,{anchors:n,doc:r}){if(!r.directives)return"";let i=[],o=(or.isScalar(t)||or.isCollection(t))&&t.anchor;o&&TD.anchorIsValid(o)&&(n.add(o),i.push(`&${o}`));let s=t.tag??(e.default?null:e.tag);return s&&i.push(r.directives.tagString(s)),i.join(" ")}function ID(t,e,n,r){if(or.isPair(t))return t.toString(e,n,r);if(or.isAlias(t)){if(e.doc.directives)return t.toString(e);if(e.resolvedAliases?.has(t))throw new TypeError("Cannot stringify circular structure without alias nodes");e.resolvedAliases?e.resolvedAliases.add(t):e.resolvedAliases=new Set([t]),t=t.resolve(e.doc)}let i,o=or.isNode(t)?t:e.doc.createNode(t,{onTagObj:l=>i=l});i??(i=xD(e.doc.schema.tags,o));let s=RD(o,i,e);s.length>0&&(e.indentAtStart=(e.indentAtStart??0)+s.length+1);let a=typeof i.stringify=="function"?i.stringify(o,e,n,r):or.isScalar(o)?ED.stringifyString(o,e,n,r):o.toString(e,n,r);return s?or.isScalar(o)||a[0]==="{"||a[0]==="["?`${s} ${a}`:`${s}
${e.indent}${a}`:a}mm.createStringifyContext=$D;mm.stringify=ID});var cS=_(lS=>{"use strict";var Dn=se(),sS=Ve(),aS=$s(),xs=As();function OD({key:t,value:e},n,r,i){let{allNullValues:o,doc:s,indent:a,indentStep:l,options:{commentString:c,indentSeq:u,simpleKeys:d}}=n,f=Dn.isNode(t)&&t.comment||null;if(d){if(f)throw new Error("With simple keys, key nodes cannot have comments");if(Dn.isCollection(t)||!Dn.isNode(t)&&typeof t=="object"){let P="With simple keys, collection cannot be used as a key value";throw new Error(P)}}let p=!d&&(!t||f&&e==null&&!n.inFlow||Dn.isCollection(t)||(Dn.isScalar(t)?t.type===sS.Scalar.BLOCK_FOLDED||t.type===sS.Scalar.BLOCK_LITERAL:typeof t=="object"));n=Object.assign({},n,{allNullValues:!1,implicitKey:!p&&(d||!o),indent:a+l});let h=!1,m=!1,g=aS.stringify(t,n,()=>h=!0,()=>m=!0);if(!p&&!n.inFlow&&g.length>1024){if(d)throw new Error("With simple keys, single line scalar must not span more than 1024 characters");p=!0}if(n.inFlow){if(o||e==null)return h&&r&&r(),g===""?"?":p?`? ${g}`:g}else if(o&&!d||e==null&&p)return g=`? ${g}`,f&&!h?g+=xs.lineComment(g,n.indent,c(f)):m&&i&&i(),g;h&&(f=null),p?(f&&(g+=xs.lineComment(g,n.indent,c(f))),g=`? ${g}
${a}:`):(g=`${g}:`,f&&(g+=xs.lineComment(g,n.indent,c(f))));let b,y,w;Dn.isNode(e)?(b=!!e.spaceBefore,y=e.commentBefore,w=e.comment):(b=!1,y=null,w=null,e&&typeof e=="object"&&(e=s.createNode(e))),n.implicitKey=!1,!p&&!f&&Dn.isScalar(e)&&(n.indentAtStart=g.length+1),m=!1,!u&&l.length>=2&&!n.inFlow&&!p&&Dn.isSeq(e)&&!e.flow&&!e.tag&&!e.anchor&&(n.indent=n.indent.substring(2));let k=!1,S=aS.stringify(e,n,()=>k=!0,()=>m=!0),$=" ";if(f||b||y){if($=b?`
`:"",y){let P=c(y);$+=`
${xs.indentComment(P,n.indent)}`}S===""&&!n.inFlow?$===`
`&&w&&($=`

`):$+=`
${n.indent}`}else if(!p&&Dn.isCollection(e)){let P=S[0],T=S.indexOf(`
`),N=T!==-1,A=n.inFlow??e.flow??e.items.length===0;if(N||!A){let ce=!1;if(N&&(P==="&"||P==="!")){let G=S.indexOf(" ");P==="&"&&G!==-1&&G<T&&S[G+1]==="!"&&(G=S.indexOf(" ",G+1)),(G===-1||T<G)&&(ce=!0)}ce||($=`
${n.indent}`)}}else(S===""||S[0]===`
`)&&($="");return g+=$+S,n.inFlow?k&&r&&r():w&&!k?g+=xs.lineComment(g,n.indent,c(w)):m&&i&&i(),g}lS.stringifyPair=OD});var gm=_(hm=>{"use strict";var uS=An("process");function PD(t,...e){t==="debug"&&console.log(...e)}function ND(t,e){(t==="debug"||t==="warn")&&(typeof uS.emitWarning=="function"?uS.emitWarning(e):console.warn(e))}hm.debug=PD;hm.warn=ND});var uc=_(cc=>{"use strict";var lc=se(),dS=Ve(),sc="<<",ac={identify:t=>t===sc||typeof t=="symbol"&&t.description===sc,default:"key",tag:"tag:yaml.org,2002:merge",test:/^<<$/,resolve:()=>Object.assign(new dS.Scalar(Symbol(sc)),{addToJSMap:fS}),stringify:()=>sc},LD=(t,e)=>(ac.identify(e)||lc.isScalar(e)&&(!e.type||e.type===dS.Scalar.PLAIN)&&ac.identify(e.value))&&t?.doc.schema.tags.some(n=>n.tag===ac.tag&&n.default);function fS(t,e,n){let r=pS(t,n);if(lc.isSeq(r))for(let i of r.items)ym(t,e,i);else if(Array.isArray(r))for(let i of r)ym(t,e,i);else ym(t,e,r)}function ym(t,e,n){let r=pS(t,n);if(!lc.isMap(r))throw new Error("Merge sources must be maps or map aliases");let i=r.toJSON(null,t,Map);for(let[o,s]of i)e instanceof Map?e.has(o)||e.set(o,s):e instanceof Set?e.add(o):Object.prototype.hasOwnProperty.call(e,o)||Object.defineProperty(e,o,{value:s,writable:!0,enumerable:!0,configurable:!0});return e}function pS(t,e){return t&&lc.isAlias(e)?e.resolve(t.doc,t):e}cc.addMergeToJSMap=fS;cc.isMergeKey=LD;cc.merge=ac});var wm=_(gS=>{"use strict";var DD=gm(),mS=uc(),MD=$s(),hS=se(),bm=nr();function VD(t,e,{key:n,value:r}){if(hS.isNode(n)&&n.addToJSMap)n.addToJSMap(t,e,r);else if(mS.isMergeKey(t,n))mS.addMergeToJSMap(t,e,r);else{let i=bm.toJS(n,"",t);if(e instanceof Map)e.set(i,bm.toJS(r,i,t));else if(e instanceof Set)e.add(i);else{let o=FD(n,i,t),s=bm.toJS(r,o,t);o in e?Object.defineProperty(e,o,{value:s,writable:!0,enumerable:!0,configurable:!0}):e[o]=s}}return e}function FD(t,e,n){if(e===null)return"";if(typeof e!="object")return String(e);if(hS.isNode(t)&&n?.doc){let r=MD.createStringifyContext(n.doc,{});r.anchors=new Set;for(let o of n.anchors.keys())r.anchors.add(o.anchor);r.inFlow=!0,r.inStringifyKey=!0;let i=t.toString(r);if(!n.mapKeyWarned){let o=JSON.stringify(i);o.length>40&&(o=o.substring(0,36)+'..."'),DD.warn(n.doc.options.logLevel,`Keys with collection values will be stringified due to JS Object restrictions: ${o}. Set mapAsMap: true to use object keys.`),n.mapKeyWarned=!0}return i}return JSON.stringify(e)}gS.addPairToJSMap=VD});var sr=_(km=>{"use strict";var yS=Ss(),jD=cS(),WD=wm(),dc=se();function qD(t,e,n){let r=yS.createNode(t,void 0,n),i=yS.createNode(e,void 0,n);return new fc(r,i)}var fc=class t{constructor(e,n=null){Object.defineProperty(this,dc.NODE_TYPE,{value:dc.PAIR}),this.key=e,this.value=n}clone(e){let{key:n,value:r}=this;return dc.isNode(n)&&(n=n.clone(e)),dc.isNode(r)&&(r=r.clone(e)),new t(n,r)}toJSON(e,n){let r=n?.mapAsMap?new Map:{};return WD.addPairToJSMap(n,r,this)}toString(e,n,r){return e?.doc?jD.stringifyPair(this,e,n,r):JSON.stringify(this)}};km.Pair=fc;km.createPair=qD});var vm=_(wS=>{"use strict";var zr=se(),bS=$s(),pc=As();function GD(t,e,n){return(e.inFlow??t.flow?UD:BD)(t,e,n)}function BD({comment:t,items:e},n,{blockItemPrefix:r,flowChars:i,itemIndent:o,onChompKeep:s,onComment:a}){let{indent:l,options:{commentString:c}}=n,u=Object.assign({},n,{indent:o,type:null}),d=!1,f=[];for(let h=0;h<e.length;++h){let m=e[h],g=null;if(zr.isNode(m))!d&&m.spaceBefore&&f.push(""),mc(n,f,m.commentBefore,d),m.comment&&(g=m.comment);else if(zr.isPair(m)){let y=zr.isNode(m.key)?m.key:null;y&&(!d&&y.spaceBefore&&f.push(""),mc(n,f,y.commentBefore,d))}d=!1;let b=bS.stringify(m,u,()=>g=null,()=>d=!0);g&&(b+=pc.lineComment(b,o,c(g))),d&&g&&(d=!1),f.push(r+b)}let p;if(f.length===0)p=i.start+i.end;else{p=f[0];for(let h=1;h<f.length;++h){let m=f[h];p+=m?`
${l}${m}`:`
`}}return t?(p+=`
`+pc.indentComment(c(t),l),a&&a()):d&&s&&s(),p}function UD({items:t},e,{flowChars:n,itemIndent:r}){let{indent:i,indentStep:o,flowCollectionPadding:s,options:{commentString:a}}=e;r+=o;let l=Object.assign({},e,{indent:r,inFlow:!0,type:null}),c=!1,u=0,d=[];for(let h=0;h<t.length;++h){let m=t[h],g=null;if(zr.isNode(m))m.spaceBefore&&d.push(""),mc(e,d,m.commentBefore,!1),m.comment&&(g=m.comment);else if(zr.isPair(m)){let y=zr.isNode(m.key)?m.key:null;y&&(y.spaceBefore&&d.push(""),mc(e,d,y.commentBefore,!1),y.comment&&(c=!0));let w=zr.isNode(m.value)?m.value:null;w?(w.comment&&(g=w.comment),w.commentBefore&&(c=!0)):m.value==null&&y?.comment&&(g=y.comment)}g&&(c=!0);let b=bS.stringify(m,l,()=>g=null);c||(c=d.length>u||b.includes(`
`)),h<t.length-1?b+=",":e.options.trailingComma&&(e.options.lineWidth>0&&(c||(c=d.reduce((y,w)=>y+w.length+2,2)+(b.length+2)>e.options.lineWidth)),c&&(b+=",")),g&&(b+=pc.lineComment(b,r,a(g))),d.push(b),u=d.length}let{start:f,end:p}=n;if(d.length===0)return f+p;if(!c){let h=d.reduce((m,g)=>m+g.length+2,2);c=e.options.lineWidth>0&&h>e.options.lineWidth}if(c){let h=f;for(let m of d)h+=m?`
${o}${i}${m}`:`
`;return`${h}
${i}${p}`}else return`${f}${s}${d.join(" ")}${s}${p}`}function mc({indent:t,options:{commentString:e}},n,r,i){if(r&&i&&(r=r.replace(/^\n+/,"")),r){let o=pc.indentComment(e(r),t);n.push(o.trimStart())}}wS.stringifyCollection=GD});var lr=_(Sm=>{"use strict";var KD=vm(),zD=wm(),HD=ec(),ar=se(),hc=sr(),YD=Ve();function Rs(t,e){let n=ar.isScalar(e)?e.value:e;for(let r of t)if(ar.isPair(r)&&(r.key===e||r.key===n||ar.isScalar(r.key)&&r.key.value===n))return r}var _m=class extends HD.Collection{static get tagName(){return"tag:yaml.org,2002:map"}constructor(e){super(ar.MAP,e),this.items=[]}static from(e,n,r){let{keepUndefined:i,replacer:o}=r,s=new this(e),a=(l,c)=>{if(typeof o=="function")c=o.call(n,l,c);else if(Array.isArray(o)&&!o.includes(l))return;(c!==void 0||i)&&s.items.push(hc.createPair(l,c,r))};if(n instanceof Map)for(let[l,c]of n)a(l,c);else if(n&&typeof n=="object")for(let l of Object.keys(n))a(l,n[l]);return typeof e.sortMapEntries=="function"&&s.items.sort(e.sortMapEntries),s}add(e,n){let r;ar.isPair(e)?r=e:!e||typeof e!="object"||!("key"in e)?r=new hc.Pair(e,e?.value):r=new hc.Pair(e.key,e.value);let i=Rs(this.items,r.key),o=this.schema?.sortMapEntries;if(i){if(!n)throw new Error(`Key ${r.key} already set`);ar.isScalar(i.value)&&YD.isScalarValue(r.value)?i.value.value=r.value:i.value=r.value}else if(o){let s=this.items.findIndex(a=>o(r,a)<0);s===-1?this.items.push(r):this.items.splice(s,0,r)}else this.items.push(r)}delete(e){let n=Rs(this.items,e);return n?this.items.splice(this.items.indexOf(n),1).length>0:!1}get(e,n){let i=Rs(this.items,e)?.value;return(!n&&ar.isScalar(i)?i.value:i)??void 0}has(e){return!!Rs(this.items,e)}set(e,n){this.add(new hc.Pair(e,n),!0)}toJSON(e,n,r){let i=r?new r:n?.mapAsMap?new Map:{};n?.onCreate&&n.onCreate(i);for(let o of this.items)zD.addPairToJSMap(n,i,o);return i}toString(e,n,r){if(!e)return JSON.stringify(this);for(let i of this.items)if(!ar.isPair(i))throw new Error(`Map items must all be pairs; found ${JSON.stringify(i)} instead`);return!e.allNullValues&&this.hasAllNullValues(!1)&&(e=Object.assign({},e,{allNullValues:!0})),KD.stringifyCollection(this,e,{blockItemPrefix:"",flowChars:{start:"{",end:"}"},itemIndent:e.indent||"",onChompKeep:r,onComment:n})}};Sm.YAMLMap=_m;Sm.findPair=Rs});var Ui=_(vS=>{"use strict";var JD=se(),kS=lr(),XD={collection:"map",default:!0,nodeClass:kS.YAMLMap,tag:"tag:yaml.org,2002:map",resolve(t,e){return JD.isMap(t)||e("Expected a mapping for this tag"),t},createNode:(t,e,n)=>kS.YAMLMap.from(t,e,n)};vS.map=XD});var cr=_(_S=>{"use strict";var QD=Ss(),ZD=vm(),eM=ec(),yc=se(),tM=Ve(),nM=nr(),Am=class extends eM.Collection{static get tagName(){return"tag:yaml.org,2002:seq"}constructor(e){super(yc.SEQ,e),this.items=[]}add(e){this.items.push(e)}delete(e){let n=gc(e);return typeof n!="number"?!1:this.items.splice(n,1).length>0}get(e,n){let r=gc(e);if(typeof r!="number")return;let i=this.items[r];return!n&&yc.isScalar(i)?i.value:i}has(e){let n=gc(e);return typeof n=="number"&&n<this.items.length}set(e,n){let r=gc(e);if(typeof r!="number")throw new Error(`Expected a valid index, not ${e}.`);let i=this.items[r];yc.isScalar(i)&&tM.isScalarValue(n)?i.value=n:this.items[r]=n}toJSON(e,n){let r=[];n?.onCreate&&n.onCreate(r);let i=0;for(let o of this.items)r.push(nM.toJS(o,String(i++),n));return r}toString(e,n,r){return e?ZD.stringifyCollection(this,e,{blockItemPrefix:"- ",flowChars:{start:"[",end:"]"},itemIndent:(e.indent||"")+"  ",onChompKeep:r,onComment:n}):JSON.stringify(this)}static from(e,n,r){let{replacer:i}=r,o=new this(e);if(n&&Symbol.iterator in Object(n)){let s=0;for(let a of n){if(typeof i=="function"){let l=n instanceof Set?a:String(s++);a=i.call(n,l,a)}o.items.push(QD.createNode(a,void 0,r))}}return o}};function gc(t){let e=yc.isScalar(t)?t.value:t;return e&&typeof e=="string"&&(e=Number(e)),typeof e=="number"&&Number.isInteger(e)&&e>=0?e:null}_S.YAMLSeq=Am});var Ki=_(AS=>{"use strict";var rM=se(),SS=cr(),iM={collection:"seq",default:!0,nodeClass:SS.YAMLSeq,tag:"tag:yaml.org,2002:seq",resolve(t,e){return rM.isSeq(t)||e("Expected a sequence for this tag"),t},createNode:(t,e,n)=>SS.YAMLSeq.from(t,e,n)};AS.seq=iM});var Is=_(TS=>{"use strict";var oM=Es(),sM={identify:t=>typeof t=="string",default:!0,tag:"tag:yaml.org,2002:str",resolve:t=>t,stringify(t,e,n,r){return e=Object.assign({actualString:!0},e),oM.stringifyString(t,e,n,r)}};TS.string=sM});var bc=_($S=>{"use strict";var CS=Ve(),ES={identify:t=>t==null,createNode:()=>new CS.Scalar(null),default:!0,tag:"tag:yaml.org,2002:null",test:/^(?:~|[Nn]ull|NULL)?$/,resolve:()=>new CS.Scalar(null),stringify:({source:t},e)=>typeof t=="string"&&ES.test.test(t)?t:e.options.nullStr};$S.nullTag=ES});var Tm=_(RS=>{"use strict";var aM=Ve(),xS={identify:t=>typeof t=="boolean",default:!0,tag:"tag:yaml.org,2002:bool",test:/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,resolve:t=>new aM.Scalar(t[0]==="t"||t[0]==="T"),stringify({source:t,value:e},n){if(t&&xS.test.test(t)){let r=t[0]==="t"||t[0]==="T";if(e===r)return t}return e?n.options.trueStr:n.options.falseStr}};RS.boolTag=xS});var zi=_(IS=>{"use strict";function lM({format:t,minFractionDigits:e,tag:n,value:r}){if(typeof r=="bigint")return String(r);let i=typeof r=="number"?r:Number(r);if(!isFinite(i))return isNaN(i)?".nan":i<0?"-.inf":".inf";let o=Object.is(r,-0)?"-0":JSON.stringify(r);if(!t&&e&&(!n||n==="tag:yaml.org,2002:float")&&/^-?\d/.test(o)&&!o.includes("e")){let s=o.indexOf(".");s<0&&(s=o.length,o+=".");let a=e-(o.length-s-1);for(;a-- >0;)o+="0"}return o}IS.stringifyNumber=lM});var Em=_(wc=>{"use strict";var cM=Ve(),Cm=zi(),uM={identify:t=>typeof t=="number",default:!0,tag:"tag:yaml.org,2002:float",test:/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,resolve:t=>t.slice(-3).toLowerCase()==="nan"?NaN:t[0]==="-"?Number.NEGATIVE_INFINITY:Number.POSITIVE_INFINITY,stringify:Cm.stringifyNumber},dM={identify:t=>typeof t=="number",default:!0,tag:"tag:yaml.org,2002:float",format:"EXP",test:/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,resolve:t=>parseFloat(t),stringify(t){let e=Number(t.value);return isFinite(e)?e.toExponential():Cm.stringifyNumber(t)}},fM={identify:t=>typeof t=="number",default:!0,tag:"tag:yaml.org,2002:float",test:/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,resolve(t){let e=new cM.Scalar(parseFloat(t)),n=t.indexOf(".");return n!==-1&&t[t.length-1]==="0"&&(e.minFractionDigits=t.length-n-1),e},stringify:Cm.stringifyNumber};wc.float=fM;wc.floatExp=dM;wc.floatNaN=uM});var xm=_(vc=>{"use strict";var OS=zi(),kc=t=>typeof t=="bigint"||Number.isInteger(t),$m=(t,e,n,{intAsBigInt:r})=>r?BigInt(t):parseInt(t.substring(e),n);function PS(t,e,n){let{value:r}=t;return kc(r)&&r>=0?n+r.toString(e):OS.stringifyNumber(t)}var pM={identify:t=>kc(t)&&t>=0,default:!0,tag:"tag:yaml.org,2002:int",format:"OCT",test:/^0o[0-7]+$/,resolve:(t,e,n)=>$m(t,2,8,n),stringify:t=>PS(t,8,"0o")},mM={identify:kc,default:!0,tag:"tag:yaml.org,2002:int",test:/^[-+]?[0-9]+$/,resolve:(t,e,n)=>$m(t,0,10,n),stringify:OS.stringifyNumber},hM={identify:t=>kc(t)&&t>=0,default:!0,tag:"tag:yaml.org,2002:int",format:"HEX",test:/^0x[0-9a-fA-F]+$/,resolve:(t,e,n)=>$m(t,2,16,n),stringify:t=>PS(t,16,"0x")};vc.int=mM;vc.intHex=hM;vc.intOct=pM});var LS=_(NS=>{"use strict";var gM=Ui(),yM=bc(),bM=Ki(),wM=Is(),kM=Tm(),Rm=Em(),Im=xm(),vM=[gM.map,bM.seq,wM.string,yM.nullTag,kM.boolTag,Im.intOct,Im.int,Im.intHex,Rm.floatNaN,Rm.floatExp,Rm.float];NS.schema=vM});var VS=_(MS=>{"use strict";var _M=Ve(),SM=Ui(),AM=Ki();function DS(t){return typeof t=="bigint"||Number.isInteger(t)}var _c=({value:t})=>JSON.stringify(t),TM=[{identify:t=>typeof t=="string",default:!0,tag:"tag:yaml.org,2002:str",resolve:t=>t,stringify:_c},{identify:t=>t==null,createNode:()=>new _M.Scalar(null),default:!0,tag:"tag:yaml.org,2002:null",test:/^null$/,resolve:()=>null,stringify:_c},{identify:t=>typeof t=="boolean",default:!0,tag:"tag:yaml.org,2002:bool",test:/^true$|^false$/,resolve:t=>t==="true",stringify:_c},{identify:DS,default:!0,tag:"tag:yaml.org,2002:int",test:/^-?(?:0|[1-9][0-9]*)$/,resolve:(t,e,{intAsBigInt:n})=>n?BigInt(t):parseInt(t,10),stringify:({value:t})=>DS(t)?t.toString():JSON.stringify(t)},{identify:t=>typeof t=="number",default:!0,tag:"tag:yaml.org,2002:float",test:/^-?(?:0|[1-9][0-9]*)(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?$/,resolve:t=>parseFloat(t),stringify:_c}],CM={default:!0,tag:"",test:/^/,resolve(t,e){return e(`Unresolved plain scalar ${JSON.stringify(t)}`),t}},EM=[SM.map,AM.seq].concat(TM,CM);MS.schema=EM});var Pm=_(FS=>{"use strict";var Os=An("buffer"),Om=Ve(),$M=Es(),xM={identify:t=>t instanceof Uint8Array,default:!1,tag:"tag:yaml.org,2002:binary",resolve(t,e){if(typeof Os.Buffer=="function")return Os.Buffer.from(t,"base64");if(typeof atob=="function"){let n=atob(t.replace(/[\n\r]/g,"")),r=new Uint8Array(n.length);for(let i=0;i<n.length;++i)r[i]=n.charCodeAt(i);return r}else return e("This environment does not support reading binary tags; either Buffer or atob is required"),t},stringify({comment:t,type:e,value:n},r,i,o){if(!n)return"";let s=n,a;if(typeof Os.Buffer=="function")a=s instanceof Os.Buffer?s.toString("base64"):Os.Buffer.from(s.buffer).toString("base64");else if(typeof btoa=="function"){let l="";for(let c=0;c<s.length;++c)l+=String.fromCharCode(s[c]);a=btoa(l)}else throw new Error("This environment does not support writing binary tags; either Buffer or btoa is required");if(e??(e=Om.Scalar.BLOCK_LITERAL),e!==Om.Scalar.QUOTE_DOUBLE){let l=Math.max(r.options.lineWidth-r.indent.length,r.options.minContentWidth),c=Math.ceil(a.length/l),u=new Array(c);for(let d=0,f=0;d<c;++d,f+=l)u[d]=a.substr(f,l);a=u.join(e===Om.Scalar.BLOCK_LITERAL?`
`:" ")}return $M.stringifyString({comment:t,type:e,value:a},r,i,o)}};FS.binary=xM});var Tc=_(Ac=>{"use strict";var Sc=se(),Nm=sr(),RM=Ve(),IM=cr();function jS(t,e){if(Sc.isSeq(t))for(let n=0;n<t.items.length;++n){let r=t.items[n];if(!Sc.isPair(r)){if(Sc.isMap(r)){r.items.length>1&&e("Each pair must have its own sequence indicator");let i=r.items[0]||new Nm.Pair(new RM.Scalar(null));if(r.commentBefore&&(i.key.commentBefore=i.key.commentBefore?`${r.commentBefore}
${i.key.commentBefore}`:r.commentBefore),r.comment){let o=i.value??i.key;o.comment=o.comment?`${r.comment}
${o.comment}`:r.comment}r=i}t.items[n]=Sc.isPair(r)?r:new Nm.Pair(r)}}else e("Expected a sequence for this tag");return t}function WS(t,e,n){let{replacer:r}=n,i=new IM.YAMLSeq(t);i.tag="tag:yaml.org,2002:pairs";let o=0;if(e&&Symbol.iterator in Object(e))for(let s of e){typeof r=="function"&&(s=r.call(e,String(o++),s));let a,l;if(Array.isArray(s))if(s.length===2)a=s[0],l=s[1];else throw new TypeError(`Expected [key, value] tuple: ${s}`);else if(s&&s instanceof Object){let c=Object.keys(s);if(c.length===1)a=c[0],l=s[a];else throw new TypeError(`Expected tuple with one key, not ${c.length} keys`)}else a=s;i.items.push(Nm.createPair(a,l,n))}return i}var OM={collection:"seq",default:!1,tag:"tag:yaml.org,2002:pairs",resolve:jS,createNode:WS};Ac.createPairs=WS;Ac.pairs=OM;Ac.resolvePairs=jS});var Mm=_(Dm=>{"use strict";var qS=se(),Lm=nr(),Ps=lr(),PM=cr(),GS=Tc(),Hr=class t extends PM.YAMLSeq{constructor(){super(),this.add=Ps.YAMLMap.prototype.add.bind(this),this.delete=Ps.YAMLMap.prototype.delete.bind(this),this.get=Ps.YAMLMap.prototype.get.bind(this),this.has=Ps.YAMLMap.prototype.has.bind(this),this.set=Ps.YAMLMap.prototype.set.bind(this),this.tag=t.tag}toJSON(e,n){if(!n)return super.toJSON(e);let r=new Map;n?.onCreate&&n.onCreate(r);for(let i of this.items){let o,s;if(qS.isPair(i)?(o=Lm.toJS(i.key,"",n),s=Lm.toJS(i.value,o,n)):o=Lm.toJS(i,"",n),r.has(o))throw new Error("Ordered maps must not include duplicate keys");r.set(o,s)}return r}static from(e,n,r){let i=GS.createPairs(e,n,r),o=new this;return o.items=i.items,o}};Hr.tag="tag:yaml.org,2002:omap";var NM={collection:"seq",identify:t=>t instanceof Map,nodeClass:Hr,default:!1,tag:"tag:yaml.org,2002:omap",resolve(t,e){let n=GS.resolvePairs(t,e),r=[];for(let{key:i}of n.items)qS.isScalar(i)&&(r.includes(i.value)?e(`Ordered maps must not include duplicate keys: ${i.value}`):r.push(i.value));return Object.assign(new Hr,n)},createNode:(t,e,n)=>Hr.from(t,e,n)};Dm.YAMLOMap=Hr;Dm.omap=NM});var HS=_(Vm=>{"use strict";var BS=Ve();function US({value:t,source:e},n){return e&&(t?KS:zS).test.test(e)?e:t?n.options.trueStr:n.options.falseStr}var KS={identify:t=>t===!0,default:!0,tag:"tag:yaml.org,2002:bool",test:/^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/,resolve:()=>new BS.Scalar(!0),stringify:US},zS={identify:t=>t===!1,default:!0,tag:"tag:yaml.org,2002:bool",test:/^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/,resolve:()=>new BS.Scalar(!1),stringify:US};Vm.falseTag=zS;Vm.trueTag=KS});var YS=_(Cc=>{"use strict";var LM=Ve(),Fm=zi(),DM={identify:t=>typeof t=="number",default:!0,tag:"tag:yaml.org,2002:float",test:/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,resolve:t=>t.slice(-3).toLowerCase()==="nan"?NaN:t[0]==="-"?Number.NEGATIVE_INFINITY:Number.POSITIVE_INFINITY,stringify:Fm.stringifyNumber},MM={identify:t=>typeof t=="number",default:!0,tag:"tag:yaml.org,2002:float",format:"EXP",test:/^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/,resolve:t=>parseFloat(t.replace(/_/g,"")),stringify(t){let e=Number(t.value);return isFinite(e)?e.toExponential():Fm.stringifyNumber(t)}},VM={identify:t=>typeof t=="number",default:!0,tag:"tag:yaml.org,2002:float",test:/^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/,resolve(t){let e=new LM.Scalar(parseFloat(t.replace(/_/g,""))),n=t.indexOf(".");if(n!==-1){let r=t.substring(n+1).replace(/_/g,"");r[r.length-1]==="0"&&(e.minFractionDigits=r.length)}return e},stringify:Fm.stringifyNumber};Cc.float=VM;Cc.floatExp=MM;Cc.floatNaN=DM});var XS=_(Ls=>{"use strict";var JS=zi(),Ns=t=>typeof t=="bigint"||Number.isInteger(t);function Ec(t,e,n,{intAsBigInt:r}){let i=t[0];if((i==="-"||i==="+")&&(e+=1),t=t.substring(e).replace(/_/g,""),r){switch(n){case 2:t=`0b${t}`;break;case 8:t=`0o${t}`;break;case 16:t=`0x${t}`;break}let s=BigInt(t);return i==="-"?BigInt(-1)*s:s}let o=parseInt(t,n);return i==="-"?-1*o:o}function jm(t,e,n){let{value:r}=t;if(Ns(r)){let i=r.toString(e);return r<0?"-"+n+i.substr(1):n+i}return JS.stringifyNumber(t)}var FM={identify:Ns,default:!0,tag:"tag:yaml.org,2002:int",format:"BIN",test:/^[-+]?0b[0-1_]+$/,resolve:(t,e,n)=>Ec(t,2,2,n),stringify:t=>jm(t,2,"0b")},jM={identify:Ns,default:!0,tag:"tag:yaml.org,2002:int",format:"OCT",test:/^[-+]?0[0-7_]+$/,resolve:(t,e,n)=>Ec(t,1,8,n),stringify:t=>jm(t,8,"0")},WM={identify:Ns,default:!0,tag:"tag:yaml.org,2002:int",test:/^[-+]?[0-9][0-9_]*$/,resolve:(t,e,n)=>Ec(t,0,10,n),stringify:JS.stringifyNumber},qM={identify:Ns,default:!0,tag:"tag:yaml.org,2002:int",format:"HEX",test:/^[-+]?0x[0-9a-fA-F_]+$/,resolve:(t,e,n)=>Ec(t,2,16,n),stringify:t=>jm(t,16,"0x")};Ls.int=WM;Ls.intBin=FM;Ls.intHex=qM;Ls.intOct=jM});var qm=_(Wm=>{"use strict";var Rc=se(),$c=sr(),xc=lr(),Yr=class t extends xc.YAMLMap{constructor(e){super(e),this.tag=t.tag}add(e){let n;Rc.isPair(e)?n=e:e&&typeof e=="object"&&"key"in e&&"value"in e&&e.value===null?n=new $c.Pair(e.key,null):n=new $c.Pair(e,null),xc.findPair(this.items,n.key)||this.items.push(n)}get(e,n){let r=xc.findPair(this.items,e);return!n&&Rc.isPair(r)?Rc.isScalar(r.key)?r.key.value:r.key:r}set(e,n){if(typeof n!="boolean")throw new Error(`Expected boolean value for set(key, value) in a YAML set, not ${typeof n}`);let r=xc.findPair(this.items,e);r&&!n?this.items.splice(this.items.indexOf(r),1):!r&&n&&this.items.push(new $c.Pair(e))}toJSON(e,n){return super.toJSON(e,n,Set)}toString(e,n,r){if(!e)return JSON.stringify(this);if(this.hasAllNullValues(!0))return super.toString(Object.assign({},e,{allNullValues:!0}),n,r);throw new Error("Set items must all have null values")}static from(e,n,r){let{replacer:i}=r,o=new this(e);if(n&&Symbol.iterator in Object(n))for(let s of n)typeof i=="function"&&(s=i.call(n,s,s)),o.items.push($c.createPair(s,null,r));return o}};Yr.tag="tag:yaml.org,2002:set";var GM={collection:"map",identify:t=>t instanceof Set,nodeClass:Yr,default:!1,tag:"tag:yaml.org,2002:set",createNode:(t,e,n)=>Yr.from(t,e,n),resolve(t,e){if(Rc.isMap(t)){if(t.hasAllNullValues(!0))return Object.assign(new Yr,t);e("Set items must all have null values")}else e("Expected a mapping for this tag");return t}};Wm.YAMLSet=Yr;Wm.set=GM});var Bm=_(Ic=>{"use strict";var BM=zi();function Gm(t,e){let n=t[0],r=n==="-"||n==="+"?t.substring(1):t,i=s=>e?BigInt(s):Number(s),o=r.replace(/_/g,"").split(":").reduce((s,a)=>s*i(60)+i(a),i(0));return n==="-"?i(-1)*o:o}function QS(t){let{value:e}=t,n=s=>s;if(typeof e=="bigint")n=s=>BigInt(s);else if(isNaN(e)||!isFinite(e))return BM.stringifyNumber(t);let r="";e<0&&(r="-",e*=n(-1));let i=n(60),o=[e%i];return e<60?o.unshift(0):(e=(e-o[0])/i,o.unshift(e%i),e>=60&&(e=(e-o[0])/i,o.unshift(e))),r+o.map(s=>String(s).padStart(2,"0")).join(":").replace(/000000\d*$/,"")}var UM={identify:t=>typeof t=="bigint"||Number.isInteger(t),default:!0,tag:"tag:yaml.org,2002:int",format:"TIME",test:/^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+$/,resolve:(t,e,{intAsBigInt:n})=>Gm(t,n),stringify:QS},KM={identify:t=>typeof t=="number",default:!0,tag:"tag:yaml.org,2002:float",format:"TIME",test:/^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$/,resolve:t=>Gm(t,!1),stringify:QS},ZS={identify:t=>t instanceof Date,default:!0,tag:"tag:yaml.org,2002:timestamp",test:RegExp("^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:t|T|[ \\t]+)([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2}(\\.[0-9]+)?)(?:[ \\t]*(Z|[-+][012]?[0-9](?::[0-9]{2})?))?)?$"),resolve(t){let e=t.match(ZS.test);if(!e)throw new Error("!!timestamp expects a date, starting with yyyy-mm-dd");let[,n,r,i,o,s,a]=e.map(Number),l=e[7]?Number((e[7]+"00").substr(1,3)):0,c=Date.UTC(n,r-1,i,o||0,s||0,a||0,l),u=e[8];if(u&&u!=="Z"){let d=Gm(u,!1);Math.abs(d)<30&&(d*=60),c-=6e4*d}return new Date(c)},stringify:({value:t})=>t?.toISOString().replace(/(T00:00:00)?\.000Z$/,"")??""};Ic.floatTime=KM;Ic.intTime=UM;Ic.timestamp=ZS});var n0=_(t0=>{"use strict";var zM=Ui(),HM=bc(),YM=Ki(),JM=Is(),XM=Pm(),e0=HS(),Um=YS(),Oc=XS(),QM=uc(),ZM=Mm(),e3=Tc(),t3=qm(),Km=Bm(),n3=[zM.map,YM.seq,JM.string,HM.nullTag,e0.trueTag,e0.falseTag,Oc.intBin,Oc.intOct,Oc.int,Oc.intHex,Um.floatNaN,Um.floatExp,Um.float,XM.binary,QM.merge,ZM.omap,e3.pairs,t3.set,Km.intTime,Km.floatTime,Km.timestamp];t0.schema=n3});var f0=_(Ym=>{"use strict";var s0=Ui(),r3=bc(),a0=Ki(),i3=Is(),o3=Tm(),zm=Em(),Hm=xm(),s3=LS(),a3=VS(),l0=Pm(),Ds=uc(),c0=Mm(),u0=Tc(),r0=n0(),d0=qm(),Pc=Bm(),i0=new Map([["core",s3.schema],["failsafe",[s0.map,a0.seq,i3.string]],["json",a3.schema],["yaml11",r0.schema],["yaml-1.1",r0.schema]]),o0={binary:l0.binary,bool:o3.boolTag,float:zm.float,floatExp:zm.floatExp,floatNaN:zm.floatNaN,floatTime:Pc.floatTime,int:Hm.int,intHex:Hm.intHex,intOct:Hm.intOct,intTime:Pc.intTime,map:s0.map,merge:Ds.merge,null:r3.nullTag,omap:c0.omap,pairs:u0.pairs,seq:a0.seq,set:d0.set,timestamp:Pc.timestamp},l3={"tag:yaml.org,2002:binary":l0.binary,"tag:yaml.org,2002:merge":Ds.merge,"tag:yaml.org,2002:omap":c0.omap,"tag:yaml.org,2002:pairs":u0.pairs,"tag:yaml.org,2002:set":d0.set,"tag:yaml.org,2002:timestamp":Pc.timestamp};function c3(t,e,n){let r=i0.get(e);if(r&&!t)return n&&!r.includes(Ds.merge)?r.concat(Ds.merge):r.slice();let i=r;if(!i)if(Array.isArray(t))i=[];else{let o=Array.from(i0.keys()).filter(s=>s!=="yaml11").map(s=>JSON.stringify(s)).join(", ");throw new Error(`Unknown schema "${e}"; use one of ${o} or define customTags array`)}if(Array.isArray(t))for(let o of t)i=i.concat(o);else typeof t=="function"&&(i=t(i.slice()));return n&&(i=i.concat(Ds.merge)),i.reduce((o,s)=>{let a=typeof s=="string"?o0[s]:s;if(!a){let l=JSON.stringify(s),c=Object.keys(o0).map(u=>JSON.stringify(u)).join(", ");throw new Error(`Unknown custom tag ${l}; use one of ${c}`)}return o.includes(a)||o.push(a),o},[])}Ym.coreKnownTags=l3;Ym.getTags=c3});var Qm=_(p0=>{"use strict";var Jm=se(),u3=Ui(),d3=Ki(),f3=Is(),Nc=f0(),p3=(t,e)=>t.key<e.key?-1:t.key>e.key?1:0,Xm=class t{constructor({compat:e,customTags:n,merge:r,resolveKnownTags:i,schema:o,sortMapEntries:s,toStringDefaults:a}){this.compat=Array.isArray(e)?Nc.getTags(e,"compat"):e?Nc.getTags(null,e):null,this.name=typeof o=="string"&&o||"core",this.knownTags=i?Nc.coreKnownTags:{},this.tags=Nc.getTags(n,this.name,r),this.toStringOptions=a??null,Object.defineProperty(this,Jm.MAP,{value:u3.map}),Object.defineProperty(this,Jm.SCALAR,{value:f3.string}),Object.defineProperty(this,Jm.SEQ,{value:d3.seq}),this.sortMapEntries=typeof s=="function"?s:s===!0?p3:null}clone(){let e=Object.create(t.prototype,Object.getOwnPropertyDescriptors(this));return e.tags=this.tags.slice(),e}};p0.Schema=Xm});var h0=_(m0=>{"use strict";var m3=se(),Zm=$s(),Ms=As();function h3(t,e){let n=[],r=e.directives===!0;if(e.directives!==!1&&t.directives){let l=t.directives.toString(t);l?(n.push(l),r=!0):t.directives.docStart&&(r=!0)}r&&n.push("---");let i=Zm.createStringifyContext(t,e),{commentString:o}=i.options;if(t.commentBefore){n.length!==1&&n.unshift("");let l=o(t.commentBefore);n.unshift(Ms.indentComment(l,""))}let s=!1,a=null;if(t.contents){if(m3.isNode(t.contents)){if(t.contents.spaceBefore&&r&&n.push(""),t.contents.commentBefore){let u=o(t.contents.commentBefore);n.push(Ms.indentComment(u,""))}i.forceBlockIndent=!!t.comment,a=t.contents.comment}let l=a?void 0:()=>s=!0,c=Zm.stringify(t.contents,i,()=>a=null,l);a&&(c+=Ms.lineComment(c,"",o(a))),(c[0]==="|"||c[0]===">")&&n[n.length-1]==="---"?n[n.length-1]=`--- ${c}`:n.push(c)}else n.push(Zm.stringify(t.contents,i));if(t.directives?.docEnd)if(t.comment){let l=o(t.comment);l.includes(`
`)?(n.push("..."),n.push(Ms.indentComment(l,""))):n.push(`... ${l}`)}else n.push("...");else{let l=t.comment;l&&s&&(l=l.replace(/^\n+/,"")),l&&((!s||a)&&n[n.length-1]!==""&&n.push(""),n.push(Ms.indentComment(o(l),"")))}return n.join(`
`)+`
`}m0.stringifyDocument=h3});var Vs=_(g0=>{"use strict";var g3=_s(),Hi=ec(),Mt=se(),y3=sr(),b3=nr(),w3=Qm(),k3=h0(),eh=Jl(),v3=im(),_3=Ss(),th=rm(),nh=class t{constructor(e,n,r){this.commentBefore=null,this.comment=null,this.errors=[],this.warnings=[],Object.defineProperty(this,Mt.NODE_TYPE,{value:Mt.DOC});let i=null;typeof n=="function"||Array.isArray(n)?i=n:r===void 0&&n&&(r=n,n=void 0);let o=Object.assign({intAsBigInt:!1,keepSourceTokens:!1,logLevel:"warn",prettyErrors:!0,strict:!0,stringKeys:!1,uniqueKeys:!0,version:"1.2"},r);this.options=o;let{version:s}=o;r?._directives?(this.directives=r._directives.atDocument(),this.directives.yaml.explicit&&(s=this.directives.yaml.version)):this.directives=new th.Directives({version:s}),this.setSchema(s,r),this.contents=e===void 0?null:this.createNode(e,i,r)}clone(){let e=Object.create(t.prototype,{[Mt.NODE_TYPE]:{value:Mt.DOC}});return e.commentBefore=this.commentBefore,e.comment=this.comment,e.errors=this.errors.slice(),e.warnings=this.warnings.slice(),e.options=Object.assign({},this.options),this.directives&&(e.directives=this.directives.clone()),e.schema=this.schema.clone(),e.contents=Mt.isNode(this.contents)?this.contents.clone(e.schema):this.contents,this.range&&(e.range=this.range.slice()),e}add(e){Yi(this.contents)&&this.contents.add(e)}addIn(e,n){Yi(this.contents)&&this.contents.addIn(e,n)}createAlias(e,n){if(!e.anchor){let r=eh.anchorNames(this);e.anchor=!n||r.has(n)?eh.findNewAnchor(n||"a",r):n}return new g3.Alias(e.anchor)}createNode(e,n,r){let i;if(typeof n=="function")e=n.call({"":e},"",e),i=n;else if(Array.isArray(n)){let g=y=>typeof y=="number"||y instanceof String||y instanceof Number,b=n.filter(g).map(String);b.length>0&&(n=n.concat(b)),i=n}else r===void 0&&n&&(r=n,n=void 0);let{aliasDuplicateObjects:o,anchorPrefix:s,flow:a,keepUndefined:l,onTagObj:c,tag:u}=r??{},{onAnchor:d,setAnchors:f,sourceObjects:p}=eh.createNodeAnchors(this,s||"a"),h={aliasDuplicateObjects:o??!0,keepUndefined:l??!1,onAnchor:d,onTagObj:c,replacer:i,schema:this.schema,sourceObjects:p},m=_3.createNode(e,u,h);return a&&Mt.isCollection(m)&&(m.flow=!0),f(),m}createPair(e,n,r={}){let i=this.createNode(e,null,r),o=this.createNode(n,null,r);return new y3.Pair(i,o)}delete(e){return Yi(this.contents)?this.contents.delete(e):!1}deleteIn(e){return Hi.isEmptyPath(e)?this.contents==null?!1:(this.contents=null,!0):Yi(this.contents)?this.contents.deleteIn(e):!1}get(e,n){return Mt.isCollection(this.contents)?this.contents.get(e,n):void 0}getIn(e,n){return Hi.isEmptyPath(e)?!n&&Mt.isScalar(this.contents)?this.contents.value:this.contents:Mt.isCollection(this.contents)?this.contents.getIn(e,n):void 0}has(e){return Mt.isCollection(this.contents)?this.contents.has(e):!1}hasIn(e){return Hi.isEmptyPath(e)?this.contents!==void 0:Mt.isCollection(this.contents)?this.contents.hasIn(e):!1}set(e,n){this.contents==null?this.contents=Hi.collectionFromPath(this.schema,[e],n):Yi(this.contents)&&this.contents.set(e,n)}setIn(e,n){Hi.isEmptyPath(e)?this.contents=n:this.contents==null?this.contents=Hi.collectionFromPath(this.schema,Array.from(e),n):Yi(this.contents)&&this.contents.setIn(e,n)}setSchema(e,n={}){typeof e=="number"&&(e=String(e));let r;switch(e){case"1.1":this.directives?this.directives.yaml.version="1.1":this.directives=new th.Directives({version:"1.1"}),r={resolveKnownTags:!1,schema:"yaml-1.1"};break;case"1.2":case"next":this.directives?this.directives.yaml.version=e:this.directives=new th.Directives({version:e}),r={resolveKnownTags:!0,schema:"core"};break;case null:this.directives&&delete this.directives,r=null;break;default:{let i=JSON.stringify(e);throw new Error(`Expected '1.1', '1.2' or null as first argument, but found: ${i}`)}}if(n.schema instanceof Object)this.schema=n.schema;else if(r)this.schema=new w3.Schema(Object.assign(r,n));else throw new Error("With a null YAML version, the { schema: Schema } option is required")}toJS({json:e,jsonArg:n,mapAsMap:r,maxAliasCount:i,onAnchor:o,reviver:s}={}){let a={anchors:new Map,doc:this,keep:!e,mapAsMap:r===!0,mapKeyWarned:!1,maxAliasCount:typeof i=="number"?i:100},l=b3.toJS(this.contents,n??"",a);if(typeof o=="function")for(let{count:c,res:u}of a.anchors.values())o(u,c);return typeof s=="function"?v3.applyReviver(s,{"":l},"",l):l}toJSON(e,n){return this.toJS({json:!0,jsonArg:e,mapAsMap:!1,onAnchor:n})}toString(e={}){if(this.errors.length>0)throw new Error("Document with errors cannot be stringified");if("indent"in e&&(!Number.isInteger(e.indent)||Number(e.indent)<=0)){let n=JSON.stringify(e.indent);throw new Error(`"indent" option must be a positive integer, not ${n}`)}return k3.stringifyDocument(this,e)}};function Yi(t){if(Mt.isCollection(t))return!0;throw new Error("Expected a YAML collection as document contents")}g0.Document=nh});var Ws=_(js=>{"use strict";var Fs=class extends Error{constructor(e,n,r,i){super(),this.name=e,this.code=r,this.message=i,this.pos=n}},rh=class extends Fs{constructor(e,n,r){super("YAMLParseError",e,n,r)}},ih=class extends Fs{constructor(e,n,r){super("YAMLWarning",e,n,r)}},S3=(t,e)=>n=>{if(n.pos[0]===-1)return;n.linePos=n.pos.map(a=>e.linePos(a));let{line:r,col:i}=n.linePos[0];n.message+=` at line ${r}, column ${i}`;let o=i-1,s=t.substring(e.lineStarts[r-1],e.lineStarts[r]).replace(/[\n\r]+$/,"");if(o>=60&&s.length>80){let a=Math.min(o-39,s.length-79);s="…"+s.substring(a),o-=a-1}if(s.length>80&&(s=s.substring(0,79)+"…"),r>1&&/^ *$/.test(s.substring(0,o))){let a=t.substring(e.lineStarts[r-2],e.lineStarts[r-1]);a.length>80&&(a=a.substring(0,79)+`…
`),s=a+s}if(/[^ ]/.test(s)){let a=1,l=n.linePos[1];l?.line===r&&l.col>i&&(a=Math.max(1,Math.min(l.col-i,80-o)));let c=" ".repeat(o)+"^".repeat(a);n.message+=`:

${s}
${c}
`}};js.YAMLError=Fs;js.YAMLParseError=rh;js.YAMLWarning=ih;js.prettifyError=S3});var qs=_(y0=>{"use strict";function A3(t,{flow:e,indicator:n,next:r,offset:i,onError:o,parentIndent:s,startOnNewline:a}){let l=!1,c=a,u=a,d="",f="",p=!1,h=!1,m=null,g=null,b=null,y=null,w=null,k=null,S=null;for(let T of t)switch(h&&(T.type!=="space"&&T.type!=="newline"&&T.type!=="comma"&&o(T.offset,"MISSING_CHAR","Tags and anchors must be separated from the next token by white space"),h=!1),m&&(c&&T.type!=="comment"&&T.type!=="newline"&&o(m,"TAB_AS_INDENT","Tabs are not allowed as indentation"),m=null),T.type){case"space":!e&&(n!=="doc-start"||r?.type!=="flow-collection")&&T.source.includes("	")&&(m=T),u=!0;break;case"comment":{u||o(T,"MISSING_CHAR","Comments must be separated from other tokens by white space characters");let N=T.source.substring(1)||" ";d?d+=f+N:d=N,f="",c=!1;break}case"newline":c?d?d+=T.source:(!k||n!=="seq-item-ind")&&(l=!0):f+=T.source,c=!0,p=!0,(g||b)&&(y=T),u=!0;break;case"anchor":g&&o(T,"MULTIPLE_ANCHORS","A node can have at most one anchor"),T.source.endsWith(":")&&o(T.offset+T.source.length-1,"BAD_ALIAS","Anchor ending in : is ambiguous",!0),g=T,S??(S=T.offset),c=!1,u=!1,h=!0;break;case"tag":{b&&o(T,"MULTIPLE_TAGS","A node can have at most one tag"),b=T,S??(S=T.offset),c=!1,u=!1,h=!0;break}case n:(g||b)&&o(T,"BAD_PROP_ORDER",`Anchors and tags must be after the ${T.source} indicator`),k&&o(T,"UNEXPECTED_TOKEN",`Unexpected ${T.source} in ${e??"collection"}`),k=T,c=n==="seq-item-ind"||n==="explicit-key-ind",u=!1;break;case"comma":if(e){w&&o(T,"UNEXPECTED_TOKEN",`Unexpected , in ${e}`),w=T,c=!1,u=!1;break}default:o(T,"UNEXPECTED_TOKEN",`Unexpected ${T.type} token`),c=!1,u=!1}let $=t[t.length-1],P=$?$.offset+$.source.length:i;return h&&r&&r.type!=="space"&&r.type!=="newline"&&r.type!=="comma"&&(r.type!=="scalar"||r.source!=="")&&o(r.offset,"MISSING_CHAR","Tags and anchors must be separated from the next token by white space"),m&&(c&&m.indent<=s||r?.type==="block-map"||r?.type==="block-seq")&&o(m,"TAB_AS_INDENT","Tabs are not allowed as indentation"),{comma:w,found:k,spaceBefore:l,comment:d,hasNewline:p,anchor:g,tag:b,newlineAfterProp:y,end:P,start:S??P}}y0.resolveProps=A3});var Lc=_(b0=>{"use strict";function oh(t){if(!t)return null;switch(t.type){case"alias":case"scalar":case"double-quoted-scalar":case"single-quoted-scalar":if(t.source.includes(`
`))return!0;if(t.end){for(let e of t.end)if(e.type==="newline")return!0}return!1;case"flow-collection":for(let e of t.items){for(let n of e.start)if(n.type==="newline")return!0;if(e.sep){for(let n of e.sep)if(n.type==="newline")return!0}if(oh(e.key)||oh(e.value))return!0}return!1;default:return!0}}b0.containsNewline=oh});var sh=_(w0=>{"use strict";var T3=Lc();function C3(t,e,n){if(e?.type==="flow-collection"){let r=e.end[0];r.indent===t&&(r.source==="]"||r.source==="}")&&T3.containsNewline(e)&&n(r,"BAD_INDENT","Flow end indicator should be more indented than parent",!0)}}w0.flowIndentCheck=C3});var ah=_(v0=>{"use strict";var k0=se();function E3(t,e,n){let{uniqueKeys:r}=t.options;if(r===!1)return!1;let i=typeof r=="function"?r:(o,s)=>o===s||k0.isScalar(o)&&k0.isScalar(s)&&o.value===s.value;return e.some(o=>i(o.key,n))}v0.mapIncludes=E3});var E0=_(C0=>{"use strict";var _0=sr(),$3=lr(),S0=qs(),x3=Lc(),A0=sh(),R3=ah(),T0="All mapping items must start at the same column";function I3({composeNode:t,composeEmptyNode:e},n,r,i,o){let s=o?.nodeClass??$3.YAMLMap,a=new s(n.schema);n.atRoot&&(n.atRoot=!1);let l=r.offset,c=null;for(let u of r.items){let{start:d,key:f,sep:p,value:h}=u,m=S0.resolveProps(d,{indicator:"explicit-key-ind",next:f??p?.[0],offset:l,onError:i,parentIndent:r.indent,startOnNewline:!0}),g=!m.found;if(g){if(f&&(f.type==="block-seq"?i(l,"BLOCK_AS_IMPLICIT_KEY","A block sequence may not be used as an implicit map key"):"indent"in f&&f.indent!==r.indent&&i(l,"BAD_INDENT",T0)),!m.anchor&&!m.tag&&!p){c=m.end,m.comment&&(a.comment?a.comment+=`
`+m.comment:a.comment=m.comment);continue}(m.newlineAfterProp||x3.containsNewline(f))&&i(f??d[d.length-1],"MULTILINE_IMPLICIT_KEY","Implicit keys need to be on a single line")}else m.found?.indent!==r.indent&&i(l,"BAD_INDENT",T0);n.atKey=!0;let b=m.end,y=f?t(n,f,m,i):e(n,b,d,null,m,i);n.schema.compat&&A0.flowIndentCheck(r.indent,f,i),n.atKey=!1,R3.mapIncludes(n,a.items,y)&&i(b,"DUPLICATE_KEY","Map keys must be unique");let w=S0.resolveProps(p??[],{indicator:"map-value-ind",next:h,offset:y.range[2],onError:i,parentIndent:r.indent,startOnNewline:!f||f.type==="block-scalar"});if(l=w.end,w.found){g&&(h?.type==="block-map"&&!w.hasNewline&&i(l,"BLOCK_AS_IMPLICIT_KEY","Nested mappings are not allowed in compact mappings"),n.options.strict&&m.start<w.found.offset-1024&&i(y.range,"KEY_OVER_1024_CHARS","The : indicator must be at most 1024 chars after the start of an implicit block mapping key"));let k=h?t(n,h,w,i):e(n,l,p,null,w,i);n.schema.compat&&A0.flowIndentCheck(r.indent,h,i),l=k.range[2];let S=new _0.Pair(y,k);n.options.keepSourceTokens&&(S.srcToken=u),a.items.push(S)}else{g&&i(y.range,"MISSING_CHAR","Implicit map keys need to be followed by map values"),w.comment&&(y.comment?y.comment+=`
`+w.comment:y.comment=w.comment);let k=new _0.Pair(y);n.options.keepSourceTokens&&(k.srcToken=u),a.items.push(k)}}return c&&c<l&&i(c,"IMPOSSIBLE","Map comment with trailing content"),a.range=[r.offset,l,c??l],a}C0.resolveBlockMap=I3});var x0=_($0=>{"use strict";var O3=cr(),P3=qs(),N3=sh();function L3({composeNode:t,composeEmptyNode:e},n,r,i,o){let s=o?.nodeClass??O3.YAMLSeq,a=new s(n.schema);n.atRoot&&(n.atRoot=!1),n.atKey&&(n.atKey=!1);let l=r.offset,c=null;for(let{start:u,value:d}of r.items){let f=P3.resolveProps(u,{indicator:"seq-item-ind",next:d,offset:l,onError:i,parentIndent:r.indent,startOnNewline:!0});if(!f.found)if(f.anchor||f.tag||d)d?.type==="block-seq"?i(f.end,"BAD_INDENT","All sequence items must start at the same column"):i(l,"MISSING_CHAR","Sequence item without - indicator");else{c=f.end,f.comment&&(a.comment=f.comment);continue}let p=d?t(n,d,f,i):e(n,f.end,u,null,f,i);n.schema.compat&&N3.flowIndentCheck(r.indent,d,i),l=p.range[2],a.items.push(p)}return a.range=[r.offset,l,c??l],a}$0.resolveBlockSeq=L3});var Ji=_(R0=>{"use strict";function D3(t,e,n,r){let i="";if(t){let o=!1,s="";for(let a of t){let{source:l,type:c}=a;switch(c){case"space":o=!0;break;case"comment":{n&&!o&&r(a,"MISSING_CHAR","Comments must be separated from other tokens by white space characters");let u=l.substring(1)||" ";i?i+=s+u:i=u,s="";break}case"newline":i&&(s+=l),o=!0;break;default:r(a,"UNEXPECTED_TOKEN",`Unexpected ${c} at node end`)}e+=l.length}}return{comment:i,offset:e}}R0.resolveEnd=D3});var N0=_(P0=>{"use strict";var M3=se(),V3=sr(),I0=lr(),F3=cr(),j3=Ji(),O0=qs(),W3=Lc(),q3=ah(),lh="Block collections are not allowed within flow collections",ch=t=>t&&(t.type==="block-map"||t.type==="block-seq");function G3({composeNode:t,composeEmptyNode:e},n,r,i,o){let s=r.start.source==="{",a=s?"flow map":"flow sequence",l=o?.nodeClass??(s?I0.YAMLMap:F3.YAMLSeq),c=new l(n.schema);c.flow=!0;let u=n.atRoot;u&&(n.atRoot=!1),n.atKey&&(n.atKey=!1);let d=r.offset+r.start.source.length;for(let g=0;g<r.items.length;++g){let b=r.items[g],{start:y,key:w,sep:k,value:S}=b,$=O0.resolveProps(y,{flow:a,indicator:"explicit-key-ind",next:w??k?.[0],offset:d,onError:i,parentIndent:r.indent,startOnNewline:!1});if(!$.found){if(!$.anchor&&!$.tag&&!k&&!S){g===0&&$.comma?i($.comma,"UNEXPECTED_TOKEN",`Unexpected , in ${a}`):g<r.items.length-1&&i($.start,"UNEXPECTED_TOKEN",`Unexpected empty item in ${a}`),$.comment&&(c.comment?c.comment+=`
`+$.comment:c.comment=$.comment),d=$.end;continue}!s&&n.options.strict&&W3.containsNewline(w)&&i(w,"MULTILINE_IMPLICIT_KEY","Implicit keys of flow sequence pairs need to be on a single line")}if(g===0)$.comma&&i($.comma,"UNEXPECTED_TOKEN",`Unexpected , in ${a}`);else if($.comma||i($.start,"MISSING_CHAR",`Missing , between ${a} items`),$.comment){let P="";e:for(let T of y)switch(T.type){case"comma":case"space":break;case"comment":P=T.source.substring(1);break e;default:break e}if(P){let T=c.items[c.items.length-1];M3.isPair(T)&&(T=T.value??T.key),T.comment?T.comment+=`
`+P:T.comment=P,$.comment=$.comment.substring(P.length+1)}}if(!s&&!k&&!$.found){let P=S?t(n,S,$,i):e(n,$.end,k,null,$,i);c.items.push(P),d=P.range[2],ch(S)&&i(P.range,"BLOCK_IN_FLOW",lh)}else{n.atKey=!0;let P=$.end,T=w?t(n,w,$,i):e(n,P,y,null,$,i);ch(w)&&i(T.range,"BLOCK_IN_FLOW",lh),n.atKey=!1;let N=O0.resolveProps(k??[],{flow:a,indicator:"map-value-ind",next:S,offset:T.range[2],onError:i,parentIndent:r.indent,startOnNewline:!1});if(N.found){if(!s&&!$.found&&n.options.strict){if(k)for(let G of k){if(G===N.found)break;if(G.type==="newline"){i(G,"MULTILINE_IMPLICIT_KEY","Implicit keys of flow sequence pairs need to be on a single line");break}}$.start<N.found.offset-1024&&i(N.found,"KEY_OVER_1024_CHARS","The : indicator must be at most 1024 chars after the start of an implicit flow sequence key")}}else S&&("source"in S&&S.source?.[0]===":"?i(S,"MISSING_CHAR",`Missing space after : in ${a}`):i(N.start,"MISSING_CHAR",`Missing , or : between ${a} items`));let A=S?t(n,S,N,i):N.found?e(n,N.end,k,null,N,i):null;A?ch(S)&&i(A.range,"BLOCK_IN_FLOW",lh):N.comment&&(T.comment?T.comment+=`
`+N.comment:T.comment=N.comment);let ce=new V3.Pair(T,A);if(n.options.keepSourceTokens&&(ce.srcToken=b),s){let G=c;q3.mapIncludes(n,G.items,T)&&i(P,"DUPLICATE_KEY","Map keys must be unique"),G.items.push(ce)}else{let G=new I0.YAMLMap(n.schema);G.flow=!0,G.items.push(ce);let fe=(A??T).range;G.range=[T.range[0],fe[1],fe[2]],c.items.push(G)}d=A?A.range[2]:N.end}}let f=s?"}":"]",[p,...h]=r.end,m=d;if(p?.source===f)m=p.offset+p.source.length;else{let g=a[0].toUpperCase()+a.substring(1),b=u?`${g} must end with a ${f}`:`${g} in block collection must be sufficiently indented and end with a ${f}`;i(d,u?"MISSING_CHAR":"BAD_INDENT",b),p&&p.source.length!==1&&h.unshift(p)}if(h.length>0){let g=j3.resolveEnd(h,m,n.options.strict,i);g.comment&&(c.comment?c.comment+=`
`+g.comment:c.comment=g.comment),c.range=[r.offset,m,g.offset]}else c.range=[r.offset,m,m];return c}P0.resolveFlowCollection=G3});var D0=_(L0=>{"use strict";var B3=se(),U3=Ve(),K3=lr(),z3=cr(),H3=E0(),Y3=x0(),J3=N0();function uh(t,e,n,r,i,o){let s=n.type==="block-map"?H3.resolveBlockMap(t,e,n,r,o):n.type==="block-seq"?Y3.resolveBlockSeq(t,e,n,r,o):J3.resolveFlowCollection(t,e,n,r,o),a=s.constructor;return i==="!"||i===a.tagName?(s.tag=a.tagName,s):(i&&(s.tag=i),s)}function X3(t,e,n,r,i){let o=r.tag,s=o?e.directives.tagName(o.source,f=>i(o,"TAG_RESOLVE_FAILED",f)):null;if(n.type==="block-seq"){let{anchor:f,newlineAfterProp:p}=r,h=f&&o?f.offset>o.offset?f:o:f??o;h&&(!p||p.offset<h.offset)&&i(h,"MISSING_CHAR","Missing newline after block sequence props")}let a=n.type==="block-map"?"map":n.type==="block-seq"?"seq":n.start.source==="{"?"map":"seq";if(!o||!s||s==="!"||s===K3.YAMLMap.tagName&&a==="map"||s===z3.YAMLSeq.tagName&&a==="seq")return uh(t,e,n,i,s);let l=e.schema.tags.find(f=>f.tag===s&&f.collection===a);if(!l){let f=e.schema.knownTags[s];if(f?.collection===a)e.schema.tags.push(Object.assign({},f,{default:!1})),l=f;else return f?i(o,"BAD_COLLECTION_TYPE",`${f.tag} used for ${a} collection, but expects ${f.collection??"scalar"}`,!0):i(o,"TAG_RESOLVE_FAILED",`Unresolved tag: ${s}`,!0),uh(t,e,n,i,s)}let c=uh(t,e,n,i,s,l),u=l.resolve?.(c,f=>i(o,"TAG_RESOLVE_FAILED",f),e.options)??c,d=B3.isNode(u)?u:new U3.Scalar(u);return d.range=c.range,d.tag=s,l?.format&&(d.format=l.format),d}L0.composeCollection=X3});var fh=_(M0=>{"use strict";var dh=Ve();function Q3(t,e,n){let r=e.offset,i=Z3(e,t.options.strict,n);if(!i)return{value:"",type:null,comment:"",range:[r,r,r]};let o=i.mode===">"?dh.Scalar.BLOCK_FOLDED:dh.Scalar.BLOCK_LITERAL,s=e.source?e2(e.source):[],a=s.length;for(let m=s.length-1;m>=0;--m){let g=s[m][1];if(g===""||g==="\r")a=m;else break}if(a===0){let m=i.chomp==="+"&&s.length>0?`
`.repeat(Math.max(1,s.length-1)):"",g=r+i.length;return e.source&&(g+=e.source.length),{value:m,type:o,comment:i.comment,range:[r,g,g]}}let l=e.indent+i.indent,c=e.offset+i.length,u=0;for(let m=0;m<a;++m){let[g,b]=s[m];if(b===""||b==="\r")i.indent===0&&g.length>l&&(l=g.length);else{g.length<l&&n(c+g.length,"MISSING_CHAR","Block scalars with more-indented leading empty lines must use an explicit indentation indicator"),i.indent===0&&(l=g.length),u=m,l===0&&!t.atRoot&&n(c,"BAD_INDENT","Block scalar values in collections must be indented");break}c+=g.length+b.length+1}for(let m=s.length-1;m>=a;--m)s[m][0].length>l&&(a=m+1);let d="",f="",p=!1;for(let m=0;m<u;++m)d+=s[m][0].slice(l)+`
`;for(let m=u;m<a;++m){let[g,b]=s[m];c+=g.length+b.length+1;let y=b[b.length-1]==="\r";if(y&&(b=b.slice(0,-1)),b&&g.length<l){let k=`Block scalar lines must not be less indented than their ${i.indent?"explicit indentation indicator":"first line"}`;n(c-b.length-(y?2:1),"BAD_INDENT",k),g=""}o===dh.Scalar.BLOCK_LITERAL?(d+=f+g.slice(l)+b,f=`
`):g.length>l||b[0]==="	"?(f===" "?f=`
`:!p&&f===`
`&&(f=`

`),d+=f+g.slice(l)+b,f=`
`,p=!0):b===""?f===`
`?d+=`
`:f=`
`:(d+=f+b,f=" ",p=!1)}switch(i.chomp){case"-":break;case"+":for(let m=a;m<s.length;++m)d+=`
`+s[m][0].slice(l);d[d.length-1]!==`
`&&(d+=`
`);break;default:d+=`
`}let h=r+i.length+e.source.length;return{value:d,type:o,comment:i.comment,range:[r,h,h]}}function Z3({offset:t,props:e},n,r){if(e[0].type!=="block-scalar-header")return r(e[0],"IMPOSSIBLE","Block scalar header not found"),null;let{source:i}=e[0],o=i[0],s=0,a="",l=-1;for(let f=1;f<i.length;++f){let p=i[f];if(!a&&(p==="-"||p==="+"))a=p;else{let h=Number(p);!s&&h?s=h:l===-1&&(l=t+f)}}l!==-1&&r(l,"UNEXPECTED_TOKEN",`Block scalar header includes extra characters: ${i}`);let c=!1,u="",d=i.length;for(let f=1;f<e.length;++f){let p=e[f];switch(p.type){case"space":c=!0;case"newline":d+=p.source.length;break;case"comment":n&&!c&&r(p,"MISSING_CHAR","Comments must be separated from other tokens by white space characters"),d+=p.source.length,u=p.source.substring(1);break;case"error":r(p,"UNEXPECTED_TOKEN",p.message),d+=p.source.length;break;default:{let h=`Unexpected token in block scalar header: ${p.type}`;r(p,"UNEXPECTED_TOKEN",h);let m=p.source;m&&typeof m=="string"&&(d+=m.length)}}}return{mode:o,indent:s,chomp:a,comment:u,length:d}}function e2(t){let e=t.split(/\n( *)/),n=e[0],r=n.match(/^( *)/),o=[r?.[1]?[r[1],n.slice(r[1].length)]:["",n]];for(let s=1;s<e.length;s+=2)o.push([e[s],e[s+1]]);return o}M0.resolveBlockScalar=Q3});var mh=_(F0=>{"use strict";var ph=Ve(),t2=Ji();function n2(t,e,n){let{offset:r,type:i,source:o,end:s}=t,a,l,c=(f,p,h)=>n(r+f,p,h);switch(i){case"scalar":a=ph.Scalar.PLAIN,l=r2(o,c);break;case"single-quoted-scalar":a=ph.Scalar.QUOTE_SINGLE,l=i2(o,c);break;case"double-quoted-scalar":a=ph.Scalar.QUOTE_DOUBLE,l=o2(o,c);break;default:return n(t,"UNEXPECTED_TOKEN",`Expected a flow scalar value, but found: ${i}`),{value:"",type:null,comment:"",range:[r,r+o.length,r+o.length]}}let u=r+o.length,d=t2.resolveEnd(s,u,e,n);return{value:l,type:a,comment:d.comment,range:[r,u,d.offset]}}function r2(t,e){let n="";switch(t[0]){case"	":n="a tab character";break;case",":n="flow indicator character ,";break;case"%":n="directive indicator character %";break;case"|":case">":{n=`block scalar indicator ${t[0]}`;break}case"@":case"`":{n=`reserved character ${t[0]}`;break}}return n&&e(0,"BAD_SCALAR_START",`Plain value cannot start with ${n}`),V0(t)}function i2(t,e){return(t[t.length-1]!=="'"||t.length===1)&&e(t.length,"MISSING_CHAR","Missing closing 'quote"),V0(t.slice(1,-1)).replace(/''/g,"'")}function V0(t){let e=/(.*?)\r?\n/sy,n=e.exec(t);if(!n)return t;let r,i;try{r=new RegExp("(?<![ 	])[ 	]+$"),i=new RegExp("^[ 	]+|(?<![ 	])[ 	]+$","g")}catch{r=/[ \t]+$/,i=/^[ \t]+|[ \t]+$/g}let o=n[1].replace(r,""),s=" ",a=e.lastIndex;for(;n=e.exec(t);){let c=n[1].replace(i,"");c===""?s===`
`?o+=s:s=`
`:(o+=s+c,s=" "),a=e.lastIndex}let l=/[ \t]*(.*)/sy;return l.lastIndex=a,n=l.exec(t),o+s+(n?.[1]??"")}function o2(t,e){let n="";for(let r=1;r<t.length-1;++r){let i=t[r];if(!(i==="\r"&&t[r+1]===`
`))if(i===`
`){let{fold:o,offset:s}=s2(t,r);n+=o,r=s}else if(i==="\\"){let o=t[++r],s=a2[o];if(s)n+=s;else if(o===`
`)for(o=t[r+1];o===" "||o==="	";)o=t[++r+1];else if(o==="\r"&&t[r+1]===`
`)for(o=t[++r+1];o===" "||o==="	";)o=t[++r+1];else if(o==="x"||o==="u"||o==="U"){let a=o==="x"?2:o==="u"?4:8;n+=l2(t,r+1,a,e),r+=a}else{let a=t.substr(r-1,2);e(r-1,"BAD_DQ_ESCAPE",`Invalid escape sequence ${a}`),n+=a}}else if(i===" "||i==="	"){let o=r,s=t[r+1];for(;s===" "||s==="	";)s=t[++r+1];s!==`
`&&!(s==="\r"&&t[r+2]===`
`)&&(n+=r>o?t.slice(o,r+1):i)}else n+=i}return(t[t.length-1]!=='"'||t.length===1)&&e(t.length,"MISSING_CHAR",'Missing closing "quote'),n}function s2(t,e){let n="",r=t[e+1];for(;(r===" "||r==="	"||r===`
`||r==="\r")&&!(r==="\r"&&t[e+2]!==`
`);)r===`
`&&(n+=`
`),e+=1,r=t[e+1];return n||(n=" "),{fold:n,offset:e}}var a2={0:"\0",a:"\x07",b:"\b",e:"\x1B",f:"\f",n:`
`,r:"\r",t:"	",v:"\v",N:"",_:" ",L:"\u2028",P:"\u2029"," ":" ",'"':'"',"/":"/","\\":"\\","	":"	"};function l2(t,e,n,r){let i=t.substr(e,n),s=i.length===n&&/^[0-9a-fA-F]+$/.test(i)?parseInt(i,16):NaN;try{return String.fromCodePoint(s)}catch{let a=t.substr(e-2,n+2);return r(e-2,"BAD_DQ_ESCAPE",`Invalid escape sequence ${a}`),a}}F0.resolveFlowScalar=n2});var q0=_(W0=>{"use strict";var Jr=se(),j0=Ve(),c2=fh(),u2=mh();function d2(t,e,n,r){let{value:i,type:o,comment:s,range:a}=e.type==="block-scalar"?c2.resolveBlockScalar(t,e,r):u2.resolveFlowScalar(e,t.options.strict,r),l=n?t.directives.tagName(n.source,d=>r(n,"TAG_RESOLVE_FAILED",d)):null,c;t.options.stringKeys&&t.atKey?c=t.schema[Jr.SCALAR]:l?c=f2(t.schema,i,l,n,r):e.type==="scalar"?c=p2(t,i,e,r):c=t.schema[Jr.SCALAR];let u;try{let d=c.resolve(i,f=>r(n??e,"TAG_RESOLVE_FAILED",f),t.options);u=Jr.isScalar(d)?d:new j0.Scalar(d)}catch(d){let f=d instanceof Error?d.message:String(d);r(n??e,"TAG_RESOLVE_FAILED",f),u=new j0.Scalar(i)}return u.range=a,u.source=i,o&&(u.type=o),l&&(u.tag=l),c.format&&(u.format=c.format),s&&(u.comment=s),u}function f2(t,e,n,r,i){if(n==="!")return t[Jr.SCALAR];let o=[];for(let a of t.tags)if(!a.collection&&a.tag===n)if(a.default&&a.test)o.push(a);else return a;for(let a of o)if(a.test?.test(e))return a;let s=t.knownTags[n];return s&&!s.collection?(t.tags.push(Object.assign({},s,{default:!1,test:void 0})),s):(i(r,"TAG_RESOLVE_FAILED",`Unresolved tag: ${n}`,n!=="tag:yaml.org,2002:str"),t[Jr.SCALAR])}function p2({atKey:t,directives:e,schema:n},r,i,o){let s=n.tags.find(a=>(a.default===!0||t&&a.default==="key")&&a.test?.test(r))||n[Jr.SCALAR];if(n.compat){let a=n.compat.find(l=>l.default&&l.test?.test(r))??n[Jr.SCALAR];if(s.tag!==a.tag){let l=e.tagString(s.tag),c=e.tagString(a.tag),u=`Value may be parsed as either ${l} or ${c}`;o(i,"TAG_RESOLVE_FAILED",u,!0)}}return s}W0.composeScalar=d2});var B0=_(G0=>{"use strict";function m2(t,e,n){if(e){n??(n=e.length);for(let r=n-1;r>=0;--r){let i=e[r];switch(i.type){case"space":case"comment":case"newline":t-=i.source.length;continue}for(i=e[++r];i?.type==="space";)t+=i.source.length,i=e[++r];break}}return t}G0.emptyScalarPosition=m2});var z0=_(gh=>{"use strict";var h2=_s(),g2=se(),y2=D0(),U0=q0(),b2=Ji(),w2=B0(),k2={composeNode:K0,composeEmptyNode:hh};function K0(t,e,n,r){let i=t.atKey,{spaceBefore:o,comment:s,anchor:a,tag:l}=n,c,u=!0;switch(e.type){case"alias":c=v2(t,e,r),(a||l)&&r(e,"ALIAS_PROPS","An alias node must not specify any properties");break;case"scalar":case"single-quoted-scalar":case"double-quoted-scalar":case"block-scalar":c=U0.composeScalar(t,e,l,r),a&&(c.anchor=a.source.substring(1));break;case"block-map":case"block-seq":case"flow-collection":try{c=y2.composeCollection(k2,t,e,n,r),a&&(c.anchor=a.source.substring(1))}catch(d){let f=d instanceof Error?d.message:String(d);r(e,"RESOURCE_EXHAUSTION",f)}break;default:{let d=e.type==="error"?e.message:`Unsupported token (type: ${e.type})`;r(e,"UNEXPECTED_TOKEN",d),u=!1}}return c??(c=hh(t,e.offset,void 0,null,n,r)),a&&c.anchor===""&&r(a,"BAD_ALIAS","Anchor cannot be an empty string"),i&&t.options.stringKeys&&(!g2.isScalar(c)||typeof c.value!="string"||c.tag&&c.tag!=="tag:yaml.org,2002:str")&&r(l??e,"NON_STRING_KEY","With stringKeys, all keys must be strings"),o&&(c.spaceBefore=!0),s&&(e.type==="scalar"&&e.source===""?c.comment=s:c.commentBefore=s),t.options.keepSourceTokens&&u&&(c.srcToken=e),c}function hh(t,e,n,r,{spaceBefore:i,comment:o,anchor:s,tag:a,end:l},c){let u={type:"scalar",offset:w2.emptyScalarPosition(e,n,r),indent:-1,source:""},d=U0.composeScalar(t,u,a,c);return s&&(d.anchor=s.source.substring(1),d.anchor===""&&c(s,"BAD_ALIAS","Anchor cannot be an empty string")),i&&(d.spaceBefore=!0),o&&(d.comment=o,d.range[2]=l),d}function v2({options:t},{offset:e,source:n,end:r},i){let o=new h2.Alias(n.substring(1));o.source===""&&i(e,"BAD_ALIAS","Alias cannot be an empty string"),o.source.endsWith(":")&&i(e+n.length-1,"BAD_ALIAS","Alias ending in : is ambiguous",!0);let s=e+n.length,a=b2.resolveEnd(r,s,t.strict,i);return o.range=[e,s,a.offset],a.comment&&(o.comment=a.comment),o}gh.composeEmptyNode=hh;gh.composeNode=K0});var J0=_(Y0=>{"use strict";var _2=Vs(),H0=z0(),S2=Ji(),A2=qs();function T2(t,e,{offset:n,start:r,value:i,end:o},s){let a=Object.assign({_directives:e},t),l=new _2.Document(void 0,a),c={atKey:!1,atRoot:!0,directives:l.directives,options:l.options,schema:l.schema},u=A2.resolveProps(r,{indicator:"doc-start",next:i??o?.[0],offset:n,onError:s,parentIndent:0,startOnNewline:!0});u.found&&(l.directives.docStart=!0,i&&(i.type==="block-map"||i.type==="block-seq")&&!u.hasNewline&&s(u.end,"MISSING_CHAR","Block collection cannot start on same line with directives-end marker")),l.contents=i?H0.composeNode(c,i,u,s):H0.composeEmptyNode(c,u.end,r,null,u,s);let d=l.contents.range[2],f=S2.resolveEnd(o,d,!1,s);return f.comment&&(l.comment=f.comment),l.range=[n,d,f.offset],l}Y0.composeDoc=T2});var bh=_(Z0=>{"use strict";var C2=An("process"),E2=rm(),$2=Vs(),Gs=Ws(),X0=se(),x2=J0(),R2=Ji();function Bs(t){if(typeof t=="number")return[t,t+1];if(Array.isArray(t))return t.length===2?t:[t[0],t[1]];let{offset:e,source:n}=t;return[e,e+(typeof n=="string"?n.length:1)]}function Q0(t){let e="",n=!1,r=!1;for(let i=0;i<t.length;++i){let o=t[i];switch(o[0]){case"#":e+=(e===""?"":r?`

`:`
`)+(o.substring(1)||" "),n=!0,r=!1;break;case"%":t[i+1]?.[0]!=="#"&&(i+=1),n=!1;break;default:n||(r=!0),n=!1}}return{comment:e,afterEmptyLine:r}}var yh=class{constructor(e={}){this.doc=null,this.atDirectives=!1,this.prelude=[],this.errors=[],this.warnings=[],this.onError=(n,r,i,o)=>{let s=Bs(n);o?this.warnings.push(new Gs.YAMLWarning(s,r,i)):this.errors.push(new Gs.YAMLParseError(s,r,i))},this.directives=new E2.Directives({version:e.version||"1.2"}),this.options=e}decorate(e,n){let{comment:r,afterEmptyLine:i}=Q0(this.prelude);if(r){let o=e.contents;if(n)e.comment=e.comment?`${e.comment}
${r}`:r;else if(i||e.directives.docStart||!o)e.commentBefore=r;else if(X0.isCollection(o)&&!o.flow&&o.items.length>0){let s=o.items[0];X0.isPair(s)&&(s=s.key);let a=s.commentBefore;s.commentBefore=a?`${r}
${a}`:r}else{let s=o.commentBefore;o.commentBefore=s?`${r}
${s}`:r}}if(n){for(let o=0;o<this.errors.length;++o)e.errors.push(this.errors[o]);for(let o=0;o<this.warnings.length;++o)e.warnings.push(this.warnings[o])}else e.errors=this.errors,e.warnings=this.warnings;this.prelude=[],this.errors=[],this.warnings=[]}streamInfo(){return{comment:Q0(this.prelude).comment,directives:this.directives,errors:this.errors,warnings:this.warnings}}*compose(e,n=!1,r=-1){for(let i of e)yield*this.next(i);yield*this.end(n,r)}*next(e){switch(C2.env.LOG_STREAM&&console.dir(e,{depth:null}),e.type){case"directive":this.directives.add(e.source,(n,r,i)=>{let o=Bs(e);o[0]+=n,this.onError(o,"BAD_DIRECTIVE",r,i)}),this.prelude.push(e.source),this.atDirectives=!0;break;case"document":{let n=x2.composeDoc(this.options,this.directives,e,this.onError);this.atDirectives&&!n.directives.docStart&&this.onError(e,"MISSING_CHAR","Missing directives-end/doc-start indicator line"),this.decorate(n,!1),this.doc&&(yield this.doc),this.doc=n,this.atDirectives=!1;break}case"byte-order-mark":case"space":break;case"comment":case"newline":this.prelude.push(e.source);break;case"error":{let n=e.source?`${e.message}: ${JSON.stringify(e.source)}`:e.message,r=new Gs.YAMLParseError(Bs(e),"UNEXPECTED_TOKEN",n);this.atDirectives||!this.doc?this.errors.push(r):this.doc.errors.push(r);break}case"doc-end":{if(!this.doc){let r="Unexpected doc-end without preceding document";this.errors.push(new Gs.YAMLParseError(Bs(e),"UNEXPECTED_TOKEN",r));break}this.doc.directives.docEnd=!0;let n=R2.resolveEnd(e.end,e.offset+e.source.length,this.doc.options.strict,this.onError);if(this.decorate(this.doc,!0),n.comment){let r=this.doc.comment;this.doc.comment=r?`${r}
${n.comment}`:n.comment}this.doc.range[2]=n.offset;break}default:this.errors.push(new Gs.YAMLParseError(Bs(e),"UNEXPECTED_TOKEN",`Unsupported token ${e.type}`))}}*end(e=!1,n=-1){if(this.doc)this.decorate(this.doc,!0),yield this.doc,this.doc=null;else if(e){let r=Object.assign({_directives:this.directives},this.options),i=new $2.Document(void 0,r);this.atDirectives&&this.onError(n,"MISSING_CHAR","Missing directives-end indicator line"),i.range=[0,n,n],this.decorate(i,!1),yield i}}};Z0.Composer=yh});var nA=_(Dc=>{"use strict";var I2=fh(),O2=mh(),P2=Ws(),eA=Es();function N2(t,e=!0,n){if(t){let r=(i,o,s)=>{let a=typeof i=="number"?i:Array.isArray(i)?i[0]:i.offset;if(n)n(a,o,s);else throw new P2.YAMLParseError([a,a+1],o,s)};switch(t.type){case"scalar":case"single-quoted-scalar":case"double-quoted-scalar":return O2.resolveFlowScalar(t,e,r);case"block-scalar":return I2.resolveBlockScalar({options:{strict:e}},t,r)}}return null}function L2(t,e){let{implicitKey:n=!1,indent:r,inFlow:i=!1,offset:o=-1,type:s="PLAIN"}=e,a=eA.stringifyString({type:s,value:t},{implicitKey:n,indent:r>0?" ".repeat(r):"",inFlow:i,options:{blockQuote:!0,lineWidth:-1}}),l=e.end??[{type:"newline",offset:-1,indent:r,source:`
`}];switch(a[0]){case"|":case">":{let c=a.indexOf(`
`),u=a.substring(0,c),d=a.substring(c+1)+`
`,f=[{type:"block-scalar-header",offset:o,indent:r,source:u}];return tA(f,l)||f.push({type:"newline",offset:-1,indent:r,source:`
`}),{type:"block-scalar",offset:o,indent:r,props:f,source:d}}case'"':return{type:"double-quoted-scalar",offset:o,indent:r,source:a,end:l};case"'":return{type:"single-quoted-scalar",offset:o,indent:r,source:a,end:l};default:return{type:"scalar",offset:o,indent:r,source:a,end:l}}}function D2(t,e,n={}){let{afterKey:r=!1,implicitKey:i=!1,inFlow:o=!1,type:s}=n,a="indent"in t?t.indent:null;if(r&&typeof a=="number"&&(a+=2),!s)switch(t.type){case"single-quoted-scalar":s="QUOTE_SINGLE";break;case"double-quoted-scalar":s="QUOTE_DOUBLE";break;case"block-scalar":{let c=t.props[0];if(c.type!=="block-scalar-header")throw new Error("Invalid block scalar header");s=c.source[0]===">"?"BLOCK_FOLDED":"BLOCK_LITERAL";break}default:s="PLAIN"}let l=eA.stringifyString({type:s,value:e},{implicitKey:i||a===null,indent:a!==null&&a>0?" ".repeat(a):"",inFlow:o,options:{blockQuote:!0,lineWidth:-1}});switch(l[0]){case"|":case">":M2(t,l);break;case'"':wh(t,l,"double-quoted-scalar");break;case"'":wh(t,l,"single-quoted-scalar");break;default:wh(t,l,"scalar")}}function M2(t,e){let n=e.indexOf(`
`),r=e.substring(0,n),i=e.substring(n+1)+`
`;if(t.type==="block-scalar"){let o=t.props[0];if(o.type!=="block-scalar-header")throw new Error("Invalid block scalar header");o.source=r,t.source=i}else{let{offset:o}=t,s="indent"in t?t.indent:-1,a=[{type:"block-scalar-header",offset:o,indent:s,source:r}];tA(a,"end"in t?t.end:void 0)||a.push({type:"newline",offset:-1,indent:s,source:`
`});for(let l of Object.keys(t))l!=="type"&&l!=="offset"&&delete t[l];Object.assign(t,{type:"block-scalar",indent:s,props:a,source:i})}}function tA(t,e){if(e)for(let n of e)switch(n.type){case"space":case"comment":t.push(n);break;case"newline":return t.push(n),!0}return!1}function wh(t,e,n){switch(t.type){case"scalar":case"double-quoted-scalar":case"single-quoted-scalar":t.type=n,t.source=e;break;case"block-scalar":{let r=t.props.slice(1),i=e.length;t.props[0].type==="block-scalar-header"&&(i-=t.props[0].source.length);for(let o of r)o.offset+=i;delete t.props,Object.assign(t,{type:n,source:e,end:r});break}case"block-map":case"block-seq":{let i={type:"newline",offset:t.offset+e.length,indent:t.indent,source:`
`};delete t.items,Object.assign(t,{type:n,source:e,end:[i]});break}default:{let r="indent"in t?t.indent:-1,i="end"in t&&Array.isArray(t.end)?t.end.filter(o=>o.type==="space"||o.type==="comment"||o.type==="newline"):[];for(let o of Object.keys(t))o!=="type"&&o!=="offset"&&delete t[o];Object.assign(t,{type:n,indent:r,source:e,end:i})}}}Dc.createScalarToken=L2;Dc.resolveAsScalar=N2;Dc.setScalarValue=D2});var iA=_(rA=>{"use strict";var V2=t=>"type"in t?Vc(t):Mc(t);function Vc(t){switch(t.type){case"block-scalar":{let e="";for(let n of t.props)e+=Vc(n);return e+t.source}case"block-map":case"block-seq":{let e="";for(let n of t.items)e+=Mc(n);return e}case"flow-collection":{let e=t.start.source;for(let n of t.items)e+=Mc(n);for(let n of t.end)e+=n.source;return e}case"document":{let e=Mc(t);if(t.end)for(let n of t.end)e+=n.source;return e}default:{let e=t.source;if("end"in t&&t.end)for(let n of t.end)e+=n.source;return e}}}function Mc({start:t,key:e,sep:n,value:r}){let i="";for(let o of t)i+=o.source;if(e&&(i+=Vc(e)),n)for(let o of n)i+=o.source;return r&&(i+=Vc(r)),i}rA.stringify=V2});var lA=_(aA=>{"use strict";var kh=Symbol("break visit"),F2=Symbol("skip children"),oA=Symbol("remove item");function Xr(t,e){"type"in t&&t.type==="document"&&(t={start:t.start,value:t.value}),sA(Object.freeze([]),t,e)}Xr.BREAK=kh;Xr.SKIP=F2;Xr.REMOVE=oA;Xr.itemAtPath=(t,e)=>{let n=t;for(let[r,i]of e){let o=n?.[r];if(o&&"items"in o)n=o.items[i];else return}return n};Xr.parentCollection=(t,e)=>{let n=Xr.itemAtPath(t,e.slice(0,-1)),r=e[e.length-1][0],i=n?.[r];if(i&&"items"in i)return i;throw new Error("Parent collection not found")};function sA(t,e,n){let r=n(e,t);if(typeof r=="symbol")return r;for(let i of["key","value"]){let o=e[i];if(o&&"items"in o){for(let s=0;s<o.items.length;++s){let a=sA(Object.freeze(t.concat([[i,s]])),o.items[s],n);if(typeof a=="number")s=a-1;else{if(a===kh)return kh;a===oA&&(o.items.splice(s,1),s-=1)}}typeof r=="function"&&i==="key"&&(r=r(e,t))}}return typeof r=="function"?r(e,t):r}aA.visit=Xr});var Fc=_(gt=>{"use strict";var vh=nA(),j2=iA(),W2=lA(),_h="\uFEFF",Sh="",Ah="",Th="",q2=t=>!!t&&"items"in t,G2=t=>!!t&&(t.type==="scalar"||t.type==="single-quoted-scalar"||t.type==="double-quoted-scalar"||t.type==="block-scalar");function B2(t){switch(t){case _h:return"<BOM>";case Sh:return"<DOC>";case Ah:return"<FLOW_END>";case Th:return"<SCALAR>";default:return JSON.stringify(t)}}function U2(t){switch(t){case _h:return"byte-order-mark";case Sh:return"doc-mode";case Ah:return"flow-error-end";case Th:return"scalar";case"---":return"doc-start";case"...":return"doc-end";case"":case`
`:case`\r
`:return"newline";case"-":return"seq-item-ind";case"?":return"explicit-key-ind";case":":return"map-value-ind";case"{":return"flow-map-start";case"}":return"flow-map-end";case"[":return"flow-seq-start";case"]":return"flow-seq-end";case",":return"comma"}switch(t[0]){case" ":case"	":return"space";case"#":return"comment";case"%":return"directive-line";case"*":return"alias";case"&":return"anchor";case"!":return"tag";case"'":return"single-quoted-scalar";case'"':return"double-quoted-scalar";case"|":case">":return"block-scalar-header"}return null}gt.createScalarToken=vh.createScalarToken;gt.resolveAsScalar=vh.resolveAsScalar;gt.setScalarValue=vh.setScalarValue;gt.stringify=j2.stringify;gt.visit=W2.visit;gt.BOM=_h;gt.DOCUMENT=Sh;gt.FLOW_END=Ah;gt.SCALAR=Th;gt.isCollection=q2;gt.isScalar=G2;gt.prettyToken=B2;gt.tokenType=U2});var $h=_(uA=>{"use strict";var Us=Fc();function Xt(t){switch(t){case void 0:case" ":case`
`:case"\r":case"	":return!0;default:return!1}}var cA=new Set("0123456789ABCDEFabcdef"),K2=new Set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-#;/?:@&=+$_.!~*'()"),jc=new Set(",[]{}"),z2=new Set(` ,[]{}
\r	`),Ch=t=>!t||z2.has(t),Eh=class{constructor(){this.atEnd=!1,this.blockScalarIndent=-1,this.blockScalarKeep=!1,this.buffer="",this.flowKey=!1,this.flowLevel=0,this.indentNext=0,this.indentValue=0,this.lineEndPos=null,this.next=null,this.pos=0}*lex(e,n=!1){if(e){if(typeof e!="string")throw TypeError("source is not a string");this.buffer=this.buffer?this.buffer+e:e,this.lineEndPos=null}this.atEnd=!n;let r=this.next??"stream";for(;r&&(n||this.hasChars(1));)r=yield*this.parseNext(r)}atLineEnd(){let e=this.pos,n=this.buffer[e];for(;n===" "||n==="	";)n=this.buffer[++e];return!n||n==="#"||n===`
`?!0:n==="\r"?this.buffer[e+1]===`
`:!1}charAt(e){return this.buffer[this.pos+e]}continueScalar(e){let n=this.buffer[e];if(this.indentNext>0){let r=0;for(;n===" ";)n=this.buffer[++r+e];if(n==="\r"){let i=this.buffer[r+e+1];if(i===`
`||!i&&!this.atEnd)return e+r+1}return n===`
`||r>=this.indentNext||!n&&!this.atEnd?e+r:-1}if(n==="-"||n==="."){let r=this.buffer.substr(e,3);if((r==="---"||r==="...")&&Xt(this.buffer[e+3]))return-1}return e}getLine(){let e=this.lineEndPos;return(typeof e!="number"||e!==-1&&e<this.pos)&&(e=this.buffer.indexOf(`
`,this.pos),this.lineEndPos=e),e===-1?this.atEnd?this.buffer.substring(this.pos):null:(this.buffer[e-1]==="\r"&&(e-=1),this.buffer.substring(this.pos,e))}hasChars(e){return this.pos+e<=this.buffer.length}setNext(e){return this.buffer=this.buffer.substring(this.pos),this.pos=0,this.lineEndPos=null,this.next=e,null}peek(e){return this.buffer.substr(this.pos,e)}*parseNext(e){switch(e){case"stream":return yield*this.parseStream();case"line-start":return yield*this.parseLineStart();case"block-start":return yield*this.parseBlockStart();case"doc":return yield*this.parseDocument();case"flow":return yield*this.parseFlowCollection();case"quoted-scalar":return yield*this.parseQuotedScalar();case"block-scalar":return yield*this.parseBlockScalar();case"plain-scalar":return yield*this.parsePlainScalar()}}*parseStream(){let e=this.getLine();if(e===null)return this.setNext("stream");if(e[0]===Us.BOM&&(yield*this.pushCount(1),e=e.substring(1)),e[0]==="%"){let n=e.length,r=e.indexOf("#");for(;r!==-1;){let o=e[r-1];if(o===" "||o==="	"){n=r-1;break}else r=e.indexOf("#",r+1)}for(;;){let o=e[n-1];if(o===" "||o==="	")n-=1;else break}let i=(yield*this.pushCount(n))+(yield*this.pushSpaces(!0));return yield*this.pushCount(e.length-i),this.pushNewline(),"stream"}if(this.atLineEnd()){let n=yield*this.pushSpaces(!0);return yield*this.pushCount(e.length-n),yield*this.pushNewline(),"stream"}return yield Us.DOCUMENT,yield*this.parseLineStart()}*parseLineStart(){let e=this.charAt(0);if(!e&&!this.atEnd)return this.setNext("line-start");if(e==="-"||e==="."){if(!this.atEnd&&!this.hasChars(4))return this.setNext("line-start");let n=this.peek(3);if((n==="---"||n==="...")&&Xt(this.charAt(3)))return yield*this.pushCount(3),this.indentValue=0,this.indentNext=0,n==="---"?"doc":"stream"}return this.indentValue=yield*this.pushSpaces(!1),this.indentNext>this.indentValue&&!Xt(this.charAt(1))&&(this.indentNext=this.indentValue),yield*this.parseBlockStart()}*parseBlockStart(){let[e,n]=this.peek(2);if(!n&&!this.atEnd)return this.setNext("block-start");if((e==="-"||e==="?"||e===":")&&Xt(n)){let r=(yield*this.pushCount(1))+(yield*this.pushSpaces(!0));return this.indentNext=this.indentValue+1,this.indentValue+=r,"block-start"}return"doc"}*parseDocument(){yield*this.pushSpaces(!0);let e=this.getLine();if(e===null)return this.setNext("doc");let n=yield*this.pushIndicators();switch(e[n]){case"#":yield*this.pushCount(e.length-n);case void 0:return yield*this.pushNewline(),yield*this.parseLineStart();case"{":case"[":return yield*this.pushCount(1),this.flowKey=!1,this.flowLevel=1,"flow";case"}":case"]":return yield*this.pushCount(1),"doc";case"*":return yield*this.pushUntil(Ch),"doc";case'"':case"'":return yield*this.parseQuotedScalar();case"|":case">":return n+=yield*this.parseBlockScalarHeader(),n+=yield*this.pushSpaces(!0),yield*this.pushCount(e.length-n),yield*this.pushNewline(),yield*this.parseBlockScalar();default:return yield*this.parsePlainScalar()}}*parseFlowCollection(){let e,n,r=-1;do e=yield*this.pushNewline(),e>0?(n=yield*this.pushSpaces(!1),this.indentValue=r=n):n=0,n+=yield*this.pushSpaces(!0);while(e+n>0);let i=this.getLine();if(i===null)return this.setNext("flow");if((r!==-1&&r<this.indentNext&&i[0]!=="#"||r===0&&(i.startsWith("---")||i.startsWith("..."))&&Xt(i[3]))&&!(r===this.indentNext-1&&this.flowLevel===1&&(i[0]==="]"||i[0]==="}")))return this.flowLevel=0,yield Us.FLOW_END,yield*this.parseLineStart();let o=0;for(;i[o]===",";)o+=yield*this.pushCount(1),o+=yield*this.pushSpaces(!0),this.flowKey=!1;switch(o+=yield*this.pushIndicators(),i[o]){case void 0:return"flow";case"#":return yield*this.pushCount(i.length-o),"flow";case"{":case"[":return yield*this.pushCount(1),this.flowKey=!1,this.flowLevel+=1,"flow";case"}":case"]":return yield*this.pushCount(1),this.flowKey=!0,this.flowLevel-=1,this.flowLevel?"flow":"doc";case"*":return yield*this.pushUntil(Ch),"flow";case'"':case"'":return this.flowKey=!0,yield*this.parseQuotedScalar();case":":{let s=this.charAt(1);if(this.flowKey||Xt(s)||s===",")return this.flowKey=!1,yield*this.pushCount(1),yield*this.pushSpaces(!0),"flow"}default:return this.flowKey=!1,yield*this.parsePlainScalar()}}*parseQuotedScalar(){let e=this.charAt(0),n=this.buffer.indexOf(e,this.pos+1);if(e==="'")for(;n!==-1&&this.buffer[n+1]==="'";)n=this.buffer.indexOf("'",n+2);else for(;n!==-1;){let o=0;for(;this.buffer[n-1-o]==="\\";)o+=1;if(o%2===0)break;n=this.buffer.indexOf('"',n+1)}let r=this.buffer.substring(0,n),i=r.indexOf(`
`,this.pos);if(i!==-1){for(;i!==-1;){let o=this.continueScalar(i+1);if(o===-1)break;i=r.indexOf(`
`,o)}i!==-1&&(n=i-(r[i-1]==="\r"?2:1))}if(n===-1){if(!this.atEnd)return this.setNext("quoted-scalar");n=this.buffer.length}return yield*this.pushToIndex(n+1,!1),this.flowLevel?"flow":"doc"}*parseBlockScalarHeader(){this.blockScalarIndent=-1,this.blockScalarKeep=!1;let e=this.pos;for(;;){let n=this.buffer[++e];if(n==="+")this.blockScalarKeep=!0;else if(n>"0"&&n<="9")this.blockScalarIndent=Number(n)-1;else if(n!=="-")break}return yield*this.pushUntil(n=>Xt(n)||n==="#")}*parseBlockScalar(){let e=this.pos-1,n=0,r;e:for(let o=this.pos;r=this.buffer[o];++o)switch(r){case" ":n+=1;break;case`
`:e=o,n=0;break;case"\r":{let s=this.buffer[o+1];if(!s&&!this.atEnd)return this.setNext("block-scalar");if(s===`
`)break}default:break e}if(!r&&!this.atEnd)return this.setNext("block-scalar");if(n>=this.indentNext){this.blockScalarIndent===-1?this.indentNext=n:this.indentNext=this.blockScalarIndent+(this.indentNext===0?1:this.indentNext);do{let o=this.continueScalar(e+1);if(o===-1)break;e=this.buffer.indexOf(`
`,o)}while(e!==-1);if(e===-1){if(!this.atEnd)return this.setNext("block-scalar");e=this.buffer.length}}let i=e+1;for(r=this.buffer[i];r===" ";)r=this.buffer[++i];if(r==="	"){for(;r==="	"||r===" "||r==="\r"||r===`
`;)r=this.buffer[++i];e=i-1}else if(!this.blockScalarKeep)do{let o=e-1,s=this.buffer[o];s==="\r"&&(s=this.buffer[--o]);let a=o;for(;s===" ";)s=this.buffer[--o];if(s===`
`&&o>=this.pos&&o+1+n>a)e=o;else break}while(!0);return yield Us.SCALAR,yield*this.pushToIndex(e+1,!0),yield*this.parseLineStart()}*parsePlainScalar(){let e=this.flowLevel>0,n=this.pos-1,r=this.pos-1,i;for(;i=this.buffer[++r];)if(i===":"){let o=this.buffer[r+1];if(Xt(o)||e&&jc.has(o))break;n=r}else if(Xt(i)){let o=this.buffer[r+1];if(i==="\r"&&(o===`
`?(r+=1,i=`
`,o=this.buffer[r+1]):n=r),o==="#"||e&&jc.has(o))break;if(i===`
`){let s=this.continueScalar(r+1);if(s===-1)break;r=Math.max(r,s-2)}}else{if(e&&jc.has(i))break;n=r}return!i&&!this.atEnd?this.setNext("plain-scalar"):(yield Us.SCALAR,yield*this.pushToIndex(n+1,!0),e?"flow":"doc")}*pushCount(e){return e>0?(yield this.buffer.substr(this.pos,e),this.pos+=e,e):0}*pushToIndex(e,n){let r=this.buffer.slice(this.pos,e);return r?(yield r,this.pos+=r.length,r.length):(n&&(yield""),0)}*pushIndicators(){let e=0;e:for(;;){switch(this.charAt(0)){case"!":e+=yield*this.pushTag(),e+=yield*this.pushSpaces(!0);continue e;case"&":e+=yield*this.pushUntil(Ch),e+=yield*this.pushSpaces(!0);continue e;case"-":case"?":case":":{let n=this.flowLevel>0,r=this.charAt(1);if(Xt(r)||n&&jc.has(r)){n?this.flowKey&&(this.flowKey=!1):this.indentNext=this.indentValue+1,e+=yield*this.pushCount(1),e+=yield*this.pushSpaces(!0);continue e}}}break e}return e}*pushTag(){if(this.charAt(1)==="<"){let e=this.pos+2,n=this.buffer[e];for(;!Xt(n)&&n!==">";)n=this.buffer[++e];return yield*this.pushToIndex(n===">"?e+1:e,!1)}else{let e=this.pos+1,n=this.buffer[e];for(;n;)if(K2.has(n))n=this.buffer[++e];else if(n==="%"&&cA.has(this.buffer[e+1])&&cA.has(this.buffer[e+2]))n=this.buffer[e+=3];else break;return yield*this.pushToIndex(e,!1)}}*pushNewline(){let e=this.buffer[this.pos];return e===`
`?yield*this.pushCount(1):e==="\r"&&this.charAt(1)===`
`?yield*this.pushCount(2):0}*pushSpaces(e){let n=this.pos-1,r;do r=this.buffer[++n];while(r===" "||e&&r==="	");let i=n-this.pos;return i>0&&(yield this.buffer.substr(this.pos,i),this.pos=n),i}*pushUntil(e){let n=this.pos,r=this.buffer[n];for(;!e(r);)r=this.buffer[++n];return yield*this.pushToIndex(n,!1)}};uA.Lexer=Eh});var Rh=_(dA=>{"use strict";var xh=class{constructor(){this.lineStarts=[],this.addNewLine=e=>this.lineStarts.push(e),this.linePos=e=>{let n=0,r=this.lineStarts.length;for(;n<r;){let o=n+r>>1;this.lineStarts[o]<e?n=o+1:r=o}if(this.lineStarts[n]===e)return{line:n+1,col:1};if(n===0)return{line:0,col:e};let i=this.lineStarts[n-1];return{line:n,col:e-i+1}}}};dA.LineCounter=xh});var Oh=_(gA=>{"use strict";var H2=An("process"),fA=Fc(),Y2=$h();function ur(t,e){for(let n=0;n<t.length;++n)if(t[n].type===e)return!0;return!1}function pA(t){for(let e=0;e<t.length;++e)switch(t[e].type){case"space":case"comment":case"newline":break;default:return e}return-1}function hA(t){switch(t?.type){case"alias":case"scalar":case"single-quoted-scalar":case"double-quoted-scalar":case"flow-collection":return!0;default:return!1}}function Wc(t){switch(t.type){case"document":return t.start;case"block-map":{let e=t.items[t.items.length-1];return e.sep??e.start}case"block-seq":return t.items[t.items.length-1].start;default:return[]}}function Xi(t){if(t.length===0)return[];let e=t.length;e:for(;--e>=0;)switch(t[e].type){case"doc-start":case"explicit-key-ind":case"map-value-ind":case"seq-item-ind":case"newline":break e}for(;t[++e]?.type==="space";);return t.splice(e,t.length)}function qc(t,e){if(e.length<1e5)Array.prototype.push.apply(t,e);else for(let n=0;n<e.length;++n)t.push(e[n])}function mA(t){if(t.start.type==="flow-seq-start")for(let e of t.items)e.sep&&!e.value&&!ur(e.start,"explicit-key-ind")&&!ur(e.sep,"map-value-ind")&&(e.key&&(e.value=e.key),delete e.key,hA(e.value)?e.value.end?qc(e.value.end,e.sep):e.value.end=e.sep:qc(e.start,e.sep),delete e.sep)}var Ih=class{constructor(e){this.atNewLine=!0,this.atScalar=!1,this.indent=0,this.offset=0,this.onKeyLine=!1,this.stack=[],this.source="",this.type="",this.lexer=new Y2.Lexer,this.onNewLine=e}*parse(e,n=!1){this.onNewLine&&this.offset===0&&this.onNewLine(0);for(let r of this.lexer.lex(e,n))yield*this.next(r);n||(yield*this.end())}*next(e){if(this.source=e,H2.env.LOG_TOKENS&&console.log("|",fA.prettyToken(e)),this.atScalar){this.atScalar=!1,yield*this.step(),this.offset+=e.length;return}let n=fA.tokenType(e);if(n)if(n==="scalar")this.atNewLine=!1,this.atScalar=!0,this.type="scalar";else{switch(this.type=n,yield*this.step(),n){case"newline":this.atNewLine=!0,this.indent=0,this.onNewLine&&this.onNewLine(this.offset+e.length);break;case"space":this.atNewLine&&e[0]===" "&&(this.indent+=e.length);break;case"explicit-key-ind":case"map-value-ind":case"seq-item-ind":this.atNewLine&&(this.indent+=e.length);break;case"doc-mode":case"flow-error-end":return;default:this.atNewLine=!1}this.offset+=e.length}else{let r=`Not a YAML token: ${e}`;yield*this.pop({type:"error",offset:this.offset,message:r,source:e}),this.offset+=e.length}}*end(){for(;this.stack.length>0;)yield*this.pop()}get sourceToken(){return{type:this.type,offset:this.offset,indent:this.indent,source:this.source}}*step(){let e=this.peek(1);if(this.type==="doc-end"&&e?.type!=="doc-end"){for(;this.stack.length>0;)yield*this.pop();this.stack.push({type:"doc-end",offset:this.offset,source:this.source});return}if(!e)return yield*this.stream();switch(e.type){case"document":return yield*this.document(e);case"alias":case"scalar":case"single-quoted-scalar":case"double-quoted-scalar":return yield*this.scalar(e);case"block-scalar":return yield*this.blockScalar(e);case"block-map":return yield*this.blockMap(e);case"block-seq":return yield*this.blockSequence(e);case"flow-collection":return yield*this.flowCollection(e);case"doc-end":return yield*this.documentEnd(e)}yield*this.pop()}peek(e){return this.stack[this.stack.length-e]}*pop(e){let n=e??this.stack.pop();if(!n)yield{type:"error",offset:this.offset,source:"",message:"Tried to pop an empty stack"};else if(this.stack.length===0)yield n;else{let r=this.peek(1);switch(n.type==="block-scalar"?n.indent="indent"in r?r.indent:0:n.type==="flow-collection"&&r.type==="document"&&(n.indent=0),n.type==="flow-collection"&&mA(n),r.type){case"document":r.value=n;break;case"block-scalar":r.props.push(n);break;case"block-map":{let i=r.items[r.items.length-1];if(i.value){r.items.push({start:[],key:n,sep:[]}),this.onKeyLine=!0;return}else if(i.sep)i.value=n;else{Object.assign(i,{key:n,sep:[]}),this.onKeyLine=!i.explicitKey;return}break}case"block-seq":{let i=r.items[r.items.length-1];i.value?r.items.push({start:[],value:n}):i.value=n;break}case"flow-collection":{let i=r.items[r.items.length-1];!i||i.value?r.items.push({start:[],key:n,sep:[]}):i.sep?i.value=n:Object.assign(i,{key:n,sep:[]});return}default:yield*this.pop(),yield*this.pop(n)}if((r.type==="document"||r.type==="block-map"||r.type==="block-seq")&&(n.type==="block-map"||n.type==="block-seq")){let i=n.items[n.items.length-1];i&&!i.sep&&!i.value&&i.start.length>0&&pA(i.start)===-1&&(n.indent===0||i.start.every(o=>o.type!=="comment"||o.indent<n.indent))&&(r.type==="document"?r.end=i.start:r.items.push({start:i.start}),n.items.splice(-1,1))}}}*stream(){switch(this.type){case"directive-line":yield{type:"directive",offset:this.offset,source:this.source};return;case"byte-order-mark":case"space":case"comment":case"newline":yield this.sourceToken;return;case"doc-mode":case"doc-start":{let e={type:"document",offset:this.offset,start:[]};this.type==="doc-start"&&e.start.push(this.sourceToken),this.stack.push(e);return}}yield{type:"error",offset:this.offset,message:`Unexpected ${this.type} token in YAML stream`,source:this.source}}*document(e){if(e.value)return yield*this.lineEnd(e);switch(this.type){case"doc-start":{pA(e.start)!==-1?(yield*this.pop(),yield*this.step()):e.start.push(this.sourceToken);return}case"anchor":case"tag":case"space":case"comment":case"newline":e.start.push(this.sourceToken);return}let n=this.startBlockValue(e);n?this.stack.push(n):yield{type:"error",offset:this.offset,message:`Unexpected ${this.type} token in YAML document`,source:this.source}}*scalar(e){if(this.type==="map-value-ind"){let n=Wc(this.peek(2)),r=Xi(n),i;e.end?(i=e.end,i.push(this.sourceToken),delete e.end):i=[this.sourceToken];let o={type:"block-map",offset:e.offset,indent:e.indent,items:[{start:r,key:e,sep:i}]};this.onKeyLine=!0,this.stack[this.stack.length-1]=o}else yield*this.lineEnd(e)}*blockScalar(e){switch(this.type){case"space":case"comment":case"newline":e.props.push(this.sourceToken);return;case"scalar":if(e.source=this.source,this.atNewLine=!0,this.indent=0,this.onNewLine){let n=this.source.indexOf(`
`)+1;for(;n!==0;)this.onNewLine(this.offset+n),n=this.source.indexOf(`
`,n)+1}yield*this.pop();break;default:yield*this.pop(),yield*this.step()}}*blockMap(e){let n=e.items[e.items.length-1];switch(this.type){case"newline":if(this.onKeyLine=!1,n.value){let r="end"in n.value?n.value.end:void 0;(Array.isArray(r)?r[r.length-1]:void 0)?.type==="comment"?r?.push(this.sourceToken):e.items.push({start:[this.sourceToken]})}else n.sep?n.sep.push(this.sourceToken):n.start.push(this.sourceToken);return;case"space":case"comment":if(n.value)e.items.push({start:[this.sourceToken]});else if(n.sep)n.sep.push(this.sourceToken);else{if(this.atIndentedComment(n.start,e.indent)){let i=e.items[e.items.length-2]?.value?.end;if(Array.isArray(i)){qc(i,n.start),i.push(this.sourceToken),e.items.pop();return}}n.start.push(this.sourceToken)}return}if(this.indent>=e.indent){let r=!this.onKeyLine&&this.indent===e.indent,i=r&&(n.sep||n.explicitKey)&&this.type!=="seq-item-ind",o=[];if(i&&n.sep&&!n.value){let s=[];for(let a=0;a<n.sep.length;++a){let l=n.sep[a];switch(l.type){case"newline":s.push(a);break;case"space":break;case"comment":l.indent>e.indent&&(s.length=0);break;default:s.length=0}}s.length>=2&&(o=n.sep.splice(s[1]))}switch(this.type){case"anchor":case"tag":i||n.value?(o.push(this.sourceToken),e.items.push({start:o}),this.onKeyLine=!0):n.sep?n.sep.push(this.sourceToken):n.start.push(this.sourceToken);return;case"explicit-key-ind":!n.sep&&!n.explicitKey?(n.start.push(this.sourceToken),n.explicitKey=!0):i||n.value?(o.push(this.sourceToken),e.items.push({start:o,explicitKey:!0})):this.stack.push({type:"block-map",offset:this.offset,indent:this.indent,items:[{start:[this.sourceToken],explicitKey:!0}]}),this.onKeyLine=!0;return;case"map-value-ind":if(n.explicitKey)if(n.sep)if(n.value)e.items.push({start:[],key:null,sep:[this.sourceToken]});else if(ur(n.sep,"map-value-ind"))this.stack.push({type:"block-map",offset:this.offset,indent:this.indent,items:[{start:o,key:null,sep:[this.sourceToken]}]});else if(hA(n.key)&&!ur(n.sep,"newline")){let s=Xi(n.start),a=n.key,l=n.sep;l.push(this.sourceToken),delete n.key,delete n.sep,this.stack.push({type:"block-map",offset:this.offset,indent:this.indent,items:[{start:s,key:a,sep:l}]})}else o.length>0?n.sep=n.sep.concat(o,this.sourceToken):n.sep.push(this.sourceToken);else if(ur(n.start,"newline"))Object.assign(n,{key:null,sep:[this.sourceToken]});else{let s=Xi(n.start);this.stack.push({type:"block-map",offset:this.offset,indent:this.indent,items:[{start:s,key:null,sep:[this.sourceToken]}]})}else n.sep?n.value||i?e.items.push({start:o,key:null,sep:[this.sourceToken]}):ur(n.sep,"map-value-ind")?this.stack.push({type:"block-map",offset:this.offset,indent:this.indent,items:[{start:[],key:null,sep:[this.sourceToken]}]}):n.sep.push(this.sourceToken):Object.assign(n,{key:null,sep:[this.sourceToken]});this.onKeyLine=!0;return;case"alias":case"scalar":case"single-quoted-scalar":case"double-quoted-scalar":{let s=this.flowScalar(this.type);i||n.value?(e.items.push({start:o,key:s,sep:[]}),this.onKeyLine=!0):n.sep?this.stack.push(s):(Object.assign(n,{key:s,sep:[]}),this.onKeyLine=!0);return}default:{let s=this.startBlockValue(e);if(s){if(s.type==="block-seq"){if(!n.explicitKey&&n.sep&&!ur(n.sep,"newline")){yield*this.pop({type:"error",offset:this.offset,message:"Unexpected block-seq-ind on same line with key",source:this.source});return}}else r&&e.items.push({start:o});this.stack.push(s);return}}}}yield*this.pop(),yield*this.step()}*blockSequence(e){let n=e.items[e.items.length-1];switch(this.type){case"newline":if(n.value){let r="end"in n.value?n.value.end:void 0;(Array.isArray(r)?r[r.length-1]:void 0)?.type==="comment"?r?.push(this.sourceToken):e.items.push({start:[this.sourceToken]})}else n.start.push(this.sourceToken);return;case"space":case"comment":if(n.value)e.items.push({start:[this.sourceToken]});else{if(this.atIndentedComment(n.start,e.indent)){let i=e.items[e.items.length-2]?.value?.end;if(Array.isArray(i)){qc(i,n.start),i.push(this.sourceToken),e.items.pop();return}}n.start.push(this.sourceToken)}return;case"anchor":case"tag":if(n.value||this.indent<=e.indent)break;n.start.push(this.sourceToken);return;case"seq-item-ind":if(this.indent!==e.indent)break;n.value||ur(n.start,"seq-item-ind")?e.items.push({start:[this.sourceToken]}):n.start.push(this.sourceToken);return}if(this.indent>e.indent){let r=this.startBlockValue(e);if(r){this.stack.push(r);return}}yield*this.pop(),yield*this.step()}*flowCollection(e){let n=e.items[e.items.length-1];if(this.type==="flow-error-end"){let r;do yield*this.pop(),r=this.peek(1);while(r?.type==="flow-collection")}else if(e.end.length===0){switch(this.type){case"comma":case"explicit-key-ind":!n||n.sep?e.items.push({start:[this.sourceToken]}):n.start.push(this.sourceToken);return;case"map-value-ind":!n||n.value?e.items.push({start:[],key:null,sep:[this.sourceToken]}):n.sep?n.sep.push(this.sourceToken):Object.assign(n,{key:null,sep:[this.sourceToken]});return;case"space":case"comment":case"newline":case"anchor":case"tag":!n||n.value?e.items.push({start:[this.sourceToken]}):n.sep?n.sep.push(this.sourceToken):n.start.push(this.sourceToken);return;case"alias":case"scalar":case"single-quoted-scalar":case"double-quoted-scalar":{let i=this.flowScalar(this.type);!n||n.value?e.items.push({start:[],key:i,sep:[]}):n.sep?this.stack.push(i):Object.assign(n,{key:i,sep:[]});return}case"flow-map-end":case"flow-seq-end":e.end.push(this.sourceToken);return}let r=this.startBlockValue(e);r?this.stack.push(r):(yield*this.pop(),yield*this.step())}else{let r=this.peek(2);if(r.type==="block-map"&&(this.type==="map-value-ind"&&r.indent===e.indent||this.type==="newline"&&!r.items[r.items.length-1].sep))yield*this.pop(),yield*this.step();else if(this.type==="map-value-ind"&&r.type!=="flow-collection"){let i=Wc(r),o=Xi(i);mA(e);let s=e.end.splice(1,e.end.length);s.push(this.sourceToken);let a={type:"block-map",offset:e.offset,indent:e.indent,items:[{start:o,key:e,sep:s}]};this.onKeyLine=!0,this.stack[this.stack.length-1]=a}else yield*this.lineEnd(e)}}flowScalar(e){if(this.onNewLine){let n=this.source.indexOf(`
`)+1;for(;n!==0;)this.onNewLine(this.offset+n),n=this.source.indexOf(`
`,n)+1}return{type:e,offset:this.offset,indent:this.indent,source:this.source}}startBlockValue(e){switch(this.type){case"alias":case"scalar":case"single-quoted-scalar":case"double-quoted-scalar":return this.flowScalar(this.type);case"block-scalar-header":return{type:"block-scalar",offset:this.offset,indent:this.indent,props:[this.sourceToken],source:""};case"flow-map-start":case"flow-seq-start":return{type:"flow-collection",offset:this.offset,indent:this.indent,start:this.sourceToken,items:[],end:[]};case"seq-item-ind":return{type:"block-seq",offset:this.offset,indent:this.indent,items:[{start:[this.sourceToken]}]};case"explicit-key-ind":{this.onKeyLine=!0;let n=Wc(e),r=Xi(n);return r.push(this.sourceToken),{type:"block-map",offset:this.offset,indent:this.indent,items:[{start:r,explicitKey:!0}]}}case"map-value-ind":{this.onKeyLine=!0;let n=Wc(e),r=Xi(n);return{type:"block-map",offset:this.offset,indent:this.indent,items:[{start:r,key:null,sep:[this.sourceToken]}]}}}return null}atIndentedComment(e,n){return this.type!=="comment"||this.indent<=n?!1:e.every(r=>r.type==="newline"||r.type==="space")}*documentEnd(e){this.type!=="doc-mode"&&(e.end?e.end.push(this.sourceToken):e.end=[this.sourceToken],this.type==="newline"&&(yield*this.pop()))}*lineEnd(e){switch(this.type){case"comma":case"doc-start":case"doc-end":case"flow-seq-end":case"flow-map-end":case"map-value-ind":yield*this.pop(),yield*this.step();break;case"newline":this.onKeyLine=!1;default:e.end?e.end.push(this.sourceToken):e.end=[this.sourceToken],this.type==="newline"&&(yield*this.pop())}}};gA.Parser=Ih});var vA=_(zs=>{"use strict";var yA=bh(),J2=Vs(),Ks=Ws(),X2=gm(),Q2=se(),Z2=Rh(),bA=Oh();function wA(t){let e=t.prettyErrors!==!1;return{lineCounter:t.lineCounter||e&&new Z2.LineCounter||null,prettyErrors:e}}function eV(t,e={}){let{lineCounter:n,prettyErrors:r}=wA(e),i=new bA.Parser(n?.addNewLine),o=new yA.Composer(e),s=Array.from(o.compose(i.parse(t)));if(r&&n)for(let a of s)a.errors.forEach(Ks.prettifyError(t,n)),a.warnings.forEach(Ks.prettifyError(t,n));return s.length>0?s:Object.assign([],{empty:!0},o.streamInfo())}function kA(t,e={}){let{lineCounter:n,prettyErrors:r}=wA(e),i=new bA.Parser(n?.addNewLine),o=new yA.Composer(e),s=null;for(let a of o.compose(i.parse(t),!0,t.length))if(!s)s=a;else if(s.options.logLevel!=="silent"){s.errors.push(new Ks.YAMLParseError(a.range.slice(0,2),"MULTIPLE_DOCS","Source contains multiple documents; please use YAML.parseAllDocuments()"));break}return r&&n&&(s.errors.forEach(Ks.prettifyError(t,n)),s.warnings.forEach(Ks.prettifyError(t,n))),s}function tV(t,e,n){let r;typeof e=="function"?r=e:n===void 0&&e&&typeof e=="object"&&(n=e);let i=kA(t,n);if(!i)return null;if(i.warnings.forEach(o=>X2.warn(i.options.logLevel,o)),i.errors.length>0){if(i.options.logLevel!=="silent")throw i.errors[0];i.errors=[]}return i.toJS(Object.assign({reviver:r},n))}function nV(t,e,n){let r=null;if(typeof e=="function"||Array.isArray(e)?r=e:n===void 0&&e&&(n=e),typeof n=="string"&&(n=n.length),typeof n=="number"){let i=Math.round(n);n=i<1?void 0:i>8?{indent:8}:{indent:i}}if(t===void 0){let{keepUndefined:i}=n??e??{};if(!i)return}return Q2.isDocument(t)&&!r?t.toString(n):new J2.Document(t,r,n).toString(n)}zs.parse=tV;zs.parseAllDocuments=eV;zs.parseDocument=kA;zs.stringify=nV});var Nh=_(pe=>{"use strict";var rV=bh(),iV=Vs(),oV=Qm(),Ph=Ws(),sV=_s(),dr=se(),aV=sr(),lV=Ve(),cV=lr(),uV=cr(),dV=Fc(),fV=$h(),pV=Rh(),mV=Oh(),Gc=vA(),_A=bs();pe.Composer=rV.Composer;pe.Document=iV.Document;pe.Schema=oV.Schema;pe.YAMLError=Ph.YAMLError;pe.YAMLParseError=Ph.YAMLParseError;pe.YAMLWarning=Ph.YAMLWarning;pe.Alias=sV.Alias;pe.isAlias=dr.isAlias;pe.isCollection=dr.isCollection;pe.isDocument=dr.isDocument;pe.isMap=dr.isMap;pe.isNode=dr.isNode;pe.isPair=dr.isPair;pe.isScalar=dr.isScalar;pe.isSeq=dr.isSeq;pe.Pair=aV.Pair;pe.Scalar=lV.Scalar;pe.YAMLMap=cV.YAMLMap;pe.YAMLSeq=uV.YAMLSeq;pe.CST=dV;pe.Lexer=fV.Lexer;pe.LineCounter=pV.LineCounter;pe.Parser=mV.Parser;pe.parse=Gc.parse;pe.parseAllDocuments=Gc.parseAllDocuments;pe.parseDocument=Gc.parseDocument;pe.stringify=Gc.stringify;pe.visit=_A.visit;pe.visitAsync=_A.visitAsync});var BA=_((V6,eu)=>{function LA(t){return Array.isArray(t)?t:[t]}var no=void 0,Qt="",io=" ",Ye="\\",EV=/[.*+?()[\]{}^$|\\/]/,DA="\uFEFF",$V=/^\/\*{2,}$/,xV=/^\\!/,RV=/^\\#/,IV=/\r?\n/g,OV="//",ro=47,RA=46,At="/",MA="node-ignore";typeof Symbol<"u"&&(MA=Symbol.for("node-ignore"));var VA=MA,Zr=(t,e,n)=>(Object.defineProperty(t,e,{value:n}),n),FA=()=>!1,IA={alnum:"0-9A-Za-z",alpha:"A-Za-z",blank:" \\t",cntrl:"\\x00-\\x1f\\x7f",digit:"0-9",graph:"!-.0-~",lower:"a-z",print:" -.0-~",punct:"!-.:-@\\[-`{-~",space:" \\t\\n\\r",upper:"A-Z",xdigit:"0-9A-Fa-f"},PV="\\]^-[",Yc=t=>PV.indexOf(t)<0?t:Ye+t,NV="(?!\\/)",LV=(t,e)=>{if(t)return`[^\\/${e}]`;let n=`[${e}]`;return new RegExp(n).test("/")?NV+n:n},DV=(t,e)=>{let{length:n}=t,r=e+1,i=Qt,o=t[r];(o==="!"||o==="^")&&(i="^",r++);let s=Qt,a=Qt;for(;;){let l=t[r];if(l===no)return null;if(l===Ye){let c=t[++r];s+=Yc(c),a=c}else if(l==="-"&&a&&r+1<n&&t[r+1]!=="]"){r++;let c=t[r];c===Ye&&(c=t[r+=1]),a<=c&&(s+=`-${Yc(c)}`),a=Qt}else if(l==="["&&t[r+1]===":"){let c=r+2,u=c;for(;u<n&&t[u]!=="]";)u++;if(u===n)return null;if(u>c&&t[u-1]===":"){let d=t.slice(c,u-1);if(!Object.prototype.hasOwnProperty.call(IA,d))return null;s+=IA[d],a=Qt,r=u}else s+=Yc("["),a="[",r=c-2}else s+=Yc(l),a=l;if(r++,t[r]==="]")return{end:r,source:LV(i,s)}}},Mh="[]",Js="\0",MV=new RegExp(`${Js}(\\d+)${Js}`,"g"),Qc="",Zc="",OA=t=>t===Js||t===Qc||t===Zc,VV=t=>{let e=[],n=s=>`${Js}${e.push(s)-1}${Js}`,{length:r}=t,i=Qt,o=0;for(;o<r;){let s=t[o];if(s===Ye){let a=t[o+1];a===At&&o+2===r?i+=n(Mh):a==="*"||a==="["||a===io?i+=t.slice(o,o+2):i+=n(EV.test(a)?Ye+a:OA(a)?`[${a}]`:a),o+=2}else if(OA(s))i+=n(`[${s}]`),o++;else if(s==="["){let a=DV(t,o);a===null?(i+=n(Mh),o=r):(i+=n(a.source),o=a.end+1)}else i+=s,o++}return{source:i,sources:e}},Vh=null,FV=/\/(?!$)/,Ys="[^\\/]*",jV=[[/(\\+)( ?)/g,(t,e,n)=>n?e.slice(0,e.length-e.length%2)+io:e,Ye+io],[/(^|\/)\*{3,}(?=\/|$)/g,(t,e)=>`${e}**`,"*"],[/[\\$.|*+(){^]/g,t=>`\\${t}`],[/(?!\\)\?/g,()=>"[^/]","?"],[/^\//,()=>"^",At],[/\//g,()=>"\\/",At],[/^\^*(?:\\\*\\\*\\\/)+/,()=>"(?:^|\\/)","*"],[Vh,(t,e)=>!t||t[0]==="^"||t[0]==="("?t:(FV.test(e)?"^":"(?:^|\\/)")+t],[/\\\/\\\*\\\*(?=\\\/|$)/g,(t,e,n)=>e+6<n.length?n.slice(e+6)==="\\/"?"(?:\\/[^\\/]+)+":"(?:\\/[^\\/]+)*":`\\/${Zc}`,"*"],[/(^|[^\\])(?:\\\*)+(?!$)/g,(t,e)=>e+Ys,"*"],[/(^|[^\\])((?:\\\\)*)\\\*$/,(t,e,n)=>n===Qt?e+Qc:t,"*"],[/\\\\\\(?=[$.|*+(){^])/g,()=>Ye,Ye+Ye],[/\\\\/g,()=>Ye,Ye+Ye],[/\\\[([^\]/]*?)($|\])/g,(t,e,n)=>`\\[${e}${n}`,"["],[Vh,t=>{let e=t[t.length-1];return!e||e===Qc||e===Zc?t:e===At?`${t}$`:`${t}(?=$|\\/$)`}]],WV=/(^|\\\/)?\uE000$/,Jc="regex",PA="checkRegex",NA="_",qV=(t,e)=>`${e?`${e}[^/]+`:"[^/]*"}(?=$|\\/$)`,GV=/\uE001$/,BV=()=>"[\\s\\S]",UV=(t,e)=>{let n=Qt;for(let r=e+1;r<t.length&&!t[r].wildcard;r++)n+=t[r].single;return n},KV=t=>{if(t.indexOf(Ys)<0)return t;let e=[],{length:n}=t,r=0;for(;r<n;){let a=t[r];if(t.startsWith(Ys,r))e.push({wildcard:!0}),r+=Ys.length;else if(a==="["){let l=r+1;for(t[l]==="^"&&l++,t[l]==="]"&&l++;l<n&&t[l]!=="]";)l+=t[l]===Ye?2:1;l++,e.push({single:t.slice(r,l)}),r=l}else if(a===Ye)e.push({single:t.slice(r,r+2)}),r+=2;else if(a==="("){let l=0,c=r;do t[c]===Ye?c++:t[c]==="("?l++:t[c]===")"&&l--,c++;while(c<n&&l>0);"*+?".indexOf(t[c])>=0&&c++,e.push({boundary:t.slice(r,c)}),r=c}else a==="^"||a==="$"?(e.push({boundary:a}),r++):(e.push({single:a}),r++)}let i=Qt,o=[],s=()=>{let a;o.forEach((l,c)=>{l.wildcard&&(a=c)}),o.forEach((l,c)=>{if(!l.wildcard){i+=l.single;return}i+=c===a?Ys:`(?:(?!${UV(o,c)})[^\\/])*`}),o=[]};return e.forEach(a=>{if(a.boundary===void 0){o.push(a);return}s(),i+=a.boundary}),s(),i},jA=t=>{$V.test(t)&&(t="**");let{source:e,sources:n}=VV(t),r=jV.reduce((i,[o,s,a])=>o===Vh?s(i,t):a!==no&&i.indexOf(a)<0?i:o.test(i)?i.replace(o,s.bind(t)):i,e);return n.length?r.replace(MV,(i,o)=>n[o]):r},zV=(t,e)=>{t[t.length-1]===At&&(e=jA(t.slice(0,-1)));let n=e.slice(0,-1),r=e[e.length-1];return r===Qc?`${n}$`:r===Zc?n:Mh},WA=t=>{let e=t.indexOf(At);return e<0||e===t.length-1},HV=t=>{let e=t.length-1,n=t.lastIndexOf(At,t[e]===At?e-1:e);return n<0?t:t.slice(n+1)},YV=t=>{if(t.charCodeAt(0)===ro||t.indexOf(OV)>=0){let r=t.split(At).filter(Boolean);return r.pop(),r.length?r.join(At)+At:Qt}let e=t.length-1,n=t.lastIndexOf(At,t.charCodeAt(e)===ro?e-1:e);return n<0?Qt:t.slice(0,n+1)},Xs=t=>typeof t=="string",JV=t=>t&&Xs(t),XV=t=>(t[t.length-1]==="\r"?t.slice(0,-1):t).split(IV).filter(Boolean),Fh=class{constructor(e,n,r,i,o,s){this.pattern=e,this.mark=n,this.negative=o,Zr(this,"body",r),Zr(this,"ignoreCase",i),Zr(this,"regexPrefix",s)}get _basenameOnly(){return Zr(this,"_basenameOnly",WA(this.body))}get regex(){let e=NA+Jc;return this[e]?this[e]:this._make(Jc,e)}get checkRegex(){let e=NA+PA;return this[e]?this[e]:this._make(PA,e)}_make(e,n){let r=KV(e===Jc?this.regexPrefix.replace(WV,qV).replace(GV,BV):zV(this.body,this.regexPrefix)),i=this.ignoreCase?new RegExp(r,"i"):new RegExp(r);return Zr(this,n,i)}},QV=t=>{let e=0;for(;t[t.length-e-1]===Ye;)e++;return e%2===1},ZV=(t,e)=>{let n=t.length,r;for(;;){for(e&&t[n-1]==="\r"&&n--,r=n;t[r-1]===io;)r--;if(!e||t[r-1]!==`
`)break;n=r-1}if(r===n)return t.slice(0,n);let i=0;for(;t[r-i-1]===Ye;)i++;return i%2?t.slice(0,r-1)+io:t.slice(0,r)},eF=(t,e,n,r,i)=>{let o=i&&t[0]===DA?t.slice(1):t;if(o[0]==="#")return;let s=!1;o[0]==="!"&&(s=!0,o=o.slice(1));let a=o[o.length-1];if((a===io||r&&(a==="\r"||a===`
`))&&(o=ZV(o,r)),!o||QV(o))return;o=o.replace(xV,"!").replace(RV,"#");let l=jA(o);return new Fh(t,e,o,n,s,l)},jh=class{constructor(e){this._ignoreCase=e,this._rules=[],this._basenameCount=0}_add(e,n){if(e&&e[VA]){this._rules=this._rules.concat(e._rules._rules),this._basenameCount+=e._rules._basenameCount,this._added=!0;return}let r=Xs(e),i=r?e:e.pattern,o=JV(i)&&eF(i,r?no:e.mark,this._ignoreCase,!this._split,this._stripBOM&&!n);o&&(this._added=!0,this._rules.push(o),WA(o.body)&&this._basenameCount++)}add(e){return this._added=!1,this._split=Xs(e),this._stripBOM=!this._split||e[0]===DA,LA(this._split?XV(e):e).forEach(this._add,this),this._added&&(this._literalRules=no),this._added}testLiteral(e){let n=this._literalRules||(this._literalRules=this._rules.filter(({body:a})=>a[a.length-(a[a.length-1]===At?2:1)]==="*")),r=!1,i=!1,o;for(let a=n.length-1;a>=0;a--){let l=n[a];if(l.checkRegex.test(e)){r=!l.negative,i=l.negative,o=l.negative?no:l;break}}let s={ignored:r,unignored:i};return o&&(s.rule=o),s}test(e,n){let r=this._rules,{length:i}=r,o=this._basenameCount*2>=i,s=o?HV(e):e;for(let a=i-1;a>=0;a--){let l=r[a];if(l[n].test(o&&l._basenameOnly?s:e)){let{negative:c}=l,u={ignored:!c,unignored:c};return c||(u.rule=l),u}}return{ignored:!1,unignored:!1}}},tF=(t,e)=>{throw new e(t)},fr=(t,e,n)=>Xs(t)?t?fr.isNotRelative(t)?n(`path should be a \`path.relative()\`d string, but got "${e}"`,RangeError):!0:n("path must not be empty",TypeError):n(`path must be a string, but got \`${e}\``,TypeError),qA=t=>{let e=t.charCodeAt(0);if(e===ro)return!0;if(e!==RA)return!1;if(t.length===1)return!0;let n=t.charCodeAt(1);return n===ro?!0:n!==RA?!1:t.length===2||t.charCodeAt(2)===ro};fr.isNotRelative=qA;fr.convert=t=>t;var Xc=t=>Xs(t)&&fr.convert(t),Wh=class{constructor({ignorecase:e=!0,ignoreCase:n=e,allowRelativePaths:r=!1}={}){Zr(this,VA,!0),this._rules=new jh(n),this._strictPathCheck=!r,this._initCache()}_initCache(){this._ignoreCache=Object.create(null),this._testCache=Object.create(null)}add(e){return this._rules.add(e)&&this._initCache(),this}addPattern(e){return this.add(e)}_test(e,n,r){return fr(r,e,this._strictPathCheck?tF:FA),r?this._t(r,n):{ignored:!1,unignored:!1}}checkIgnore(e){let n=Xc(e);if(!n||n.charCodeAt(n.length-1)!==ro)return this._test(e,this._testCache,n);let r=this._t(n,this._testCache);if(r.ignored)return r;let i=this._rules.testLiteral(n);return i.ignored||i.unignored?i:r}_t(e,n){if(e in n)return n[e];let r=YV(e),i=r?this._t(r,n):no;return n[e]=i&&i.ignored?i:this._rules.test(e,Jc)}ignores(e){return this._test(e,this._ignoreCache,Xc(e)).ignored}createFilter(){return e=>!this.ignores(e)}filter(e){return LA(e).filter(this.createFilter())}test(e){return this._test(e,this._testCache,Xc(e))}},qh=t=>new Wh(t),nF=t=>fr(Xc(t),t,FA),GA=()=>{let t=n=>/^\\\\\?\\/.test(n)||/["<>|\u0000-\u001F]+/u.test(n)?n:n.replace(/\\/g,"/");fr.convert=t;let e=/^[a-z]:\//i;fr.isNotRelative=n=>e.test(n)||qA(n)};typeof process<"u"&&process.platform==="win32"&&GA();eu.exports=qh;qh.default=qh;eu.exports.isPathValid=nF;Zr(eu.exports,Symbol.for("setupWindows"),GA)});var Qs=_((F6,YA)=>{"use strict";var UA="[^\\\\/]",rF="(?=.)",KA="[^/]",Gh="(?:\\/|$)",zA="(?:^|\\/)",Bh=`\\.{1,2}${Gh}`,iF="(?!\\.)",oF=`(?!${zA}${Bh})`,sF=`(?!\\.{0,1}${Gh})`,aF=`(?!${Bh})`,lF="[^.\\/]",cF=`${KA}*?`,uF="/",HA={DOT_LITERAL:"\\.",PLUS_LITERAL:"\\+",QMARK_LITERAL:"\\?",SLASH_LITERAL:"\\/",ONE_CHAR:rF,QMARK:KA,END_ANCHOR:Gh,DOTS_SLASH:Bh,NO_DOT:iF,NO_DOTS:oF,NO_DOT_SLASH:sF,NO_DOTS_SLASH:aF,QMARK_NO_DOT:lF,STAR:cF,START_ANCHOR:zA,SEP:uF},dF={...HA,SLASH_LITERAL:"[\\\\/]",QMARK:UA,STAR:`${UA}*?`,DOTS_SLASH:"\\.{1,2}(?:[\\\\/]|$)",NO_DOT:"(?!\\.)",NO_DOTS:"(?!(?:^|[\\\\/])\\.{1,2}(?:[\\\\/]|$))",NO_DOT_SLASH:"(?!\\.{0,1}(?:[\\\\/]|$))",NO_DOTS_SLASH:"(?!\\.{1,2}(?:[\\\\/]|$))",QMARK_NO_DOT:"[^.\\\\/]",START_ANCHOR:"(?:^|[\\\\/])",END_ANCHOR:"(?:[\\\\/]|$)",SEP:"\\"},fF={__proto__:null,alnum:"a-zA-Z0-9",alpha:"a-zA-Z",ascii:"\\x00-\\x7F",blank:" \\t",cntrl:"\\x00-\\x1F\\x7F",digit:"0-9",graph:"\\x21-\\x7E",lower:"a-z",print:"\\x20-\\x7E ",punct:"\\-!\"#$%&'()\\*+,./:;<=>?@[\\]^_`{|}~",space:" \\t\\r\\n\\v\\f",upper:"A-Z",word:"A-Za-z0-9_",xdigit:"A-Fa-f0-9"};YA.exports={DEFAULT_MAX_EXTGLOB_RECURSION:0,MAX_LENGTH:1024*64,POSIX_REGEX_SOURCE:fF,REGEX_BACKSLASH:/\\(?![*+?^${}(|)[\]])/g,REGEX_NON_SPECIAL_CHARS:/^[^@![\].,$*+?^{}()|\\/]+/,REGEX_SPECIAL_CHARS:/[-*+?.^${}(|)[\]]/,REGEX_SPECIAL_CHARS_BACKREF:/(\\?)((\W)(\3*))/g,REGEX_SPECIAL_CHARS_GLOBAL:/([-*+?.^${}(|)[\]])/g,REGEX_REMOVE_BACKSLASH:/(?:\[.*?[^\\]\]|\\(?=.))/g,REPLACEMENTS:{__proto__:null,"***":"*","**/**":"**","**/**/**":"**"},CHAR_0:48,CHAR_9:57,CHAR_UPPERCASE_A:65,CHAR_LOWERCASE_A:97,CHAR_UPPERCASE_Z:90,CHAR_LOWERCASE_Z:122,CHAR_LEFT_PARENTHESES:40,CHAR_RIGHT_PARENTHESES:41,CHAR_ASTERISK:42,CHAR_AMPERSAND:38,CHAR_AT:64,CHAR_BACKWARD_SLASH:92,CHAR_CARRIAGE_RETURN:13,CHAR_CIRCUMFLEX_ACCENT:94,CHAR_COLON:58,CHAR_COMMA:44,CHAR_DOT:46,CHAR_DOUBLE_QUOTE:34,CHAR_EQUAL:61,CHAR_EXCLAMATION_MARK:33,CHAR_FORM_FEED:12,CHAR_FORWARD_SLASH:47,CHAR_GRAVE_ACCENT:96,CHAR_HASH:35,CHAR_HYPHEN_MINUS:45,CHAR_LEFT_ANGLE_BRACKET:60,CHAR_LEFT_CURLY_BRACE:123,CHAR_LEFT_SQUARE_BRACKET:91,CHAR_LINE_FEED:10,CHAR_NO_BREAK_SPACE:160,CHAR_PERCENT:37,CHAR_PLUS:43,CHAR_QUESTION_MARK:63,CHAR_RIGHT_ANGLE_BRACKET:62,CHAR_RIGHT_CURLY_BRACE:125,CHAR_RIGHT_SQUARE_BRACKET:93,CHAR_SEMICOLON:59,CHAR_SINGLE_QUOTE:39,CHAR_SPACE:32,CHAR_TAB:9,CHAR_UNDERSCORE:95,CHAR_VERTICAL_LINE:124,CHAR_ZERO_WIDTH_NOBREAK_SPACE:65279,extglobChars(t){return{"!":{type:"negate",open:"(?:(?!(?:",close:`))${t.STAR})`},"?":{type:"qmark",open:"(?:",close:")?"},"+":{type:"plus",open:"(?:",close:")+"},"*":{type:"star",open:"(?:",close:")*"},"@":{type:"at",open:"(?:",close:")"}}},globChars(t){return t===!0?dF:HA}}});var Zs=_(yt=>{"use strict";var{REGEX_BACKSLASH:pF,REGEX_REMOVE_BACKSLASH:mF,REGEX_SPECIAL_CHARS:hF,REGEX_SPECIAL_CHARS_GLOBAL:gF}=Qs();yt.isObject=t=>t!==null&&typeof t=="object"&&!Array.isArray(t);yt.hasRegexChars=t=>hF.test(t);yt.isRegexChar=t=>t.length===1&&yt.hasRegexChars(t);yt.escapeRegex=t=>t.replace(gF,"\\$1");yt.toPosixSlashes=t=>t.replace(pF,"/");yt.isWindows=()=>{if(typeof navigator<"u"&&navigator.platform){let t=navigator.platform.toLowerCase();return t==="win32"||t==="windows"}return typeof process<"u"&&process.platform?process.platform==="win32":!1};yt.removeBackslashes=t=>t.replace(mF,e=>e==="\\"?"":e);yt.escapeLast=(t,e,n)=>{let r=t.lastIndexOf(e,n);return r===-1?t:t[r-1]==="\\"?yt.escapeLast(t,e,r-1):`${t.slice(0,r)}\\${t.slice(r)}`};yt.removePrefix=(t,e={})=>{let n=t;return n.startsWith("./")&&(n=n.slice(2),e.prefix="./"),n};yt.wrapOutput=(t,e={},n={})=>{let r=n.contains?"":"^",i=n.contains?"":"$",o=`${r}(?:${t})${i}`;return e.negated===!0&&(o=`(?:^(?!${o}).*$)`),o};yt.basename=(t,{windows:e}={})=>{let n=t.split(e?/[\\/]/:"/"),r=n[n.length-1];return r===""?n[n.length-2]:r}});var rT=_((W6,nT)=>{"use strict";var JA=Zs(),{CHAR_ASTERISK:Uh,CHAR_AT:yF,CHAR_BACKWARD_SLASH:oo,CHAR_COMMA:bF,CHAR_DOT:Kh,CHAR_EXCLAMATION_MARK:zh,CHAR_FORWARD_SLASH:tT,CHAR_LEFT_CURLY_BRACE:Hh,CHAR_LEFT_PARENTHESES:tu,CHAR_LEFT_SQUARE_BRACKET:wF,CHAR_PLUS:kF,CHAR_QUESTION_MARK:XA,CHAR_RIGHT_CURLY_BRACE:vF,CHAR_RIGHT_PARENTHESES:QA,CHAR_RIGHT_SQUARE_BRACKET:_F}=Qs(),ZA=t=>t===tT||t===oo,eT=t=>{t.isPrefix!==!0&&(t.depth=t.isGlobstar?1/0:1)},SF=(t,e)=>{let n=e||{},r=t.length-1,i=n.parts===!0||n.tokens===!0||n.scanToEnd===!0,o=[],s=[],a=[],l=t,c=-1,u=0,d=0,f=!1,p=!1,h=!1,m=!1,g=!1,b=!1,y=!1,w=!1,k=!1,S=!1,$=0,P,T,N={value:"",depth:0,isGlob:!1},A=()=>c>=r,ce=()=>l.charCodeAt(c+1),G=()=>(P=T,l.charCodeAt(++c));for(;c<r;){T=G();let ue;if(T===oo){y=N.backslashes=!0,T=G(),T===Hh&&(b=!0);continue}if(b===!0||T===Hh){for($++;A()!==!0&&(T=G());){if(T===oo){y=N.backslashes=!0,G();continue}if(T===Hh){$++;continue}if(b!==!0&&T===Kh&&(T=G())===Kh){if(f=N.isBrace=!0,h=N.isGlob=!0,S=!0,i===!0)continue;break}if(b!==!0&&T===bF){if(f=N.isBrace=!0,h=N.isGlob=!0,S=!0,i===!0)continue;break}if(T===vF&&($--,$===0)){b=!1,f=N.isBrace=!0,S=!0;break}}if(i===!0)continue;break}if(T===tT){if(o.push(c),s.push(N),N={value:"",depth:0,isGlob:!1},S===!0)continue;if(P===Kh&&c===u+1){u+=2;continue}d=c+1;continue}if(n.noext!==!0&&(T===kF||T===yF||T===Uh||T===XA||T===zh)===!0&&ce()===tu){if(h=N.isGlob=!0,m=N.isExtglob=!0,S=!0,T===zh&&c===u&&(k=!0),i===!0){let K=0;for(;A()!==!0&&(T=G());){if(T===oo){y=N.backslashes=!0,G();continue}if(T===tu){K++;continue}if(T===QA&&--K===0){S=!0;break}}continue}break}if(T===Uh){if(P===Uh&&(g=N.isGlobstar=!0),h=N.isGlob=!0,S=!0,i===!0)continue;break}if(T===XA){if(h=N.isGlob=!0,S=!0,i===!0)continue;break}if(T===wF){for(;A()!==!0&&(ue=G());){if(ue===oo){y=N.backslashes=!0,G();continue}if(ue===_F){p=N.isBracket=!0,h=N.isGlob=!0,S=!0;break}}if(i===!0)continue;break}if(n.nonegate!==!0&&T===zh&&c===u){w=N.negated=!0,u++;continue}if(n.noparen!==!0&&T===tu){if(h=N.isGlob=!0,i===!0){let Xe=1;for(;A()!==!0&&(T=G());){if(T===oo){y=N.backslashes=!0,G();continue}if(T===tu){Xe++;continue}if(T===QA&&--Xe===0){S=!0;break}}continue}break}if(h===!0){if(S=!0,i===!0)continue;break}}n.noext===!0&&(m=!1,h=!1);let fe=l,C="",E="";u>0&&(C=l.slice(0,u),l=l.slice(u),d-=u),fe&&h===!0&&d>0?(fe=l.slice(0,d),E=l.slice(d)):h===!0?(fe="",E=l):fe=l,fe&&fe!==""&&fe!=="/"&&fe!==l&&ZA(fe.charCodeAt(fe.length-1))&&(fe=fe.slice(0,-1)),n.unescape===!0&&(E&&(E=JA.removeBackslashes(E)),fe&&y===!0&&(fe=JA.removeBackslashes(fe)));let lt={prefix:C,input:t,start:u,base:fe,glob:E,isBrace:f,isBracket:p,isGlob:h,isExtglob:m,isGlobstar:g,negated:w,negatedExtglob:k};if(n.tokens===!0&&(lt.maxDepth=0,ZA(T)||s.push(N),lt.tokens=s),n.parts===!0||n.tokens===!0){let ue;for(let ve=0;ve<o.length;ve++){let Sn=ue!==void 0?ue+1:u,_o=o[ve],vr=t.slice(Sn,_o);n.tokens&&(ve===0&&u!==0?(s[ve].isPrefix=!0,s[ve].value=C):s[ve].value=vr,eT(s[ve]),lt.maxDepth+=s[ve].depth),_o>=u&&(a.push(vr),ue=_o)}let Xe=ue!==void 0?ue+1:u,K=t.slice(Xe);a.push(K),n.tokens&&ue&&ue+1<t.length&&(s[s.length-1].value=K,eT(s[s.length-1]),lt.maxDepth+=s[s.length-1].depth),lt.slashes=o,lt.parts=a}return lt};nT.exports=SF});var aT=_((q6,sT)=>{"use strict";var ea=Qs(),Tt=Zs(),{MAX_LENGTH:nu,POSIX_REGEX_SOURCE:AF,REGEX_NON_SPECIAL_CHARS:TF,REGEX_SPECIAL_CHARS_BACKREF:CF,REPLACEMENTS:iT}=ea,EF=(t,e)=>{if(typeof e.expandRange=="function")return e.expandRange(...t,e);t.sort();let n=`[${t.join("-")}]`;try{new RegExp(n)}catch{return t.map(i=>Tt.escapeRegex(i)).join("..")}return n},so=(t,e)=>`Missing ${t}: "${e}" - use "\\\\${e}" to match literal characters`,oT=t=>{let e=[],n=0,r=0,i=0,o="",s=!1;for(let a of t){if(s===!0){o+=a,s=!1;continue}if(a==="\\"){o+=a,s=!0;continue}if(a==='"'){i=i===1?0:1,o+=a;continue}if(i===0){if(a==="[")n++;else if(a==="]"&&n>0)n--;else if(n===0){if(a==="(")r++;else if(a===")"&&r>0)r--;else if(a==="|"&&r===0){e.push(o),o="";continue}}}o+=a}return e.push(o),e},$F=t=>{let e=!1;for(let n of t){if(e===!0){e=!1;continue}if(n==="\\"){e=!0;continue}if(/[?*+@!()[\]{}]/.test(n))return!1}return!0},Jh=t=>{let e=t.trim(),n=!0;for(;n===!0;)n=!1,/^@\([^\\()[\]{}|]+\)$/.test(e)&&(e=e.slice(2,-1),n=!0);if($F(e))return e.replace(/\\(.)/g,"$1")},xF=t=>{let e=t.map(Jh).filter(Boolean);for(let n=0;n<e.length;n++)for(let r=n+1;r<e.length;r++){let i=e[n],o=e[r],s=i[0];if(!(!s||i!==s.repeat(i.length)||o!==s.repeat(o.length))&&(i===o||i.startsWith(o)||o.startsWith(i)))return!0}return!1},Yh=(t,e=!0)=>{if(t[0]!=="+"&&t[0]!=="*"||t[1]!=="(")return;let n=0,r=0,i=0,o=!1;for(let s=1;s<t.length;s++){let a=t[s];if(o===!0){o=!1;continue}if(a==="\\"){o=!0;continue}if(a==='"'){i=i===1?0:1;continue}if(i!==1){if(a==="["){n++;continue}if(a==="]"&&n>0){n--;continue}if(!(n>0)){if(a==="("){r++;continue}if(a===")"&&(r--,r===0))return e===!0&&s!==t.length-1?void 0:{type:t[0],body:t.slice(2,s),end:s}}}}},RF=t=>`${t.length===1?Tt.escapeRegex(t[0]):`[${t.map(n=>Tt.escapeRegex(n)).join("")}]`}*`,IF=t=>{let e=0,n=[];for(;e<t.length;){let r=Yh(t.slice(e),!1);if(!r||r.type!=="*")return;let i=oT(r.body).map(s=>s.trim());if(i.length!==1)return;let o=Jh(i[0]);if(!o||o.length!==1)return;n.push(o),e+=r.end+1}if(!(n.length<1))return n},OF=t=>{let e=0,n=t.trim(),r=Yh(n);for(;r;)e++,n=r.body.trim(),r=Yh(n);return e},PF=(t,e)=>{if(e.maxExtglobRecursion===!1)return{risky:!1};let n=typeof e.maxExtglobRecursion=="number"?e.maxExtglobRecursion:ea.DEFAULT_MAX_EXTGLOB_RECURSION,r=oT(t).map(a=>a.trim());if(r.length>1&&(r.some(a=>a==="")||r.some(a=>/^[*?]+$/.test(a))||xF(r)))return{risky:!0};let i=[],o=!1,s=!0;for(let a of r){let l=IF(a);if(l){o=!0,i.push(...l);continue}let c=Jh(a);if(c&&c.length===1){i.push(c);continue}if(s=!1,OF(a)>n)return{risky:!0}}return o?s?{risky:!0,safeOutput:RF([...new Set(i)])}:{risky:!0}:{risky:!1}},Xh=(t,e)=>{if(typeof t!="string")throw new TypeError("Expected a string");t=iT[t]||t;let n={...e},r=typeof n.maxLength=="number"?Math.min(nu,n.maxLength):nu,i=t.length;if(i>r)throw new SyntaxError(`Input length: ${i}, exceeds maximum allowed length: ${r}`);let o={type:"bos",value:"",output:n.prepend||""},s=[o],a=n.capture?"":"?:",l=ea.globChars(n.windows),c=ea.extglobChars(l),{DOT_LITERAL:u,PLUS_LITERAL:d,SLASH_LITERAL:f,ONE_CHAR:p,DOTS_SLASH:h,NO_DOT:m,NO_DOT_SLASH:g,NO_DOTS_SLASH:b,QMARK:y,QMARK_NO_DOT:w,STAR:k,START_ANCHOR:S}=l,$=I=>`(${a}(?:(?!${S}${I.dot?h:u}).)*?)`,P=n.dot?"":m,T=n.dot?y:w,N=n.bash===!0?$(n):k;n.capture&&(N=`(${N})`),typeof n.noext=="boolean"&&(n.noextglob=n.noext);let A={input:t,index:-1,start:0,dot:n.dot===!0,consumed:"",output:"",prefix:"",backtrack:!1,negated:!1,brackets:0,braces:0,parens:0,quotes:0,globstar:!1,tokens:s};t=Tt.removePrefix(t,A),i=t.length;let ce=[],G=[],fe=[],C=o,E,lt=()=>A.index===i-1,ue=A.peek=(I=1)=>t[A.index+I],Xe=A.advance=()=>t[++A.index]||"",K=()=>t.slice(A.index+1),ve=(I="",Ce=0)=>{A.consumed+=I,A.index+=Ce},Sn=I=>{A.output+=I.output!=null?I.output:I.value,ve(I.value)},_o=()=>{let I=1;for(;ue()==="!"&&(ue(2)!=="("||ue(3)==="?");)Xe(),A.start++,I++;return I%2===0?!1:(A.negated=!0,A.start++,!0)},vr=I=>{A[I]++,fe.push(I)},Un=I=>{A[I]--,fe.pop()},te=I=>{if(C.type==="globstar"){let Ce=A.braces>0&&(I.type==="comma"||I.type==="brace"),R=I.extglob===!0||ce.length&&(I.type==="pipe"||I.type==="paren");I.type!=="slash"&&I.type!=="paren"&&!Ce&&!R&&(A.output=A.output.slice(0,-C.output.length),C.type="star",C.value="*",C.output=N,A.output+=C.output)}if(ce.length&&I.type!=="paren"&&(ce[ce.length-1].inner+=I.value),(I.value||I.output)&&Sn(I),C&&C.type==="text"&&I.type==="text"){C.output=(C.output||C.value)+I.value,C.value+=I.value;return}I.prev=C,s.push(I),C=I},Sa=(I,Ce)=>{let R={...c[Ce],conditions:1,inner:""};R.prev=C,R.parens=A.parens,R.output=A.output,R.startIndex=A.index,R.tokensIndex=s.length;let ne=(n.capture?"(":"")+R.open;vr("parens"),te({type:I,value:Ce,output:A.output?"":p}),te({type:"paren",extglob:!0,value:Xe(),output:ne}),ce.push(R)},xE=I=>{let Ce=t.slice(I.startIndex,A.index+1),R=t.slice(I.startIndex+2,A.index),ne=PF(R,n);if((I.type==="plus"||I.type==="star")&&ne.risky){let we=ne.safeOutput?(I.output?"":p)+(n.capture?`(${ne.safeOutput})`:ne.safeOutput):void 0,rn=s[I.tokensIndex];rn.type="text",rn.value=Ce,rn.output=we||Tt.escapeRegex(Ce);for(let _r=I.tokensIndex+1;_r<s.length;_r++)s[_r].value="",s[_r].output="",delete s[_r].suffix;A.output=I.output+rn.output,A.backtrack=!0,te({type:"paren",extglob:!0,value:E,output:""}),Un("parens");return}let _e=I.close+(n.capture?")":""),Fe;if(I.type==="negate"){let we=N;if(I.inner&&I.inner.length>1&&I.inner.includes("/")&&(we=$(n)),(we!==N||lt()||/^\)+$/.test(K()))&&(_e=I.close=`)$))${we}`),I.inner.includes("*")&&(Fe=K())&&/^\.[^\\/.]+$/.test(Fe)){let rn=Xh(Fe,{...e,fastpaths:!1}).output;_e=I.close=`)${rn})${we})`}I.prev.type==="bos"&&(A.negatedExtglob=!0)}te({type:"paren",extglob:!0,value:E,output:_e}),Un("parens")};if(n.fastpaths!==!1&&!/(^[*!]|[/()[\]{}"])/.test(t)){let I=!1,Ce=t.replace(CF,(R,ne,_e,Fe,we,rn)=>Fe==="\\"?(I=!0,R):Fe==="?"?ne?ne+Fe+(we?y.repeat(we.length):""):rn===0?T+(we?y.repeat(we.length):""):y.repeat(_e.length):Fe==="."?u.repeat(_e.length):Fe==="*"?ne?ne+Fe+(we?N:""):N:ne?R:`\\${R}`);return I===!0&&(n.unescape===!0?Ce=Ce.replace(/\\/g,""):Ce=Ce.replace(/\\+/g,R=>R.length%2===0?"\\\\":R?"\\":"")),Ce===t&&n.contains===!0?(A.output=t,A):(A.output=Tt.wrapOutput(Ce,A,e),A)}for(;!lt();){if(E=Xe(),E==="\0")continue;if(E==="\\"){let R=ue();if(R==="/"&&n.bash!==!0||R==="."||R===";")continue;if(!R){E+="\\",te({type:"text",value:E});continue}let ne=/^\\+/.exec(K()),_e=0;if(ne&&ne[0].length>2&&(_e=ne[0].length,A.index+=_e,_e%2!==0&&(E+="\\")),n.unescape===!0?E=Xe():E+=Xe(),A.brackets===0){te({type:"text",value:E});continue}}if(A.brackets>0&&(E!=="]"||C.value==="["||C.value==="[^")){if(n.posix!==!1&&E===":"){let R=C.value.slice(1);if(R.includes("[")&&(C.posix=!0,R.includes(":"))){let ne=C.value.lastIndexOf("["),_e=C.value.slice(0,ne),Fe=C.value.slice(ne+2),we=AF[Fe];if(we){C.value=_e+we,A.backtrack=!0,Xe(),!o.output&&s.indexOf(C)===1&&(o.output=p);continue}}}(E==="["&&ue()!==":"||E==="-"&&ue()==="]")&&(E=`\\${E}`),E==="]"&&(C.value==="["||C.value==="[^")&&(E=`\\${E}`),n.posix===!0&&E==="!"&&C.value==="["&&(E="^"),C.value+=E,Sn({value:E});continue}if(A.quotes===1&&E!=='"'){E=Tt.escapeRegex(E),C.value+=E,Sn({value:E});continue}if(E==='"'){A.quotes=A.quotes===1?0:1,n.keepQuotes===!0&&te({type:"text",value:E});continue}if(E==="("){vr("parens"),te({type:"paren",value:E});continue}if(E===")"){if(A.parens===0&&n.strictBrackets===!0)throw new SyntaxError(so("opening","("));let R=ce[ce.length-1];if(R&&A.parens===R.parens+1){xE(ce.pop());continue}te({type:"paren",value:E,output:A.parens?")":"\\)"}),Un("parens");continue}if(E==="["){if(n.nobracket===!0||!K().includes("]")){if(n.nobracket!==!0&&n.strictBrackets===!0)throw new SyntaxError(so("closing","]"));E=`\\${E}`}else vr("brackets");te({type:"bracket",value:E});continue}if(E==="]"){if(n.nobracket===!0||C&&C.type==="bracket"&&C.value.length===1){te({type:"text",value:E,output:`\\${E}`});continue}if(A.brackets===0){if(n.strictBrackets===!0)throw new SyntaxError(so("opening","["));te({type:"text",value:E,output:`\\${E}`});continue}Un("brackets");let R=C.value.slice(1);if(C.posix!==!0&&R[0]==="^"&&!R.includes("/")&&(E=`/${E}`),C.value+=E,Sn({value:E}),n.literalBrackets===!1||Tt.hasRegexChars(R))continue;let ne=Tt.escapeRegex(C.value);if(A.output=A.output.slice(0,-C.value.length),n.literalBrackets===!0){A.output+=ne,C.value=ne;continue}C.value=`(${a}${ne}|${C.value})`,A.output+=C.value;continue}if(E==="{"&&n.nobrace!==!0){vr("braces");let R={type:"brace",value:E,output:"(",outputIndex:A.output.length,tokensIndex:A.tokens.length};G.push(R),te(R);continue}if(E==="}"){let R=G[G.length-1];if(n.nobrace===!0||!R){te({type:"text",value:E,output:E});continue}let ne=")";if(R.dots===!0){let _e=s.slice(),Fe=[];for(let we=_e.length-1;we>=0&&(s.pop(),_e[we].type!=="brace");we--)_e[we].type!=="dots"&&Fe.unshift(_e[we].value);ne=EF(Fe,n),A.backtrack=!0}if(R.comma!==!0&&R.dots!==!0){let _e=A.output.slice(0,R.outputIndex),Fe=A.tokens.slice(R.tokensIndex);R.value=R.output="\\{",E=ne="\\}",A.output=_e;for(let we of Fe)A.output+=we.output||we.value}te({type:"brace",value:E,output:ne}),Un("braces"),G.pop();continue}if(E==="|"){ce.length>0&&ce[ce.length-1].conditions++,te({type:"text",value:E});continue}if(E===","){let R=E,ne=G[G.length-1];ne&&fe[fe.length-1]==="braces"&&(ne.comma=!0,R="|"),te({type:"comma",value:E,output:R});continue}if(E==="/"){if(C.type==="dot"&&A.index===A.start+1){A.start=A.index+1,A.consumed="",A.output="",s.pop(),C=o;continue}te({type:"slash",value:E,output:f});continue}if(E==="."){if(A.braces>0&&C.type==="dot"){C.value==="."&&(C.output=u);let R=G[G.length-1];C.type="dots",C.output+=E,C.value+=E,R.dots=!0;continue}if(A.braces+A.parens===0&&C.type!=="bos"&&C.type!=="slash"){te({type:"text",value:E,output:u});continue}te({type:"dot",value:E,output:u});continue}if(E==="?"){if(!(C&&C.value==="(")&&n.noextglob!==!0&&ue()==="("&&ue(2)!=="?"){Sa("qmark",E);continue}if(C&&C.type==="paren"){let ne=ue(),_e=E;(C.value==="("&&!/[!=<:]/.test(ne)||ne==="<"&&!/<([!=]|\w+>)/.test(K()))&&(_e=`\\${E}`),te({type:"text",value:E,output:_e});continue}if(n.dot!==!0&&(C.type==="slash"||C.type==="bos")){te({type:"qmark",value:E,output:w});continue}te({type:"qmark",value:E,output:y});continue}if(E==="!"){if(n.noextglob!==!0&&ue()==="("&&(ue(2)!=="?"||!/[!=<:]/.test(ue(3)))){Sa("negate",E);continue}if(n.nonegate!==!0&&A.index===0){_o();continue}}if(E==="+"){if(n.noextglob!==!0&&ue()==="("&&ue(2)!=="?"){Sa("plus",E);continue}if(C&&C.value==="("||n.regex===!1){te({type:"plus",value:E,output:d});continue}if(C&&(C.type==="bracket"||C.type==="paren"||C.type==="brace")||A.parens>0){te({type:"plus",value:E});continue}te({type:"plus",value:d});continue}if(E==="@"){if(n.noextglob!==!0&&ue()==="("&&ue(2)!=="?"){te({type:"at",extglob:!0,value:E,output:""});continue}te({type:"text",value:E});continue}if(E!=="*"){(E==="$"||E==="^")&&(E=`\\${E}`);let R=TF.exec(K());R&&(E+=R[0],A.index+=R[0].length),te({type:"text",value:E});continue}if(C&&(C.type==="globstar"||C.star===!0)){C.type="star",C.star=!0,C.value+=E,C.output=N,A.backtrack=!0,A.globstar=!0,ve(E);continue}let I=K();if(n.noextglob!==!0&&/^\([^?]/.test(I)){Sa("star",E);continue}if(C.type==="star"){if(n.noglobstar===!0){ve(E);continue}let R=C.prev,ne=R.prev,_e=R.type==="slash"||R.type==="bos",Fe=ne&&(ne.type==="star"||ne.type==="globstar");if(n.bash===!0&&(!_e||I[0]&&I[0]!=="/")){te({type:"star",value:E,output:""});continue}let we=A.braces>0&&(R.type==="comma"||R.type==="brace"),rn=ce.length&&(R.type==="pipe"||R.type==="paren");if(!_e&&R.type!=="paren"&&!we&&!rn){te({type:"star",value:E,output:""});continue}for(;I.slice(0,3)==="/**";){let hi=t[A.index+4];if(hi&&hi!=="/")break;I=I.slice(3),ve("/**",3)}let _r=lt()||A.parens>0&&I===")".repeat(A.parens)&&!ce.some(hi=>hi.type==="negate");if(R.type==="bos"&&lt()){C.type="globstar",C.value+=E,C.output=$(n),A.output=C.output,A.globstar=!0,ve(E);continue}if(R.type==="slash"&&R.prev.type!=="bos"&&!Fe&&_r){A.output=A.output.slice(0,-(R.output+C.output).length),R.output=`(?:${R.output}`,C.type="globstar",C.output=$(n)+(n.strictSlashes?")":"|$)"),C.value+=E,A.globstar=!0,A.output+=R.output+C.output,ve(E);continue}if(R.type==="slash"&&R.prev.type!=="bos"&&I[0]==="/"){let hi=I[1]!==void 0?"|$":"";A.output=A.output.slice(0,-(R.output+C.output).length),R.output=`(?:${R.output}`,C.type="globstar",C.output=`${$(n)}${f}|${f}${hi})`,C.value+=E,A.output+=R.output+C.output,A.globstar=!0,ve(E+Xe()),te({type:"slash",value:"/",output:""});continue}if(R.type==="bos"&&I[0]==="/"){C.type="globstar",C.value+=E,C.output=`(?:^|${f}|${$(n)}${f})`,A.output=C.output,A.globstar=!0,ve(E+Xe()),te({type:"slash",value:"/",output:""});continue}A.output=A.output.slice(0,-C.output.length),C.type="globstar",C.output=$(n),C.value+=E,A.output+=C.output,A.globstar=!0,ve(E);continue}let Ce={type:"star",value:E,output:N};if(n.bash===!0){Ce.output=".*?",(C.type==="bos"||C.type==="slash")&&(Ce.output=P+Ce.output),te(Ce);continue}if(C&&(C.type==="bracket"||C.type==="paren")&&n.regex===!0){Ce.output=E,te(Ce);continue}(A.index===A.start||C.type==="slash"||C.type==="dot")&&(C.type==="dot"?(A.output+=g,C.output+=g):n.dot===!0?(A.output+=b,C.output+=b):(A.output+=P,C.output+=P),ue()!=="*"&&(A.output+=p,C.output+=p)),te(Ce)}for(;A.brackets>0;){if(n.strictBrackets===!0)throw new SyntaxError(so("closing","]"));A.output=Tt.escapeLast(A.output,"["),Un("brackets")}for(;A.parens>0;){if(n.strictBrackets===!0)throw new SyntaxError(so("closing",")"));A.output=Tt.escapeLast(A.output,"("),Un("parens")}for(;A.braces>0;){if(n.strictBrackets===!0)throw new SyntaxError(so("closing","}"));A.output=Tt.escapeLast(A.output,"{"),Un("braces")}if(n.strictSlashes!==!0&&(C.type==="star"||C.type==="bracket")&&te({type:"maybe_slash",value:"",output:`${f}?`}),A.backtrack===!0){A.output="";for(let I of A.tokens)A.output+=I.output!=null?I.output:I.value,I.suffix&&(A.output+=I.suffix)}return A};Xh.fastpaths=(t,e)=>{let n={...e},r=typeof n.maxLength=="number"?Math.min(nu,n.maxLength):nu,i=t.length;if(i>r)throw new SyntaxError(`Input length: ${i}, exceeds maximum allowed length: ${r}`);t=iT[t]||t;let{DOT_LITERAL:o,SLASH_LITERAL:s,ONE_CHAR:a,DOTS_SLASH:l,NO_DOT:c,NO_DOTS:u,NO_DOTS_SLASH:d,STAR:f,START_ANCHOR:p}=ea.globChars(n.windows),h=n.dot?u:c,m=n.dot?d:c,g=n.capture?"":"?:",b={negated:!1,prefix:""},y=n.bash===!0?".*?":f;n.capture&&(y=`(${y})`);let w=P=>P.noglobstar===!0?y:`(${g}(?:(?!${p}${P.dot?l:o}).)*?)`,k=P=>{switch(P){case"*":return`${h}${a}${y}`;case".*":return`${o}${a}${y}`;case"*.*":return`${h}${y}${o}${a}${y}`;case"*/*":return`${h}${y}${s}${a}${m}${y}`;case"**":return h+w(n);case"**/*":return`(?:${h}${w(n)}${s})?${m}${a}${y}`;case"**/*.*":return`(?:${h}${w(n)}${s})?${m}${y}${o}${a}${y}`;case"**/.*":return`(?:${h}${w(n)}${s})?${o}${a}${y}`;default:{let T=/^(.*?)\.(\w+)$/.exec(P);if(!T)return;let N=k(T[1]);return N?N+o+T[2]:void 0}}},S=Tt.removePrefix(t,b),$=k(S);return $&&n.strictSlashes!==!0&&($+=`${s}?`),$};sT.exports=Xh});var uT=_((G6,cT)=>{"use strict";var NF=rT(),Qh=aT(),lT=Zs(),LF=Qs(),DF=t=>t&&typeof t=="object"&&!Array.isArray(t),De=(t,e,n=!1)=>{if(Array.isArray(t)){let u=t.map(f=>De(f,e,n));return f=>{for(let p of u){let h=p(f);if(h)return h}return!1}}let r=DF(t)&&t.tokens&&t.input;if(t===""||typeof t!="string"&&!r)throw new TypeError("Expected pattern to be a non-empty string");let i=e||{},o=i.windows,s=r?De.compileRe(t,e):De.makeRe(t,e,!1,!0),a=s.state;delete s.state;let l=()=>!1;if(i.ignore){let u={...e,ignore:null,onMatch:null,onResult:null};l=De(i.ignore,u,n)}let c=(u,d=!1)=>{let{isMatch:f,match:p,output:h}=De.test(u,s,e,{glob:t,posix:o}),m={glob:t,state:a,regex:s,posix:o,input:u,output:h,match:p,isMatch:f};return typeof i.onResult=="function"&&i.onResult(m),f===!1?(m.isMatch=!1,d?m:!1):l(u)?(typeof i.onIgnore=="function"&&i.onIgnore(m),m.isMatch=!1,d?m:!1):(typeof i.onMatch=="function"&&i.onMatch(m),d?m:!0)};return n&&(c.state=a),c};De.test=(t,e,n,{glob:r,posix:i}={})=>{if(typeof t!="string")throw new TypeError("Expected input to be a string");if(t==="")return{isMatch:!1,output:""};let o=n||{},s=o.format||(i?lT.toPosixSlashes:null),a=t===r,l=a&&s?s(t):t;return a===!1&&(l=s?s(t):t,a=l===r),(a===!1||o.capture===!0)&&(o.matchBase===!0||o.basename===!0?a=De.matchBase(t,e,n,i):a=e.exec(l)),{isMatch:!!a,match:a,output:l}};De.matchBase=(t,e,n,r=n&&n.windows)=>(e instanceof RegExp?e:De.makeRe(e,n)).test(lT.basename(t,{windows:r}));De.isMatch=(t,e,n)=>De(e,n)(t);De.parse=(t,e)=>Array.isArray(t)?t.map(n=>De.parse(n,e)):Qh(t,{...e,fastpaths:!1});De.scan=(t,e)=>NF(t,e);De.compileRe=(t,e,n=!1,r=!1)=>{if(n===!0)return t.output;let i=e||{},o=i.contains?"":"^",s=i.contains?"":"$",a=`${o}(?:${t.output})${s}`;t&&t.negated===!0&&(a=`^(?!${a}).*$`);let l=De.toRegex(a,e);return r===!0&&(l.state=t),l};De.makeRe=(t,e={},n=!1,r=!1)=>{if(!t||typeof t!="string")throw new TypeError("Expected a non-empty string");let i={negated:!1,fastpaths:!0};return e.fastpaths!==!1&&(t[0]==="."||t[0]==="*")&&(i.output=Qh.fastpaths(t,e)),i.output||(i=Qh(t,e)),De.compileRe(i,e,n,r)};De.toRegex=(t,e)=>{try{let n=e||{};return new RegExp(t,n.flags||(n.nocase?"i":""))}catch(n){if(e&&e.debug===!0)throw n;return/$^/}};De.constants=LF;cT.exports=De});var Zh=_((B6,pT)=>{"use strict";var dT=uT(),MF=Zs();function fT(t,e,n=!1){return e&&(e.windows===null||e.windows===void 0)&&(e={...e,windows:MF.isWindows()}),dT(t,e,n)}Object.assign(fT,dT);pT.exports=fT});import{setFlagsFromString as RE}from"node:v8";var ry="--heap-growing-percent";function UG(t=process.execArgv){t.some(e=>e.startsWith(ry))||RE(`${ry}=25`)}var gy=Kn(hy(),1),{program:eB,createCommand:tB,createArgument:nB,createOption:rB,CommanderError:yy,InvalidArgumentError:iB,InvalidOptionArgumentError:oB,Command:by,Argument:sB,Option:pd,Help:aB}=gy.default;var xa={minRetentionDays:365,requireTrail:!1,organization:!1,sensitiveBuckets:{tags:null,names:[]},monitoring:["cloudtrail-changes"]};function Ra(t){return{file:null,dir:t,levels:new Map,settings:xa,ignorePaths:[],suppressions:[]}}var Cn=class extends Error{};var B=class extends Error{};import{readFileSync as Gu,statSync as zC}from"node:fs";import{stat as UC}from"node:fs/promises";import ui from"node:path";function Co(t){return"type"in t&&"address"in t&&"source"in t}function md(t){return Co(t)||"kind"in t?t.loc:t}function xt(t,e,n){e.kind==="unknown"?t.review(e,{messageId:n.unknown,data:n.data,entity:n.entity}):e.value||t.report({messageId:n.off,data:n.data,at:e,entity:n.entity,fix:{value:!0},...n.key?{key:n.key}:{}})}var $o=["equals","startsWith","endsWith"],Oa=["notEquals","notStartsWith","notEndsWith"],Tr="eventCategory",Ar="readOnly",Sr="resources.type",Eo="resources.ARN",wy="eventSource";function gd(t,e,n){switch(t){case"equals":case"notEquals":return n===e;case"startsWith":case"notStartsWith":return n.startsWith(e);case"endsWith":case"notEndsWith":return n.endsWith(e)}}function KE(t){return t.replace(/^arn:aws-[a-z0-9-]+(?=:|$)/,"arn:aws")}function zE(t){return t===Ar?e=>e.toLowerCase():t===Eo?KE:e=>e}function hd(t,e,n){if(t==null)return;if(x(t))return{known:[],unknown:!0};let r=zE(e),i=Array.isArray(t)?t:[t];if(i.length===0&&n.emptyIsAbsent)return;let o=[],s=!1;for(let a of i)if(typeof a=="string")o.push(r(a));else if(typeof a=="boolean"||typeof a=="number")o.push(r(String(a)));else{if(a===null)continue;s=!0}return{known:o,unknown:s}}function ky(t){return typeof t!="object"||t===null||Array.isArray(t)||x(t)?null:t}var Ia={known:[],unknown:!0};function En(t,e){let n={};for(let[r,i]of Object.entries(e))i!==void 0&&(n[r]=i);return{field:t,operands:n}}function HE(t){let e=ky(t);if(e===null)return{field:null,operands:{}};let n=typeof e.field=="string"?e.field:null,r={};for(let i of[...$o,...Oa]){let o=hd(e[i],n,{emptyIsAbsent:!0});o!==void 0&&(r[i]=o)}return{field:n,operands:r}}function vy(t){let e=t.fieldSelectors;return Array.isArray(e)?e.map(HE):"unknown"}function _y(t,e){if(t==null)return e;if(typeof t=="boolean")return t;if(typeof t=="string"){let n=t.toLowerCase();if(n==="true")return!0;if(n==="false")return!1}return"unknown"}function Sy(t){return t==null||t==="All"?null:t==="ReadOnly"?En(Ar,{equals:{known:["true"],unknown:!1}}):t==="WriteOnly"?En(Ar,{equals:{known:["false"],unknown:!1}}):En(Ar,{equals:Ia})}function Ay(t){let e=_y(t.includeManagementEvents,!0);if(e===!1)return null;let n=e===!0?{known:["Management"],unknown:!1}:Ia,r=Sy(t.readWriteType);return[En(Tr,{equals:n}),...r===null?[]:[r]]}function YE(t){return/^arn:aws:s3:::[^/]+$/.test(t)?`${t}/`:t}function Ty(t){let e=Sy(t.readWriteType),n=[En(Tr,{equals:{known:["Data"],unknown:!1}}),...e===null?[]:[e]],r=t.dataResources;return r==null?[]:Array.isArray(r)?r.map(i=>{let o=ky(i);if(o===null)return[...n,En(Sr,{equals:Ia})];let s=hd(o.type,Sr,{emptyIsAbsent:!1}),a=hd(o.values,Eo,{emptyIsAbsent:!1})??{known:[],unknown:!1},l={known:a.known.map(YE),unknown:a.unknown},c=s===void 0?[]:[En(Sr,{equals:s})];return[...n,...c,En(Eo,{startsWith:l})]}):[[...n,En(Sr,{equals:Ia})]]}function Cr(...t){return t.includes("yes")?"yes":t.includes("unknown")?"unknown":"no"}function $n(...t){return t.includes("no")?"no":t.includes("unknown")?"unknown":"yes"}var JE=2e5;function Ey(t,e,n){let r=!1,i="no";for(let s of $o){let a=t.operands[s];a!==void 0&&(r=!0,a.known.some(l=>gd(s,l,e))?i="yes":a.unknown&&i==="no"&&(i="unknown"))}if(r||(i="yes"),i==="no"||n)return i;let o=!1;for(let s of Oa){let a=t.operands[s];if(a!==void 0){if(a.known.some(l=>gd(s,l,e)))return"no";a.unknown&&(o=!0)}}return o?"unknown":i}function XE(t,e,n){if(t==="unknown")return"unknown";let r=n.required.every(i=>t.some(o=>o.field===i))?"yes":"unknown";for(let i of t){if(i.field===null){r=$n(r,"unknown");continue}let o=e.get(i.field);if(o===void 0)throw new Error(`no value for field ${i.field}`);let s=n.exclusionsAllowed&&!n.fixed.has(i.field);if(r=$n(r,Ey(i,o,s)),r==="no")return"no"}return r}var QE={equals:"equal",notEquals:"equal",startsWith:"prefix",notStartsWith:"prefix",endsWith:"suffix",notEndsWith:"suffix"};function ZE(t,e,n){let r={equal:new Set,prefixes:new Set,suffixes:new Set};for(let i of t)if(i!=="unknown")for(let o of i){if(o.field!==e)continue;let s=n.exclusionsAllowed&&!n.fixed.has(e);for(let a of s?$o:[...$o,...Oa]){let l=o.operands[a];if(l===void 0)continue;let c=QE[a],u=c==="equal"?r.equal:c==="prefix"?r.prefixes:r.suffixes;for(let d of l.known)u.add(d)}}return r}function e$(t){let e=new Set;for(let n of t)for(let r of n)e.add(r);for(let n=1;;n++){let r=String.fromCharCode(n);if(!e.has(r))return r}}function t$(t,e){let n=new Set([e,...[...t.prefixes].filter(s=>s.startsWith(e))]),r=new Set(["",...t.suffixes]),i=e$([e,...t.equal,...t.prefixes,...t.suffixes]),o=new Set([...t.equal].filter(s=>s.startsWith(e)&&s.length>e.length));for(let s of n)for(let a of r)o.add(s+i+a);return[...o].sort()}function n$(t){let e=new Set;for(let n of t)if(n!=="unknown")for(let r of n)r.field!==null&&e.add(r.field);return[...e].sort()}function Cy(t,e){let n=n$(t).filter(l=>!e.fixed.has(l)),r=n.map(l=>t$(ZE(t,l,e),e.prefixed.get(l)??"")),i=t.length;for(let l of r)i*=l.length;if(i>JE)return"too-big";let o=new Map(e.fixed),s="yes",a=r.map(()=>0);for(;;){n.forEach((u,d)=>o.set(u,r[d][a[d]]));let l="no";for(let u of t){let d=XE(u,o,e);if(d==="yes"){l="yes";break}d==="unknown"&&(l="unknown")}if(l==="no")return"no";l==="unknown"&&(s="unknown");let c=0;for(;c<a.length&&++a[c]===r[c].length;)a[c++]=0;if(c===a.length)return s}}function xo(t,e){if(t.length===0)return"no";let n=Cy(t,e);if(n!=="too-big")return n;for(let r of t)if(Cy([r],e)==="yes")return"yes";return"unknown"}function Ry(t,e){return t.kind==="none"||t.selectors.length===0?null:t.kind==="basic"?t.selectors.flatMap(e):t.selectors.map(vy)}function $y(t){return{fixed:new Map([[Tr,"Management"],[Ar,t]]),prefixed:new Map,required:[Tr],exclusionsAllowed:!0}}function Pa(t){let e=Ry(t,n=>{let r=Ay(n);return r===null?[]:[r]});return e===null?{read:"yes",write:"yes"}:{read:xo(e,$y("true")),write:xo(e,$y("false"))}}function xy(t,e){return{fixed:new Map([[Tr,"Data"],[Sr,"AWS::S3::Object"],[Ar,e],[wy,"s3.amazonaws.com"]]),prefixed:new Map([[Eo,`arn:aws:s3:::${t}/`]]),required:[Tr,Sr],exclusionsAllowed:!1}}function Iy(t,e){let n=Ry(t,Ty);return n===null?{read:"no",write:"no"}:{read:xo(n,xy(e,"true")),write:xo(n,xy(e,"false"))}}function Oy(t){return{read:Cr(...t.map(e=>e.read)),write:Cr(...t.map(e=>e.write))}}var Py={TG001:{cis:["3.1"],securityHub:["CloudTrail.1","CloudTrail.3"],checkov:[],trivy:[],prowler:["cloudtrail_multi_region_enabled","cloudtrail_multi_region_enabled_logging_management_events"],securitySeverity:9},TG002:{cis:["3.1"],securityHub:["CloudTrail.1"],checkov:["CKV_AWS_67"],trivy:["AVD-AWS-0014"],prowler:["cloudtrail_multi_region_enabled"],securitySeverity:7.5},TG003:{cis:["3.2"],securityHub:["CloudTrail.4"],checkov:["CKV_AWS_36"],trivy:["AVD-AWS-0016"],prowler:["cloudtrail_log_file_validation_enabled"],securitySeverity:7.5},TG004:{cis:[],securityHub:[],checkov:["CKV_AWS_251"],trivy:[],prowler:[],securitySeverity:8.5},TG005:{cis:[],securityHub:["CloudTrail.5"],checkov:["CKV2_AWS_10"],trivy:["AVD-AWS-0162"],prowler:["cloudtrail_cloudwatch_logging_enabled"],securitySeverity:5.5},TG006:{cis:["3.8","3.9"],securityHub:["S3.22","S3.23"],checkov:[],trivy:["AVD-AWS-0171","AVD-AWS-0172"],prowler:["cloudtrail_s3_dataevents_read_enabled","cloudtrail_s3_dataevents_write_enabled"],securitySeverity:7},TG007:{cis:["2.1.2"],securityHub:["S3.20"],checkov:[],trivy:["AVD-AWS-0170"],prowler:["cloudtrail_bucket_requires_mfa_delete"],securitySeverity:8},TG008:{cis:["2.1.4"],securityHub:["CloudTrail.6","S3.1","S3.8"],checkov:["CKV_AWS_53","CKV_AWS_54","CKV_AWS_55","CKV_AWS_56","CKV_AWS_20","CKV_AWS_57","CKV_AWS_70"],trivy:["AVD-AWS-0161"],prowler:["cloudtrail_logs_s3_bucket_is_not_publicly_accessible"],securitySeverity:9},TG009:{cis:[],securityHub:[],checkov:[],trivy:[],prowler:[],securitySeverity:5},TG010:{cis:["4.3"],securityHub:["CloudWatch.1"],checkov:[],trivy:["AVD-AWS-0149"],prowler:["cloudwatch_log_metric_filter_root_usage"],securitySeverity:5.5},TG011:{cis:["3.5"],securityHub:["CloudTrail.2"],checkov:["CKV_AWS_35","CKV_AWS_293"],trivy:["AVD-AWS-0015"],prowler:["cloudtrail_kms_encryption_enabled"],securitySeverity:5},TG012:{cis:[],securityHub:[],checkov:[],trivy:[],prowler:["cloudtrail_insights_exist"],securitySeverity:2},TG013:{cis:["3.1"],securityHub:["CloudTrail.1"],checkov:[],trivy:[],prowler:["cloudtrail_multi_region_enabled_logging_management_events"],securitySeverity:6},TG014:{cis:[],securityHub:[],checkov:[],trivy:[],prowler:[],securitySeverity:5.5},TG015:{cis:["3.4"],securityHub:["CloudTrail.7"],checkov:["CKV_AWS_18"],trivy:["AVD-AWS-0163"],prowler:["cloudtrail_logs_s3_bucket_access_logging_enabled"],securitySeverity:4.5},TG016:{cis:[],securityHub:[],checkov:[],trivy:[],prowler:[],securitySeverity:8},TG017:{cis:[],securityHub:[],checkov:[],trivy:[],prowler:[],securitySeverity:5.5},TG018:{cis:[],securityHub:[],checkov:[],trivy:[],prowler:[],securitySeverity:8},TG019:{cis:["4.1","4.2","4.4","4.5","4.6","4.7","4.8","4.9","4.10","4.11","4.12","4.13","4.14","4.15"],securityHub:["CloudWatch.2","CloudWatch.3","CloudWatch.4","CloudWatch.5","CloudWatch.6","CloudWatch.7","CloudWatch.8","CloudWatch.9","CloudWatch.10","CloudWatch.11","CloudWatch.12","CloudWatch.13","CloudWatch.14"],checkov:[],trivy:["AVD-AWS-0147","AVD-AWS-0148","AVD-AWS-0150","AVD-AWS-0151","AVD-AWS-0152","AVD-AWS-0153","AVD-AWS-0154","AVD-AWS-0155","AVD-AWS-0156","AVD-AWS-0157","AVD-AWS-0158","AVD-AWS-0159","AVD-AWS-0160","AVD-AWS-0174"],prowler:["cloudwatch_log_metric_filter_unauthorized_api_calls","cloudwatch_log_metric_filter_sign_in_without_mfa","cloudwatch_log_metric_filter_policy_changes","cloudwatch_log_metric_filter_and_alarm_for_cloudtrail_configuration_changes_enabled","cloudwatch_log_metric_filter_authentication_failures","cloudwatch_log_metric_filter_disable_or_scheduled_deletion_of_kms_cmk","cloudwatch_log_metric_filter_for_s3_bucket_policy_changes","cloudwatch_log_metric_filter_and_alarm_for_aws_config_configuration_changes_enabled","cloudwatch_log_metric_filter_security_group_changes","cloudwatch_changes_to_network_acls_alarm_configured","cloudwatch_changes_to_network_gateways_alarm_configured","cloudwatch_changes_to_network_route_tables_alarm_configured","cloudwatch_changes_to_vpcs_alarm_configured","cloudwatch_log_metric_filter_aws_organizations_changes"],securitySeverity:5},TG020:{cis:[],securityHub:[],checkov:[],trivy:[],prowler:[],securitySeverity:8},TG021:{cis:["3.6"],securityHub:["KMS.4"],checkov:["CKV_AWS_7"],trivy:["AVD-AWS-0065"],prowler:["kms_cmk_rotation_enabled"],securitySeverity:4.5},TG022:{cis:[],securityHub:[],checkov:[],trivy:[],prowler:[],securitySeverity:8},TG023:{cis:[],securityHub:[],checkov:[],trivy:[],prowler:[],securitySeverity:9},TG024:{cis:[],securityHub:[],checkov:[],trivy:[],prowler:[],securitySeverity:8.5},TG025:{cis:[],securityHub:[],checkov:[],trivy:[],prowler:[],securitySeverity:9},TG026:{cis:[],securityHub:[],checkov:[],trivy:[],prowler:[],securitySeverity:5},TG027:{cis:[],securityHub:[],checkov:[],trivy:[],prowler:[],securitySeverity:8}};function F(t){let e=Py[t];return{securitySeverity:e.securitySeverity,controls:{cis:e.cis,securityHub:e.securityHub},equivalents:{checkov:e.checkov,trivy:e.trivy,prowler:e.prowler}}}var Ny=`# TG001 no-account-trail
This rule asks whether the account keeps a lasting, account-wide record of what is done in it: at least one trail that covers every Region, is switched on, and records both read and write management events, or a CloudTrail Lake event data store that does the same. A live scan answers the question for the account itself. An IaC scan cannot see the account, so it only answers when the repository says it is the one that must create the account's trail.

## Why it matters
Without a trail, the only record left is CloudTrail Event history: management events of the last 90 days, kept per Region, with no data events, no delivery to storage you control and nothing to alert on. Whatever an intruder did more than 90 days ago leaves no trace at all, and activity in a Region you never use goes unnoticed because nobody opens the console there. Auditors treat an all-Region trail as the base of every other logging control (CIS 3.1, Security Hub CloudTrail.1): encryption, validation, alarms and retention all assume the trail exists. A trail created from the console is multi-Region by default, but one created through the API, the CLI, Terraform or CloudFormation is single-Region unless you say otherwise, which is how accounts built as code often end up without one.

## What fails
- Live: the account has no trail that is multi-Region, is logging (\`GetTrailStatus.IsLogging\` true) and records read and write management events, and no event data store that is multi-Region, enabled (ingesting) and records read and write management events. The result is reported once for the account, at \`arn:PARTITION:iam::ACCOUNT:root\`.
- Any single compliant trail or event data store is enough. An organization trail from the management account counts for every member account, and a multi-Region trail counts for every Region whatever its home Region.
- A stopped or single-Region secondary trail never causes TG001; it gets its own results (TG002, TG004, ...) instead.
- IaC: the rule runs only when \`.trailguard.yml\` sets \`requireTrail: true\` (the default is \`false\`). It fails when no trail or event data store in the scanned files qualifies, and the result points at the \`requireTrail\` key of that configuration file.
- Defaults count: an absent \`is_multi_region_trail\` / \`IsMultiRegionTrail\` is false, an absent \`enable_logging\` is true, and a trail with no event selectors records all read and write management events.
- Unknown is not bad: when the only candidate trail has a flag or selector that cannot be resolved (a variable with no value, a module output, \`!ImportValue\`), nothing fails; with \`--strict\` a \`review\` result is produced. Live, trails or trail status that cannot be read give an \`access-denied\` notification, never a finding.

## How to fix
Create one trail that covers all Regions and leave its management events at their default (all reads and writes). If you use AWS Organizations, prefer an organization trail from the management account (see TG017). In the repository that is meant to create the account's trail, set \`requireTrail: true\` in \`.trailguard.yml\` so that a later change removing the trail, or making it single-Region, is reported; leave it at \`false\` in repositories that only hold application stacks. The snippets below create the bucket, its delivery policy and the trail.

### Terraform
\`\`\`hcl
data "aws_caller_identity" "current" {}
data "aws_region" "current" {}

locals {
  trail_name = "org-audit-trail"
  trail_arn  = "arn:aws:cloudtrail:\${data.aws_region.current.name}:\${data.aws_caller_identity.current.account_id}:trail/\${local.trail_name}"
}

resource "aws_s3_bucket" "trail_logs" {
  bucket              = "example-org-cloudtrail-logs"
  object_lock_enabled = true
}

resource "aws_s3_bucket_versioning" "trail_logs" {
  bucket = aws_s3_bucket.trail_logs.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_object_lock_configuration" "trail_logs" {
  bucket = aws_s3_bucket.trail_logs.id
  rule {
    default_retention {
      mode = "COMPLIANCE"
      days = 365
    }
  }
}

resource "aws_s3_bucket_public_access_block" "trail_logs" {
  bucket                  = aws_s3_bucket.trail_logs.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_logging" "trail_logs" {
  bucket        = aws_s3_bucket.trail_logs.id
  target_bucket = "example-org-s3-access-logs"
  target_prefix = "cloudtrail-logs/"
}

data "aws_iam_policy_document" "trail_logs" {
  statement {
    sid       = "CloudTrailAclCheck"
    actions   = ["s3:GetBucketAcl"]
    resources = [aws_s3_bucket.trail_logs.arn]
    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceArn"
      values   = [local.trail_arn]
    }
  }

  statement {
    sid       = "CloudTrailWrite"
    actions   = ["s3:PutObject"]
    resources = ["\${aws_s3_bucket.trail_logs.arn}/AWSLogs/\${data.aws_caller_identity.current.account_id}/*"]
    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "s3:x-amz-acl"
      values   = ["bucket-owner-full-control"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceArn"
      values   = [local.trail_arn]
    }
  }
}

resource "aws_s3_bucket_policy" "trail_logs" {
  bucket = aws_s3_bucket.trail_logs.id
  policy = data.aws_iam_policy_document.trail_logs.json
}

resource "aws_cloudtrail" "main" {
  name                          = local.trail_name
  s3_bucket_name                = aws_s3_bucket.trail_logs.id
  is_multi_region_trail         = true
  include_global_service_events = true
  enable_log_file_validation    = true
  # A customer managed key kept in another stack (see TG020 and TG021).
  kms_key_id = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"

  depends_on = [aws_s3_bucket_policy.trail_logs]
}
\`\`\`

### CloudFormation
\`\`\`yaml
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  TrailLogsBucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: example-org-cloudtrail-logs
      ObjectLockEnabled: true
      ObjectLockConfiguration:
        ObjectLockEnabled: Enabled
        Rule:
          DefaultRetention:
            Mode: COMPLIANCE
            Days: 365
      VersioningConfiguration:
        Status: Enabled
      PublicAccessBlockConfiguration:
        BlockPublicAcls: true
        BlockPublicPolicy: true
        IgnorePublicAcls: true
        RestrictPublicBuckets: true
      LoggingConfiguration:
        DestinationBucketName: example-org-s3-access-logs
        LogFilePrefix: cloudtrail-logs/

  TrailLogsBucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref TrailLogsBucket
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Sid: CloudTrailAclCheck
            Effect: Allow
            Principal:
              Service: cloudtrail.amazonaws.com
            Action: s3:GetBucketAcl
            Resource: !GetAtt TrailLogsBucket.Arn
            Condition:
              StringEquals:
                aws:SourceArn: !Sub "arn:\${AWS::Partition}:cloudtrail:\${AWS::Region}:\${AWS::AccountId}:trail/org-audit-trail"
          - Sid: CloudTrailWrite
            Effect: Allow
            Principal:
              Service: cloudtrail.amazonaws.com
            Action: s3:PutObject
            Resource: !Sub "\${TrailLogsBucket.Arn}/AWSLogs/\${AWS::AccountId}/*"
            Condition:
              StringEquals:
                s3:x-amz-acl: bucket-owner-full-control
                aws:SourceArn: !Sub "arn:\${AWS::Partition}:cloudtrail:\${AWS::Region}:\${AWS::AccountId}:trail/org-audit-trail"

  AuditTrail:
    Type: AWS::CloudTrail::Trail
    DependsOn: TrailLogsBucketPolicy
    Properties:
      TrailName: org-audit-trail
      S3BucketName: !Ref TrailLogsBucket
      IsLogging: true
      IsMultiRegionTrail: true
      IncludeGlobalServiceEvents: true
      EnableLogFileValidation: true
      # A customer managed key kept in another stack (see TG020 and TG021).
      KMSKeyId: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
\`\`\`

## Equivalent checks
- Prowler: \`cloudtrail_multi_region_enabled\`, \`cloudtrail_multi_region_enabled_logging_management_events\`
- Checkov, Trivy: none known (their multi-Region checks look at one trail at a time; see TG002).

## References
- AWS CloudTrail User Guide: "Working with CloudTrail Event history", "Creating a trail for your AWS account", "Receiving CloudTrail log files from multiple Regions", "Working with CloudTrail Lake".
- CIS AWS Foundations Benchmark v3.0.0: 3.1 (Ensure CloudTrail is enabled in all regions).
- AWS Security Hub: CloudTrail.1, CloudTrail.3.
`;function yd(...t){return t.includes("no")?"no":t.includes("unknown")?"unknown":"yes"}function Na(t){return t.kind==="unknown"?"unknown":t.value?"yes":"no"}function Ly(t){let e=t.selectors;if(e.kind==="unknown")return"unknown";let n=Pa(e.value);return yd(n.read,n.write)}function o$(t){return yd(Na(t.isMultiRegion),Na(t.isLogging),Ly(t))}function s$(t){return yd(Na(t.isMultiRegion),Na(t.ingesting),Ly(t))}var Dy={meta:{id:"TG001",...F("TG001"),name:"no-account-trail",level:"error",summary:"No multi-region trail records the account's management events",tags:["security","cloudtrail"],appliesTo:["cloudformation","terraform","live"],precision:"high",messages:{missing:"requireTrail is set, but the scanned configuration defines no trail or event data store that is multi-region, logging and records read and write management events.",missingLive:"Account {{account}} has no trail or event data store that is multi-region, logging and records read and write management events: only the 90-day Event History exists.",unknown:"Whether a trail keeps the account's management events cannot be determined."}},doc:Ny,check(t){let e=t.model.account,n=e.source==="live";if(!n&&!(t.settings.requireTrail&&e.requireTrailAt))return;let r=[...t.model.trails.map(o$),...t.model.eventDataStores.map(s$)];if(r.includes("yes"))return;let i=t.model.trails.map(o=>({at:o,message:`trail ${o.label} does not qualify`}));if(r.includes("unknown")){t.review({kind:"unknown",reason:"unsupported-expression",loc:e.requireTrailAt??e.loc},{messageId:"unknown",entity:e,related:i});return}n?t.report({messageId:"missingLive",data:{account:e.label},at:e,related:i}):e.requireTrailAt&&t.report({messageId:"missing",at:{kind:"known",value:!0,origin:"explicit",loc:e.requireTrailAt},entity:e,related:i})}};var My='# TG002 single-region-trail\nThis rule checks every trail and reports the ones that record events in their home Region only. A single-Region trail sees nothing of what happens in the other Regions of the account, so it should be turned into a multi-Region trail.\n\n## Why it matters\nAttackers like Regions nobody watches: crypto-mining fleets, exfiltration buckets and persistence roles are often created in a Region the team never opens. A single-Region trail leaves all of that to the 90-day Event history of each Region, which is scattered, short-lived and not delivered anywhere. A multi-Region trail also picks up Regions that AWS adds later, and it is delivered to one bucket, so investigators have a single place to look. The console creates multi-Region trails by default; the CloudTrail API, the CLI, Terraform and CloudFormation do not, which is why infrastructure code so often produces single-Region trails without anyone choosing it.\n\n## What fails\n- A trail with `is_multi_region_trail = false` (Terraform) or `IsMultiRegionTrail: false` (CloudFormation, `"false"` and `"False"` included); live, `IsMultiRegionTrail` false in `DescribeTrails`.\n- A trail where the attribute is absent: the default is false in Terraform and CloudFormation, so omitting it fails. The result points at the resource header.\n- When the attribute is present, the result points at it; live results use the trail ARN.\n- Every single-Region trail gets its own result, even when another trail covers the account (the account-level view is TG001).\n- A value that cannot be resolved (a variable with no default and no tfvars, a module output, `!ImportValue`, a parameter without a default) never fails; with `--strict` it gives a `review` result.\n\n## How to fix\nSet the multi-Region flag on the trail. Changing it on an existing trail is an in-place update; the trail keeps its name, bucket and settings and starts creating shadow copies in every Region. A multi-Region trail must also include global service events, so keep `include_global_service_events` / `IncludeGlobalServiceEvents` at true (TG014).\n\n`trailguard scan --fix` turns the multi-Region flag on where it is written: it replaces a literal `false`, inserts the attribute when the default applies, and, for a Terraform attribute that is just `var.NAME` or `local.NAME`, edits the variable\'s default, its tfvars or `--var-file` assignment, or the literal module argument instead. When that value also feeds anything else (another attribute, module block, local or `count`), or comes from `--var` or `TF_VAR_name`, there is no fix and a `fix-unavailable` note says why. A CloudFormation parameter gets no fix.\n\n### Terraform\n```hcl\nresource "aws_cloudtrail" "main" {\n  name                          = "org-audit-trail"\n  s3_bucket_name                = "example-org-cloudtrail-logs"\n  is_multi_region_trail         = true\n  include_global_service_events = true\n  enable_log_file_validation    = true\n  # A customer managed key kept in another stack (see TG020 and TG021).\n  kms_key_id = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"\n}\n```\n\n### CloudFormation\n```yaml\nAWSTemplateFormatVersion: "2010-09-09"\nResources:\n  AuditTrail:\n    Type: AWS::CloudTrail::Trail\n    Properties:\n      TrailName: org-audit-trail\n      S3BucketName: example-org-cloudtrail-logs\n      IsLogging: true\n      IsMultiRegionTrail: true\n      IncludeGlobalServiceEvents: true\n      EnableLogFileValidation: true\n      # A customer managed key kept in another stack (see TG020 and TG021).\n      KMSKeyId: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab\n```\n\nThe bucket `example-org-cloudtrail-logs` must already exist with a bucket policy that lets CloudTrail deliver to it (see TG016).\n\n## Equivalent checks\n- Checkov: CKV_AWS_67\n- Trivy: AVD-AWS-0014\n- Prowler: `cloudtrail_multi_region_enabled`\n\n## References\n- AWS CloudTrail User Guide: "Receiving CloudTrail log files from multiple Regions", "Creating a trail for your AWS account", "How CloudTrail works".\n- Terraform AWS provider: `aws_cloudtrail` resource, argument `is_multi_region_trail`.\n- AWS CloudFormation: `AWS::CloudTrail::Trail`, property `IsMultiRegionTrail`.\n- CIS AWS Foundations Benchmark v3.0.0: 3.1.\n- AWS Security Hub: CloudTrail.1.\n';var Vy={meta:{id:"TG002",...F("TG002"),name:"single-region-trail",level:"error",summary:"Trail records only the region it lives in",tags:["security","cloudtrail"],appliesTo:["cloudformation","terraform","live"],precision:"very-high",messages:{single:"Trail {{trail}} is not multi-region: activity in every other region goes unrecorded.",unknown:"Trail {{trail}}: whether it is multi-region cannot be determined."},fix:"safe"},doc:My,check(t){for(let e of t.model.trails)xt(t,e.isMultiRegion,{off:"single",unknown:"unknown",data:{trail:e.label},entity:e})}};var Fy=`# TG003 log-file-validation-disabled
This rule checks that every trail has log file integrity validation turned on. With validation on, CloudTrail writes a signed digest file every hour that lists the hash of each log file it delivered, so anyone can later prove whether a log file was changed, deleted or slipped in after delivery.

## Why it matters
Someone who gets write access to the log bucket can rewrite history: remove the records of their own calls, edit source IP addresses, or delete whole hours of activity. Without digests nothing shows that this happened, and logs that cannot be shown to be intact carry little weight in an investigation, an audit or a court. CloudTrail makes no charge for validation (the digest files only add a little S3 storage): it hashes each log file with SHA-256, chains the hourly digest files together and signs them with a private key that AWS holds, and \`aws cloudtrail validate-logs\` (or \`trailguard verify\`) checks them. It is off by default for trails created through the API, the CLI, Terraform and CloudFormation. Digests are only written for the hours after validation is turned on, so earlier logs can never be validated.

## What fails
- A trail with \`enable_log_file_validation = false\` (Terraform) or \`EnableLogFileValidation: false\` (CloudFormation, string booleans included); live, \`LogFileValidationEnabled\` false in \`DescribeTrails\`.
- A trail without the attribute: the default is false in both Terraform and CloudFormation, so omitting it fails, with the result at the resource header. When the attribute is present, the result points at it; live results use the trail ARN.
- Every trail is judged on its own, including secondary and single-Region trails.
- A value that cannot be resolved (a variable with no default and no tfvars, a module output, \`!ImportValue\`) never fails; with \`--strict\` it gives a \`review\` result.

## How to fix
Turn validation on for each trail. Keep the digest files (\`AWSLogs/ACCOUNT/CloudTrail-Digest/...\`) under the same protection as the log files (TG007), because a deleted digest breaks the chain.

\`trailguard scan --fix\` turns validation on where it is written: it replaces a literal \`false\`, inserts the attribute when the default applies, and, for a Terraform attribute that is just \`var.NAME\` or \`local.NAME\`, edits the variable's default, its tfvars or \`--var-file\` assignment, or the literal module argument instead. When that value also feeds anything else (another attribute, module block, local or \`count\`), or comes from \`--var\` or \`TF_VAR_name\`, there is no fix and a \`fix-unavailable\` note says why. A CloudFormation parameter gets no fix.

### Terraform
\`\`\`hcl
resource "aws_cloudtrail" "main" {
  name                          = "org-audit-trail"
  s3_bucket_name                = "example-org-cloudtrail-logs"
  is_multi_region_trail         = true
  include_global_service_events = true
  enable_log_file_validation    = true
  # A customer managed key kept in another stack (see TG020 and TG021).
  kms_key_id = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}
\`\`\`

### CloudFormation
\`\`\`yaml
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  AuditTrail:
    Type: AWS::CloudTrail::Trail
    Properties:
      TrailName: org-audit-trail
      S3BucketName: example-org-cloudtrail-logs
      IsLogging: true
      IsMultiRegionTrail: true
      IncludeGlobalServiceEvents: true
      EnableLogFileValidation: true
      # A customer managed key kept in another stack (see TG020 and TG021).
      KMSKeyId: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
\`\`\`

The bucket \`example-org-cloudtrail-logs\` must already exist with a bucket policy that lets CloudTrail deliver to it (see TG016).

## Equivalent checks
- Checkov: CKV_AWS_36
- Trivy: AVD-AWS-0016
- Prowler: \`cloudtrail_log_file_validation_enabled\`

## References
- AWS CloudTrail User Guide: "Validating CloudTrail log file integrity", "Enabling validation and validating files", "CloudTrail digest file structure".
- AWS CLI: \`aws cloudtrail validate-logs\`.
- CIS AWS Foundations Benchmark v3.0.0: 3.2.
- AWS Security Hub: CloudTrail.4.
`;var jy={meta:{id:"TG003",...F("TG003"),name:"log-file-validation-disabled",level:"error",summary:"Log file validation is off",tags:["security","cloudtrail"],appliesTo:["cloudformation","terraform","live"],precision:"very-high",messages:{off:"Trail {{trail}} does not validate its log files: tampering with delivered logs would go unnoticed.",unknown:"Trail {{trail}}: whether log file validation is on cannot be determined."},fix:"safe"},doc:Fy,check(t){for(let e of t.model.trails)xt(t,e.logFileValidation,{off:"off",unknown:"unknown",data:{trail:e.label},entity:e})}};var Wy='# TG004 trail-not-logging\nThis rule reports trails that exist but are stopped. A stopped trail keeps its configuration, its bucket and its name, so it looks healthy in a list of resources, yet it records and delivers nothing until someone starts it again.\n\n## Why it matters\n`StopLogging` is one of the first calls an intruder makes, because it silences the trail without deleting anything that a reviewer would miss. A trail left stopped after a migration or a cost-saving experiment has the same effect: every event from that moment on is lost, and CloudTrail never backfills the gap once logging resumes. Other controls (validation, encryption, alarms) mean nothing while the trail is off. Terraform starts trails by default; CloudFormation requires the `IsLogging` property and does what it says.\n\n## What fails\n- Terraform: `enable_logging = false` on an `aws_cloudtrail` resource. The attribute defaults to true, so leaving it out passes.\n- CloudFormation: `IsLogging: false` (string booleans such as `"False"` included). `IsLogging` is a required property; when it is absent the template is invalid and the value is unknown, so nothing fails (cfn-lint reports the template).\n- Live: `GetTrailStatus.IsLogging` false. A status that cannot be read, or an `IsLogging` field that is missing from the answer, is unknown and never reported as stopped.\n- The result points at the attribute (live: the trail ARN). Each stopped trail gets its own result, even when another trail covers the account.\n- A value that cannot be resolved (a variable with no default and no tfvars, a module output, `!ImportValue`) never fails; with `--strict` it gives a `review` result.\n\n## How to fix\nStart the trail in code and apply the change; for a trail stopped by hand, run `aws cloudtrail start-logging --name TRAIL` and find out who stopped it (look for `StopLogging` in the Event history of the trail\'s home Region). The alarm of TG019 (`cloudtrail-changes`) tells you the next time it happens.\n\n`trailguard scan --fix` turns logging on where the code sets it (a trail stopped by hand still needs `start-logging`): it replaces a literal `false`, inserts the attribute when the default applies, and, for a Terraform attribute that is just `var.NAME` or `local.NAME`, edits the variable\'s default, its tfvars or `--var-file` assignment, or the literal module argument instead. When that value also feeds anything else (another attribute, module block, local or `count`), or comes from `--var` or `TF_VAR_name`, there is no fix and a `fix-unavailable` note says why. A CloudFormation parameter gets no fix.\n\n### Terraform\n```hcl\nresource "aws_cloudtrail" "main" {\n  name                          = "org-audit-trail"\n  s3_bucket_name                = "example-org-cloudtrail-logs"\n  enable_logging                = true\n  is_multi_region_trail         = true\n  include_global_service_events = true\n  enable_log_file_validation    = true\n  # A customer managed key kept in another stack (see TG020 and TG021).\n  kms_key_id = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"\n}\n```\n\n### CloudFormation\n```yaml\nAWSTemplateFormatVersion: "2010-09-09"\nResources:\n  AuditTrail:\n    Type: AWS::CloudTrail::Trail\n    Properties:\n      TrailName: org-audit-trail\n      S3BucketName: example-org-cloudtrail-logs\n      IsLogging: true\n      IsMultiRegionTrail: true\n      IncludeGlobalServiceEvents: true\n      EnableLogFileValidation: true\n      # A customer managed key kept in another stack (see TG020 and TG021).\n      KMSKeyId: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab\n```\n\nThe bucket `example-org-cloudtrail-logs` must already exist with a bucket policy that lets CloudTrail deliver to it (see TG016).\n\n## Equivalent checks\n- Checkov: CKV_AWS_251\n- Trivy: none known.\n- Prowler: none known (its multi-Region checks include the logging state; see TG001).\n\n## References\n- AWS CloudTrail API Reference: `GetTrailStatus`, `StartLogging`, `StopLogging`.\n- AWS CloudTrail User Guide: "Updating a trail" (turning logging off and on).\n- Terraform AWS provider: `aws_cloudtrail` resource, argument `enable_logging`.\n- AWS CloudFormation: `AWS::CloudTrail::Trail`, property `IsLogging`.\n';var qy={meta:{id:"TG004",...F("TG004"),name:"trail-not-logging",level:"error",summary:"Trail is not logging",tags:["security","cloudtrail"],appliesTo:["cloudformation","terraform","live"],precision:"very-high",messages:{stopped:"Trail {{trail}} is not logging: it records nothing.",unknown:"Trail {{trail}}: whether it is logging cannot be determined."},fix:"safe"},doc:Wy,check(t){for(let e of t.model.trails)xt(t,e.isLogging,{off:"stopped",unknown:"unknown",data:{trail:e.label},entity:e})}};var Gy=`# TG005 no-cloudwatch-logs
This rule checks that each trail also sends its events to a CloudWatch Logs log group, through an IAM role that CloudTrail assumes for the purpose. Log files in S3 are for keeping; the copy in CloudWatch Logs is what metric filters, alarms and Logs Insights queries work on, minutes after the call was made.

## Why it matters
A trail that only writes to S3 is an archive that someone has to go and read. Nothing tells you that the root user just signed in, that a trail was stopped or that a policy was attached to a role, until someone downloads and searches gzip files after the fact. Sending the trail to CloudWatch Logs is what makes the alarms of TG010 and TG019 possible. Delivery needs two settings on the trail, the log group ARN and a role that allows \`logs:CreateLogStream\` and \`logs:PutLogEvents\` on that group; with only one of them, or with a role that lacks the permissions, nothing arrives and CloudTrail records the error in \`LatestCloudWatchLogsDeliveryError\`.

## What fails
- A trail without a CloudWatch Logs log group ARN (\`cloud_watch_logs_group_arn\` / \`CloudWatchLogsLogGroupArn\`), or without a role ARN for it (\`cloud_watch_logs_role_arn\` / \`CloudWatchLogsRoleArn\`). Both are absent by default; since the missing attribute has no place in the file, the result points at the trail's header.
- Live, in addition: \`GetTrailStatus\` reports a \`LatestCloudWatchLogsDeliveryError\`, or the last delivery to CloudWatch Logs (\`LatestCloudWatchLogsDeliveryTime\`) is more than 24 hours old. Live results use the trail ARN.
- A status field that is absent from \`GetTrailStatus\`, or a status that cannot be read, is unknown and never taken as "no delivery".
- An ARN that cannot be resolved (a variable with no value, a module output, \`!ImportValue\`) counts as unknown, not as missing: nothing fails, and \`--strict\` gives a \`review\` result.

## How to fix
Create a log group, a role that CloudTrail can assume with permission to write to that group, and point the trail at both. Terraform's \`arn\` of a log group has no \`:*\` suffix, and CloudTrail wants it, so append it; CloudFormation's \`!GetAtt LogGroup.Arn\` already ends in \`:*\`. Once a trail names a log group, TG010 and TG019 expect alarms on that group: their snippets extend this one.

### Terraform
\`\`\`hcl
resource "aws_cloudwatch_log_group" "trail" {
  name              = "/aws/cloudtrail/org-audit-trail"
  retention_in_days = 365
}

data "aws_iam_policy_document" "cloudtrail_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "trail_to_cloudwatch" {
  name               = "org-audit-trail-to-cloudwatch"
  assume_role_policy = data.aws_iam_policy_document.cloudtrail_assume.json
}

data "aws_iam_policy_document" "trail_to_cloudwatch" {
  statement {
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["\${aws_cloudwatch_log_group.trail.arn}:log-stream:*"]
  }
}

resource "aws_iam_role_policy" "trail_to_cloudwatch" {
  name   = "deliver-to-cloudwatch-logs"
  role   = aws_iam_role.trail_to_cloudwatch.id
  policy = data.aws_iam_policy_document.trail_to_cloudwatch.json
}

resource "aws_cloudtrail" "main" {
  name                          = "org-audit-trail"
  s3_bucket_name                = "example-org-cloudtrail-logs"
  is_multi_region_trail         = true
  include_global_service_events = true
  enable_log_file_validation    = true
  cloud_watch_logs_group_arn    = "\${aws_cloudwatch_log_group.trail.arn}:*"
  cloud_watch_logs_role_arn     = aws_iam_role.trail_to_cloudwatch.arn
  # A customer managed key kept in another stack (see TG020 and TG021).
  kms_key_id = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"

  depends_on = [aws_iam_role_policy.trail_to_cloudwatch]
}
\`\`\`

### CloudFormation
\`\`\`yaml
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  TrailLogGroup:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: /aws/cloudtrail/org-audit-trail
      RetentionInDays: 365

  TrailToCloudWatchRole:
    Type: AWS::IAM::Role
    Properties:
      RoleName: org-audit-trail-to-cloudwatch
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              Service: cloudtrail.amazonaws.com
            Action: sts:AssumeRole
      Policies:
        - PolicyName: deliver-to-cloudwatch-logs
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action:
                  - logs:CreateLogStream
                  - logs:PutLogEvents
                Resource: !Sub "arn:\${AWS::Partition}:logs:\${AWS::Region}:\${AWS::AccountId}:log-group:\${TrailLogGroup}:log-stream:*"

  AuditTrail:
    Type: AWS::CloudTrail::Trail
    Properties:
      TrailName: org-audit-trail
      S3BucketName: example-org-cloudtrail-logs
      IsLogging: true
      IsMultiRegionTrail: true
      IncludeGlobalServiceEvents: true
      EnableLogFileValidation: true
      CloudWatchLogsLogGroupArn: !GetAtt TrailLogGroup.Arn
      CloudWatchLogsRoleArn: !GetAtt TrailToCloudWatchRole.Arn
      # A customer managed key kept in another stack (see TG020 and TG021).
      KMSKeyId: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
\`\`\`

The bucket \`example-org-cloudtrail-logs\` must already exist with a bucket policy that lets CloudTrail deliver to it (see TG016).

## Equivalent checks
- Checkov: CKV2_AWS_10
- Trivy: AVD-AWS-0162
- Prowler: \`cloudtrail_cloudwatch_logging_enabled\` (also checks the last 24 hours of delivery, like the live part of this rule)

## References
- AWS CloudTrail User Guide: "Sending events to CloudWatch Logs", "Role policy document for CloudTrail to use CloudWatch Logs for monitoring", "Creating CloudWatch alarms for CloudTrail events: examples".
- AWS CloudTrail API Reference: \`GetTrailStatus\` (\`LatestCloudWatchLogsDeliveryError\`, \`LatestCloudWatchLogsDeliveryTime\`).
- AWS Security Hub: CloudTrail.5.
- CIS AWS Foundations Benchmark: the CloudWatch Logs integration was item 3.4 in v1.4.0 and is no longer a separate item in v3.0.0.
`;var d$=1440*60*1e3,By={meta:{id:"TG005",...F("TG005"),name:"no-cloudwatch-logs",level:"warning",summary:"Trail does not send its events to CloudWatch Logs",tags:["security","cloudtrail","monitoring"],appliesTo:["cloudformation","terraform","live"],precision:"very-high",messages:{noLogGroup:"Trail {{trail}} sends no events to CloudWatch Logs: no real-time alerting is possible.",noRole:"Trail {{trail}} names a CloudWatch Logs log group but no role to deliver to it.",deliveryError:"Trail {{trail}} fails to deliver to CloudWatch Logs: {{error}}.",stale:"Trail {{trail}} has delivered nothing to CloudWatch Logs in the last 24 hours (last delivery {{time}}).",unknown:"Trail {{trail}}: its CloudWatch Logs link cannot be determined."}},doc:Gy,check(t){let e=Date.now();for(let n of t.model.trails){let r={trail:n.label},i=n.cloudWatchLogsGroupArn,o=n.cloudWatchLogsRoleArn;if(i.kind==="unknown"){t.review(i,{messageId:"unknown",data:r,entity:n});continue}if(!i.value){t.report({messageId:"noLogGroup",data:r,at:i,entity:n});continue}o.kind==="unknown"?t.review(o,{messageId:"unknown",data:r,entity:n}):o.value||t.report({messageId:"noRole",data:r,at:o,entity:n});let s=n.status;if(!s)continue;let a=s.latestCloudWatchLogsDeliveryError;a.kind==="known"&&a.value&&t.report({messageId:"deliveryError",data:{...r,error:a.value},at:a,entity:n,key:"delivery-error"});let l=s.latestCloudWatchLogsDeliveryTime;l.kind==="known"&&l.value&&e-Date.parse(l.value)>d$&&t.report({messageId:"stale",data:{...r,time:l.value},at:l,entity:n,key:"stale"})}}};function La(t){return t&&t.kind==="resolved"?t.target:null}function Wt(t){return La(t.bucket)}function Uy(t){return La(t.kmsKey)}function Ro(t){let e=new WeakMap;return n=>{let r=e.get(n);return(r===void 0||r.length!==n.length)&&e.set(n,r={length:n.length,value:t(n)}),r.value}}var f$=Ro(t=>{let e=new Map;for(let n of t){let r=Wt(n);if(r===null)continue;let i=e.get(r);i?i.push(n):e.set(r,[n])}return e});function Da(t,e){return[...f$(e).get(t)??[]]}function Er(t){let e=t.s3KeyPrefix;return e.kind==="unknown"?null:`${e.value?e.value.replace(/\/+$/,"")+"/":""}AWSLogs/`}function Ma(t){if(t.trailArn.kind==="unknown")return new v(t.trailArn.reason,t.trailArn.detail);let e=ey(t.trailArn.value);return e[0]==="arn"&&e[2]==="cloudtrail"&&e.length>=6?e[4]:new v("invalid","trail ARN")}var bd=["sensitive","confidential","restricted","pii","phi","pci"],p$={DataClassification:bd,"data-classification":bd,Classification:bd};function m$(t,e){return x(t)?"unknown":(typeof t=="string"||typeof t=="number"||typeof t=="boolean")&&e.has(String(t).toLowerCase())?"yes":"no"}function h$(t,e){if(x(t))return"unknown";let n=[];for(let[r,i]of Object.entries(e.tags??p$)){if(!Object.hasOwn(t,r))continue;let o=t[r];o!==void 0&&n.push(m$(o,new Set(i.map(s=>s.toLowerCase()))))}return Cr(...n)}var g$=/\uE000[^\uE001]*\uE001/g;function y$(t){if(x(t))return[null];let e=[],n=0;for(let r of t.matchAll(g$))e.push(...Array.from(t.slice(n,r.index))),e.push(null),n=r.index+r[0].length;return e.push(...Array.from(t.slice(n))),e}function b$(t,e){let n=new Map,r=(i,o)=>{let s=i*(e.length+1)+o,a=n.get(s);if(a!==void 0)return a;let l;return i===t.length?l=o===e.length:t[i]==="*"?l=r(i+1,o)||o<e.length&&r(i,o+1):o===e.length||e[o]===null?l=!1:l=(t[i]==="?"||t[i]===e[o])&&r(i+1,o+1),n.set(s,l),l};return r(0,0)}function w$(t,e){let n=e.length+1,r=new Set,i=[[0,0]];for(;i.length>0;){let[o,s]=i.pop();if(r.has(o*n+s))continue;if(r.add(o*n+s),o===t.length&&s===e.length)return!0;let a=t[o],l=s<e.length?e[s]:void 0;a==="*"&&i.push([o+1,s]),l===null&&i.push([o,s+1]),!(a===void 0||l===void 0)&&(a==="*"&&l!==null?i.push([o,s+1]):a!=="*"&&l===null?i.push([o+1,s]):a!=="*"&&(a==="?"||a===l)&&i.push([o+1,s+1]))}return!1}function k$(t,e){let n=Array.from(t),r=y$(e);return b$(n,r)?"yes":w$(n,r)?"unknown":"no"}function Ky(t,e){let n=e.names.map(r=>k$(r,t.name));return Cr(h$(t.tags,e),...n)}var zy=`# TG006 sensitive-bucket-without-data-events
This rule looks at the S3 buckets marked as sensitive and checks that some logging trail records the object-level reads and writes made in each of them. Management events show who changed a bucket's settings; only S3 data events show who downloaded, uploaded or deleted the objects inside it.

## Why it matters
Data is stolen from S3 by reading it: \`GetObject\` calls made with stolen keys or through an overly broad role. Trails record no data events unless they are told to, so without them the question "which records left the bucket, when, and by whom" has no answer, and breach notification has to assume the worst. Data events are billed per event, which is why they are usually switched on for chosen buckets rather than everywhere; this rule makes sure the buckets your configuration calls sensitive are among the chosen ones.

## What fails
- A sensitive bucket that is not covered, for both read and write, by the S3 data events of at least one logging trail. Sensitive means it matches \`sensitiveBuckets\` in \`.trailguard.yml\`: by default a tag \`DataClassification\`, \`data-classification\` or \`Classification\` whose value is one of sensitive, confidential, restricted, pii, phi or pci (any case). \`sensitiveBuckets.tags\` replaces the default tags; \`sensitiveBuckets.names\` adds name globs.
- Basic event selectors cover a bucket with a \`data_resource\` / \`DataResources\` entry of type \`AWS::S3::Object\` whose values include \`arn:aws:s3\`, \`arn:aws:s3:::\` (both mean every bucket) or \`arn:aws:s3:::BUCKET/\`. A narrower prefix such as \`arn:aws:s3:::BUCKET/exports/\` covers only part of the bucket and does not count. \`ReadWriteType\` decides which half is covered: \`ReadOnly\` gives read, \`WriteOnly\` gives write, \`All\` gives both.
- Advanced event selectors cover a bucket when their conditions select \`eventCategory = Data\` and \`resources.type = AWS::S3::Object\`, and their \`resources.ARN\` condition includes the bucket; with no \`resources.ARN\` condition they cover every bucket. A \`readOnly\` condition limits them to reads or to writes. Selectors are judged by their conditions, never by their names.
- Read and write may come from different trails, as long as each of them is logging. Stopped trails cover nothing.
- The result points at the bucket's header, with the trails related. In IaC the rule runs only when the scanned files define at least one trail; live, every trail of the account and every organization trail that covers it is taken into account.
- A selector, tag or bucket name that cannot be resolved never fails; with \`--strict\` it gives a \`review\` result.

## How to fix
Add an S3 data event selector for the bucket to a logging trail, for both reads and writes. The snippets use basic event selectors; with advanced event selectors, use one selector with \`eventCategory\` equal to \`Data\`, \`resources.type\` equal to \`AWS::S3::Object\` and \`resources.ARN\` starting with the bucket's ARN followed by \`/\`, and add a second selector for management events so the trail keeps recording them (TG013).

### Terraform
\`\`\`hcl
resource "aws_s3_bucket" "customer_records" {
  bucket = "example-customer-records"
  tags = {
    DataClassification = "pii"
  }
}

resource "aws_cloudtrail" "main" {
  name                          = "org-audit-trail"
  s3_bucket_name                = "example-org-cloudtrail-logs"
  is_multi_region_trail         = true
  include_global_service_events = true
  enable_log_file_validation    = true
  # A customer managed key kept in another stack (see TG020 and TG021).
  kms_key_id = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"

  event_selector {
    read_write_type           = "All"
    include_management_events = true

    data_resource {
      type   = "AWS::S3::Object"
      values = ["\${aws_s3_bucket.customer_records.arn}/"]
    }
  }
}
\`\`\`

### CloudFormation
\`\`\`yaml
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  CustomerRecordsBucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: example-customer-records
      Tags:
        - Key: DataClassification
          Value: pii

  AuditTrail:
    Type: AWS::CloudTrail::Trail
    Properties:
      TrailName: org-audit-trail
      S3BucketName: example-org-cloudtrail-logs
      IsLogging: true
      IsMultiRegionTrail: true
      IncludeGlobalServiceEvents: true
      EnableLogFileValidation: true
      # A customer managed key kept in another stack (see TG020 and TG021).
      KMSKeyId: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
      EventSelectors:
        - ReadWriteType: All
          IncludeManagementEvents: true
          DataResources:
            - Type: AWS::S3::Object
              Values:
                - !Sub "\${CustomerRecordsBucket.Arn}/"
\`\`\`

The trail bucket \`example-org-cloudtrail-logs\` must already exist with a bucket policy that lets CloudTrail deliver to it (see TG016).

## Equivalent checks
- Trivy: AVD-AWS-0171 (write events), AVD-AWS-0172 (read events); both look at every bucket, not only sensitive ones.
- Prowler: \`cloudtrail_s3_dataevents_read_enabled\`, \`cloudtrail_s3_dataevents_write_enabled\`
- Checkov: none known.

## References
- AWS CloudTrail User Guide: "Logging data events", "Logging data events with advanced event selectors".
- Amazon S3 User Guide: "Enabling CloudTrail event logging for S3 buckets and objects", "Logging Amazon S3 API calls using AWS CloudTrail".
- CIS AWS Foundations Benchmark v3.0.0: 3.8 (object-level logging for write events), 3.9 (object-level logging for read events).
- AWS Security Hub: S3.22, S3.23.
`;function Va(t){return t.isLogging.kind==="unknown"?"unknown":t.isLogging.value?"yes":"no"}function _$(t,e){if(t.selectors.kind==="unknown")return{read:$n(Va(t),"unknown"),write:$n(Va(t),"unknown")};let n=Iy(t.selectors.value,e);return{read:$n(Va(t),n.read),write:$n(Va(t),n.write)}}var Hy=new WeakMap;function S$(t){let e=Hy.get(t);if(e)return e;let n=new Set,r=!1,i=t.selectors;if(i.kind==="unknown"||i.value.kind==="advanced")r=!0;else if(i.value.kind==="basic")for(let o of i.value.selectors){if(!Array.isArray(o.dataResources)){r=!0;continue}for(let s of o.dataResources){if(!Array.isArray(s.values)){r=!0;continue}for(let a of s.values){let l=typeof a=="string"?/^arn:[^:]+:s3:::([^/]+)/.exec(a):null;l?n.add(l[1]):r=!0}}}return e={all:r,names:n},Hy.set(t,e),e}var A$=Ro(t=>{let e=[],n=new Map;for(let r of t){let i=S$(r);if(i.all)e.push(r);else for(let o of i.names){let s=n.get(o);s?s.push(r):n.set(o,[r])}}return{all:e,named:n}});function T$(t,e){let{all:n,named:r}=A$(t),i={read:"no",write:"no"};for(let o of[...n,...r.get(e)??[]])if(i=Oy([i,_$(o,e)]),i.read==="yes"&&i.write==="yes")break;return i}var Yy={meta:{id:"TG006",...F("TG006"),name:"sensitive-bucket-without-data-events",level:"error",summary:"Sensitive bucket's object reads and writes are not recorded by any trail",tags:["security","cloudtrail","s3"],appliesTo:["cloudformation","terraform","live"],precision:"high",messages:{none:"Sensitive bucket {{bucket}}: no logging trail records its S3 object reads or writes (data events).",noRead:"Sensitive bucket {{bucket}}: no logging trail records reads of its objects (GetObject data events).",noWrite:"Sensitive bucket {{bucket}}: no logging trail records writes to its objects (PutObject, DeleteObject data events).",unknown:"Sensitive bucket {{bucket}}: whether a trail records its data events cannot be determined."}},doc:zy,check(t){let e=t.model.trails;if(e.length===0&&t.model.account.source!=="live")return;let n=e.map(r=>({at:r,message:`trail ${r.label}`}));for(let r of t.model.buckets){let i=Ky({name:zn(r.name),tags:zn(r.tags)},t.settings.sensitiveBuckets);if(i==="no")continue;let o={bucket:r.label},s={kind:"unknown",reason:"unsupported-expression",loc:r.loc};if(i==="unknown"||r.name.kind==="unknown"){t.review(r.name.kind==="unknown"?r.name:s,{messageId:"unknown",data:o,entity:r,related:n});continue}let a=r.name.value,l=T$(e,a);if(l.read==="yes"&&l.write==="yes")continue;if(l.read==="unknown"||l.write==="unknown"){t.review(s,{messageId:"unknown",data:o,entity:r,related:n});continue}let c=l.read==="no"&&l.write==="no"?"none":l.read==="no"?"noRead":"noWrite";t.report({messageId:c,data:o,at:r,related:n})}}};function je(t,e){return e===void 0?{kind:"unknown",reason:t}:{kind:"unknown",reason:t,detail:e}}function H(t){return typeof t=="object"&&t!==null&&t.kind==="unknown"}function xn(t){return x(t)?je(t.reason,t.detail):null}var C$=["Effect","Action","NotAction","Resource","NotResource","Principal","NotPrincipal"];function on(t){if(typeof t=="string"){let n;try{n=JSON.parse(t)}catch{return je("invalid","policy text is not JSON")}return on(n)}let e=xn(t);if(e)return e;if(So(t))return{kind:"policy",statements:t.map(Fa)};if(M(t)){if("Statement"in t){let n=t.Statement,r=xn(n);return r||(So(n)?{kind:"policy",statements:n.map(Fa)}:M(n)?{kind:"policy",statements:[Fa(n,0)]}:je("invalid","Statement is neither a list nor an object"))}if(C$.some(n=>n in t))return{kind:"policy",statements:[Fa(t,0)]}}return je("invalid","not a policy document")}function Fa(t,e){let n=xn(t);if(n)return{...n,index:e};if(!M(t))return{...je("invalid","statement is not an object"),index:e};let r=typeof t.Sid=="string"?t.Sid:null;return{kind:"statement",index:e,sid:r,effect:E$(t.Effect),principal:x$(t),action:Jy(t,"Action","NotAction"),resource:Jy(t,"Resource","NotResource"),condition:I$(t.Condition)}}function E$(t){return t==="Allow"||t==="Deny"?t:t===void 0?je("invalid","no Effect"):xn(t)??je("invalid",`Effect ${JSON.stringify(t)}`)}function ja(t){return typeof t=="string"?t:typeof t=="number"||typeof t=="boolean"?String(t):xn(t)??je("invalid","not a string")}function Xy(t){let e=xn(t);return e||(So(t)?t.length===0?je("invalid","empty list"):t.map(ja):M(t)||t===null?je("invalid","not a string or list"):[ja(t)])}function Jy(t,e,n){let r=t[e],i=t[n];if(r!==void 0&&i!==void 0)return je("invalid",`both ${e} and ${n}`);if(r===void 0&&i===void 0)return je("invalid",`no ${e}`);let o=Xy(r??i);return H(o)?o:{kind:r!==void 0?"match":"not",values:o}}function $$(t){return typeof t=="number"&&Number.isInteger(t)&&t>=0&&t<1e12?String(t).padStart(12,"0"):ja(t)}function x$(t){let e=t.Principal,n=t.NotPrincipal;if(e!==void 0&&n!==void 0)return je("invalid","both Principal and NotPrincipal");if(e===void 0&&n===void 0)return{kind:"implicit"};let r=e!==void 0?"match":"not",i=e??n,o=xn(i);if(o)return o;if(i==="*")return{kind:r,ids:[{type:"*",id:"*"}]};if(!M(i)||Object.keys(i).length===0)return je("invalid","Principal is not `*` or a map");let s=[];for(let[a,l]of Object.entries(i)){let c=x(l)?[l]:So(l)?l:[l];for(let u of c)s.push({type:a,id:a==="AWS"?$$(u):ja(u)})}return{kind:r,ids:s}}function R$(t){let e=t.toLowerCase(),n=null;e.startsWith("foranyvalue:")?(n="any",e=e.slice(12)):e.startsWith("forallvalues:")&&(n="all",e=e.slice(13));let r=e.endsWith("ifexists");return r&&(e=e.slice(0,-8)),{op:e,set:n,ifExists:r}}function I$(t){if(t==null)return{kind:"conditions",clauses:[]};let e=xn(t);if(e)return e;if(!M(t))return je("invalid","Condition is not a map");let n=[];for(let[r,i]of Object.entries(t)){let o=xn(i);if(o){n.push(o);continue}if(!M(i)){n.push(je("invalid",`${r} is not a map`));continue}let s=R$(r);for(let[a,l]of Object.entries(i))n.push({kind:"clause",operator:r,...s,key:a,values:Xy(l)})}return{kind:"conditions",clauses:n}}function O$(t){let e=[],n=0,r=0;for(let i=0;i<t.length;i++){let o=t[i];o===""?r++:o===""&&r>0?r--:o===":"&&r===0&&(e.push(t.slice(n,i)),n=i+1)}return e.push(t.slice(n)),e}function Rt(t){let e=O$(t);return e.length<6||e[0]!=="arn"?null:[...e.slice(0,5),e.slice(5).join(":")]}var P$={"${*}":"*","${?}":"?","${$}":"$"};function qt(t,e){let n=[],r=0;for(;r<t.length;){let i=t[r];if(i===""){let o=t.indexOf("",r+1);if(o>r){n.push({t:"token",name:t.slice(r+1,o)}),r=o+1;continue}}if(e.variables&&i==="$"&&t[r+1]==="{"){let o=P$[t.slice(r,r+4)];if(o===void 0)return null;n.push({t:"char",c:o}),r+=4;continue}e.wild&&i==="*"?n.push({t:"star"}):e.wild&&i==="?"?n.push({t:"one"}):n.push({t:"char",c:e.fold?i.toLowerCase():i}),r+=1}return n}function Qy(t,e){return t.t==="char"&&e.t==="char"?t.c===e.c:t.t==="token"&&e.t==="token"?t.name===e.name:!1}function Io(t,e){let n=e.length+1,r=new Int8Array((t.length+1)*n),i=(o,s)=>{let a=o*n+s;if(r[a]!==0)return r[a]===1;let l,c=t[o],u=e[s];return c===void 0?l=u===void 0:c.t==="star"?l=i(o+1,s)||u!==void 0&&i(o,s+1):u===void 0?l=!1:c.t==="one"?l=(u.t==="char"||u.t==="one")&&i(o+1,s+1):l=Qy(c,u)&&i(o+1,s+1),r[a]=l?1:2,l};return i(0,0)}function wd(t,e){let n=e.length+1,r=new Int8Array((t.length+1)*n),i=(o,s)=>{let a=o*n+s;if(r[a]!==0)return r[a]===1;let l=t[o],c=e[s],u=!1;if(l?.t==="star"&&(u=i(o+1,s)||c!==void 0&&c.t!=="star"&&i(o,s+1)),!u&&c?.t==="star"&&(u=i(o,s+1)||l!==void 0&&l.t!=="star"&&i(o+1,s)),!u&&l===void 0&&c===void 0&&(u=!0),!u&&l!==void 0&&c!==void 0&&l.t!=="star"&&c.t!=="star"){let d=(f,p)=>f.t==="one"&&(p.t==="char"||p.t==="one");u=(Qy(l,c)||d(l,c)||d(c,l))&&i(o+1,s+1)}return r[a]=u?1:2,u};return i(0,0)}function Wa(t){return t.length>0&&t.every(e=>e.t==="star")}function $r(...t){return t.includes(!1)?!1:t.includes("unknown")?"unknown":!0}function Zy(...t){return t.includes(!0)?!0:t.includes("unknown")?"unknown":!1}function xr(t){return t==="unknown"?t:!t}function ct(t,e){let n=!1;for(let r of t){let i=e(r);if(i===!0)return!0;i==="unknown"&&(n=!0)}return n?"unknown":!1}function It(t,e){let n=!1;for(let r of t){let i=e(r);if(i===!1)return!1;i==="unknown"&&(n=!0)}return n?"unknown":!0}function N$(t,e){return H(t)?null:e==="action"?qt(t,{wild:!0,fold:!0}):qt(t,{wild:!0,variables:!0})}function L$(t){return H(t.value)?null:qt(t.value,{wild:t.wild??!1,fold:t.kind==="action"})}function nb(t,e,n,r){if(H(t))return"unknown";let i=L$(e),o=t.values.map(s=>N$(s,e.kind));return i===null?t.kind==="match"&&o.some(s=>s!==null&&Wa(s))?!0:"unknown":t.kind==="match"?ct(o,s=>s===null?"unknown":n(s,i)):It(o,s=>s===null?"unknown":!r(s,i))}function Rr(t,e){return nb(t,e,Io,wd)}function vd(t,e){return nb(t,e,wd,Io)}var D$=/^\uE000[^\uE001]*\uE001$/;function kd(t){return/^\d{12}$/.test(t)||D$.test(t)?`arn:aws:iam::${t}:root`:t}function eb(t){return Rt(t)?.[4]??null}function M$(t){let e=Rt(t);return e!==null&&e[2]==="iam"&&e[5]==="root"}function Ir(t){return(t.type==="*"||t.type==="AWS")&&t.id==="*"}function tb(t,e,n){if(Ir(t))return!0;if(H(t.id))return t.type==="AWS"||t.type===e.type?"unknown":!1;if(t.type!==e.type)return!1;if(t.type==="Service")return t.id.toLowerCase()===e.id.toLowerCase();if(t.type!=="AWS")return!1;let r=kd(t.id),i=kd(e.id);return r===i?!0:n==="member"&&M$(r)&&eb(i)===eb(r)}function _d(t,e){return t.kind==="implicit"?!0:H(t)?"unknown":t.kind==="match"?ct(t.ids,n=>tb(n,e,"member")):xr(ct(t.ids,n=>tb(n,e,"exact")))}function V$(t){let e=/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(t);if(!e)return null;let n=0n;for(let r of e.slice(1)){let i=Number(r);if(i>255)return null;n=n<<8n|BigInt(i)}return n}function rb(t){if(t==="")return[];let e=[];for(let n of t.split(":")){if(!/^[0-9a-fA-F]{1,4}$/.test(n))return null;e.push(parseInt(n,16))}return e}function F$(t){let e=t.split("::");if(e.length>2)return null;let n=rb(e[0]),r=e.length===2?rb(e[1]):[];if(n===null||r===null)return null;let i=8-n.length-r.length;if(e.length===2?i<1:i!==0)return null;let o=0n;for(let s of[...n,...new Array(i).fill(0),...r])o=o<<16n|BigInt(s);return o}function qa(t){let[e,n,r]=t.trim().split("/");if(e===void 0||r!==void 0)return null;let i=V$(e),o=i!==null?32:128,s=i??F$(e);if(s===null||n!==void 0&&!/^\d{1,3}$/.test(n))return null;let a=n===void 0?o:Number(n);return a>o?null:{bits:o,value:s,prefix:a}}function ib(t,e){let n=qa(t),r=qa(e);if(n===null||r===null||r.bits!==n.bits||r.prefix<n.prefix)return!1;let i=BigInt(n.bits-n.prefix);return r.value>>i===n.value>>i}var j$=/(\uE000[^\uE001]*\uE001)/;function ob(t){return t.split(j$).map((e,n)=>n%2===1?e:e.toLowerCase()).join("")}function W$(t){let e=qt(t,{wild:!1,variables:!0});return e===null?null:e.map(n=>n.t==="char"?n.c:n.t==="token"?`${n.name}`:"").join("")}function Sd(t,e){let n=qt(t,{wild:!0,variables:!0}),r=qt(e,{wild:!1});return n===null||r===null?"unknown":Io(n,r)}function sb(t,e){let n=Rt(t),r=Rt(e);return n===null&&r!==null&&t.startsWith("arn:")?!1:n===null||r===null?Sd(t,e):It(n.keys(),i=>Sd(n[i],r[i]))}function ab(t,e,n){let r=W$(t);return r===null?"unknown":n?ob(r)===ob(e):r===e}function Oo(t){return(e,n)=>{let r=Number(e),i=Number(n);return e.trim()!==""&&n.trim()!==""&&!Number.isNaN(r)&&!Number.isNaN(i)&&t(i,r)}}function lb(t){if(/^\d+$/.test(t))return Number(t)*1e3;let e=Date.parse(t);return Number.isNaN(e)?null:e}function Po(t){return(e,n)=>{let r=lb(e),i=lb(n);return r!==null&&i!==null&&t(i,r)}}var cb={stringequals:(t,e)=>ab(t,e,!1),stringequalsignorecase:(t,e)=>ab(t,e,!0),stringlike:Sd,arnequals:sb,arnlike:sb,bool:(t,e)=>t.toLowerCase()===e.toLowerCase(),numericequals:Oo((t,e)=>t===e),numericlessthan:Oo((t,e)=>t<e),numericlessthanequals:Oo((t,e)=>t<=e),numericgreaterthan:Oo((t,e)=>t>e),numericgreaterthanequals:Oo((t,e)=>t>=e),dateequals:Po((t,e)=>t===e),datelessthan:Po((t,e)=>t<e),datelessthanequals:Po((t,e)=>t<=e),dategreaterthan:Po((t,e)=>t>e),dategreaterthanequals:Po((t,e)=>t>=e),ipaddress:(t,e)=>ib(t,e),binaryequals:()=>"unknown"},q$={stringnotequals:"stringequals",stringnotequalsignorecase:"stringequalsignorecase",stringnotlike:"stringlike",arnnotequals:"arnequals",arnnotlike:"arnlike",numericnotequals:"numericequals",datenotequals:"dateequals",notipaddress:"ipaddress"};function No(t){let e=cb[t];if(e)return{test:e,negated:!1};let n=q$[t];return n?{test:cb[n],negated:!0}:null}function ub(t,e){return H(t)?"unknown":ct(t,n=>H(n)?"unknown":e(n))}function G$(t,e){if(H(t))return"unknown";let n=t.key.toLowerCase(),r=e.lookup(n);if(r.kind==="unknown")return"unknown";let i=r.kind==="absent"||r.values.length===0;if(t.op==="null")return ub(t.values,l=>{let c=l.toLowerCase();return c==="true"?i:c==="false"?!i:!1});let o=No(t.op);if(o===null)return"unknown";if(r.kind==="absent"||r.values.length===0)return t.ifExists||t.set==="all"?!0:t.set==="any"?!1:o.negated;let s=l=>ub(t.values,c=>{let u=e.blur?e.blur(n,c,l):[c,l];return u==="unknown"?"unknown":o.test(u[0],u[1])}),a=l=>o.negated?xr(s(l)):s(l);return t.set==="all"?It(r.values,a):t.set==="any"?ct(r.values,a):o.negated?xr(ct(r.values,s)):ct(r.values,s)}function Ad(t,e){return H(t)?"unknown":It(t.clauses,n=>G$(n,e))}var db=new Set(["aws:sourcearn","aws:sourceaccount","aws:sourceorgid","aws:principalorgid","aws:principalaccount","aws:principalarn","aws:sourcevpc","aws:sourcevpce","aws:sourceip"]),B$=new Set(["stringequals","stringequalsignorecase"]),U$=new Set(["stringlike","arnequals","arnlike"]);function K$(t,e){if(t==="ipaddress")return qa(e)?.prefix===0;if(U$.has(t)){let n=qt(e,{wild:!0,variables:!0});return n===null?"unknown":Wa(n)}return!1}function fb(t){if(H(t))return"unknown";if(!db.has(t.key.toLowerCase()))return!1;let e=No(t.op);if(e===null)return t.op==="null"?!1:"unknown";if(e.negated||t.ifExists||t.set==="all")return!1;let n=B$.has(t.op);if(H(t.values))return n?!0:"unknown";let r=!1;for(let i of t.values){let o=H(i)?n?!1:"unknown":K$(t.op,i);if(o===!0)return!1;o==="unknown"&&(r=!0)}return r?"unknown":!0}function Td(t){return H(t)?"unknown":ct(t.clauses,fb)}function Ga(t,e,n){let r=n==="cover"?Rr(t.resource,e.resource):vd(t.resource,e.resource);return $r(_d(t.principal,e.principal),Rr(t.action,{kind:"action",value:e.action}),r,Ad(t.condition,e.context))}function H$(t,e){if(t.kind==="unknown")return{index:t.index,asDeny:"unknown",asAllow:"unknown"};let n=t.effect,r=H(n)||n==="Deny",i=H(n)||n==="Allow",o=s=>H(n)&&s===!0?"unknown":s;return{index:t.index,asDeny:r?o(Ga(t,e,"touch")):!1,asAllow:i?o(Ga(t,e,"cover")):!1}}function Cd(t,e){if(H(t))return{decision:"unknown",statements:[]};let n=t.statements.map(l=>H$(l,e)),r=l=>n.filter(l).map(c=>c.index),i=r(l=>l.asDeny===!0);if(i.length>0)return{decision:"deny",statements:i};let o=r(l=>l.asDeny==="unknown");if(o.length>0)return{decision:"unknown",statements:o};let s=r(l=>l.asAllow===!0);if(s.length>0)return{decision:"allow",statements:s};let a=r(l=>l.asAllow==="unknown");return a.length>0?{decision:"unknown",statements:a}:{decision:"implicit-deny",statements:[]}}var mb=["s3:DeleteObject","s3:DeleteObjectVersion"];function Y$(t){return t.kind==="implicit"?!1:H(t)?"unknown":t.kind==="match"?ct(t.ids,e=>Ir(e)?!0:e.type==="AWS"&&H(e.id)?"unknown":!1):It(t.ids,e=>!Ir(e))}var J$=new Set(["aws:principalarn","aws:userid"]),X$=new Set(["stringnotequals","stringnotequalsignorecase","stringnotlike","arnnotequals","arnnotlike"]),Q$=new Set(["stringnotequals","stringnotequalsignorecase"]);function Z$(t,e){if(e)return!0;if(H(t))return"unknown";let n=Rt(t)?.[5]??t,r=n.includes("/")?n.slice(n.indexOf("/")+1):n,i=qt(r,{wild:!0,variables:!0});return i===null?"unknown":i.some(o=>o.t==="char"||o.t==="token")}function pb(t,e){return H(t)?"unknown":It(t,e)}function e1(t){if(H(t))return"unknown";if(t.set!==null)return!1;let e=t.key.toLowerCase();if(J$.has(e)&&X$.has(t.op)){let n=Q$.has(t.op);return pb(t.values,r=>Z$(r,n))}if(e==="aws:multifactorauthpresent"){let n=t.op==="bool"?"false":t.op==="null"&&!t.ifExists?"true":null;return n===null?!1:pb(t.values,r=>H(r)?"unknown":r.toLowerCase()===n)}return!1}function t1(t,e,n){let r=H(t.effect)?"unknown":t.effect==="Deny";return $r(r,Y$(t.principal),Rr(t.action,{kind:"action",value:e}),Rr(t.resource,n),H(t.condition)?"unknown":It(t.condition.clauses,e1))}function Ed(t,e){let n=on(t);if(H(n))return{result:"unknown",statements:[],unprotected:[]};let r={kind:"resource",value:e.logObjectArn??`${e.bucketArn}/*`,wild:!0},i=new Set,o=new Set,s=mb.map(u=>{let d=!1;for(let f of n.statements){let p=f.kind==="unknown"?"unknown":t1(f,u,r);p===!0&&i.add(f.index),p==="unknown"&&o.add(f.index),d=Zy(d,p)}return{action:u,answer:d}}),a=$r(...s.map(u=>u.answer)),l=s.filter(u=>u.answer===!1).map(u=>u.action),c=u=>[...new Set(u)].sort((d,f)=>d-f);return a===!0?{result:"protected",statements:c(i),unprotected:l}:a===!1?{result:"not-protected",statements:[],unprotected:l}:{result:"unknown",statements:c([...i,...o]),unprotected:l}}function n1(t){if(t.kind==="implicit")return!1;if(H(t))return"unknown";let e=(n,r)=>n==="AWS"&&H(r);return t.kind==="match"?ct(t.ids,n=>Ir(n)?!0:e(n.type,n.id)?"unknown":!1):It(t.ids,n=>Ir(n)?!1:e(n.type,n.id)?"unknown":!0)}function hb(t){if(t.kind==="unknown")return"unknown";let e=H(t.effect)?"unknown":t.effect==="Allow";return $r(e,n1(t.principal),xr(Td(t.condition)))}function $d(t){let e=on(t);if(H(e))return{statements:[],unknownStatements:[],unknown:!0};let n=e.statements.map(i=>({index:i.index,public:hb(i)})),r=n.filter(i=>i.public==="unknown").map(i=>i.index);return{statements:n.filter(i=>i.public===!0).map(i=>i.index),unknownStatements:r,unknown:r.length>0}}var Do={type:"Service",id:"cloudtrail.amazonaws.com"},gb=new Set(["aws:sourcearn","aws:sourceaccount"]),r1=new Set(["aws:sourcearn","kms:encryptioncontext:aws:cloudtrail:arn"]),i1=new Set(["aws:principalarn","aws:principalaccount","aws:principalorgid","aws:principalorgpaths","aws:userid","aws:username","aws:multifactorauthpresent","aws:multifactorauthage"]),Lo="incomparable",o1=(t,e,n)=>{if(e===n)return[e,n];if(t==="aws:sourceaccount")return ge(e)||ge(n)?[Lo,Lo]:[e,n];if(!r1.has(t))return[e,n];let r=Rt(e),i=Rt(n);if(r===null||i===null)return r===null!=(i===null)&&(ge(e)||ge(n))?"unknown":[e,n];for(let o of[3,4])r[o]!==i[o]&&(ge(r[o])||ge(i[o]))&&(r[o]=Lo,i[o]=Lo);return[r.join(":"),i.join(":")]};function Rd(t,e){let n=i=>x(i)?{kind:"unknown"}:{kind:"values",values:[i]},r={"aws:sourcearn":n(t.trailArn),"aws:sourceaccount":{kind:"values",values:[x(t.accountId)?Lo:t.accountId]},"aws:securetransport":{kind:"values",values:["true"]},"aws:principalisawsservice":{kind:"values",values:["true"]},"aws:principalservicename":{kind:"values",values:[Do.id]},...Object.fromEntries(Object.entries(e).map(([i,o])=>[i,n(o)]))};return{lookup:i=>{let o=r[i];return o||(i1.has(i)||i.startsWith("aws:principaltag/")?{kind:"absent"}:{kind:"unknown"})},blur:o1}}function s1(t){return H(t.condition)?!1:t.condition.clauses.some(e=>!H(e)&&gb.has(e.key.toLowerCase())&&No(e.op)?.negated===!1)}function a1(t,e){if(t.effect!=="Deny"||H(t.condition))return!1;let n=t.condition.clauses.some(i=>!H(i)&&gb.has(i.key.toLowerCase())&&No(i.op)?.negated===!0),r={...t,condition:{kind:"conditions",clauses:[]}};return n&&Ga(r,e,"touch")===!0}function l1(t,e){let n=Cd(t,e);if(n.decision==="deny"||n.decision==="implicit-deny")return{state:"blocked",statements:n.statements};if(n.decision==="unknown")return{state:"unknown",statements:n.statements};let r=new Map(t.statements.map(s=>[s.index,s])),o=t.statements.some(s=>s.kind==="statement"&&a1(s,e))?[]:n.statements.filter(s=>{let a=r.get(s);return a?.kind==="statement"&&!s1(a)});return{state:"allowed",grants:n.statements,bare:o}}var xd=t=>[...new Set(t)].sort((e,n)=>e-n);function Id(t,e){let n=on(t);if(H(n))return{result:"unknown",statements:[],blocked:[]};let i=[{need:{action:"s3:GetBucketAcl",resource:e.bucketArn},query:{principal:Do,action:"s3:GetBucketAcl",resource:{kind:"resource",value:e.bucketArn},context:Rd(e,{})}},...e.objectArns.map(u=>({need:{action:"s3:PutObject",resource:x(u)?null:u},query:{principal:Do,action:"s3:PutObject",resource:{kind:"resource",value:x(u)?je(u.reason):u,wild:!0},context:Rd(e,{"s3:x-amz-acl":"bucket-owner-full-control"})}}))].map(u=>({need:u.need,verdict:l1(n,u.query)})),o=i.filter(u=>u.verdict.state==="blocked"),s=u=>xd(u.flatMap(d=>d.verdict.state==="allowed"?[]:d.verdict.statements));if(o.length>0)return{result:"blocked",statements:s(o),blocked:o.map(u=>u.need)};let a=i.filter(u=>u.verdict.state==="unknown");if(a.length>0)return{result:"unknown",statements:s(a),blocked:[]};let l=xd(i.flatMap(u=>u.verdict.state==="allowed"?u.verdict.bare:[]));return l.length>0?{result:"allowed-without-source-condition",statements:l,blocked:[]}:{result:"allowed",statements:xd(i.flatMap(u=>u.verdict.state==="allowed"?u.verdict.grants:[])),blocked:[]}}function Od(t,e){let n=on(t),r=Cd(n,{principal:Do,action:"kms:GenerateDataKey",resource:{kind:"resource",value:e.keyArn??je("unset-variable","the key ARN was not given")},context:Rd(e,{"kms:encryptioncontext:aws:cloudtrail:arn":e.trailArn})});return{result:r.decision==="allow"?"allowed":r.decision==="unknown"?"unknown":"blocked",statements:r.statements}}var yb=`# TG007 log-bucket-deletable
This rule checks that the log files in a trail's bucket cannot simply be deleted. It accepts any one of three protections: S3 Object Lock with a default retention at least as long as the retention minimum, versioning with MFA Delete, or a bucket policy that denies object deletion to everyone.

## Why it matters
Deleting the log files is the cheapest way to hide what happened, and it needs nothing more than \`s3:DeleteObject\` on one bucket, a permission that admin roles, break-glass users and CI pipelines often hold. Log file validation (TG003) will show that files are missing, but it cannot bring them back. Object Lock in compliance mode keeps every object version until its retention date, and nobody, the root user included, can shorten it; governance mode can only be bypassed with the separate \`s3:BypassGovernanceRetention\` permission. MFA Delete makes deleting a version or turning versioning off require the root user's MFA device; only the root user can enable it, and only through the API or CLI. A deny statement in the bucket policy wins over every allow in IAM.

## What fails
A trail's bucket (the bucket named by \`s3_bucket_name\` / \`S3BucketName\`, followed through references to the bucket and its split resources) fails when none of these holds:
- Object Lock is enabled with a default retention, in governance or compliance mode, of at least \`minRetentionDays\` (default 365; a retention in years counts 365 days per year). Terraform: \`object_lock_enabled\` on \`aws_s3_bucket\` and a \`default_retention\` in \`aws_s3_bucket_object_lock_configuration\` (or the v3 inline \`object_lock_configuration\` block); CloudFormation: \`ObjectLockEnabled\` and \`ObjectLockConfiguration.Rule.DefaultRetention\`.
- Versioning is enabled with MFA Delete (\`mfa_delete = "Enabled"\` in \`aws_s3_bucket_versioning\`, \`MfaDelete\` live).
- The bucket policy denies both \`s3:DeleteObject\` and \`s3:DeleteObjectVersion\` (wildcards such as \`s3:Delete*\` and \`s3:*\` count) on the log objects to every principal. The deny counts when it has no condition, when its only condition exempts named principals through \`aws:PrincipalArn\` (a break-glass role), or when it requires MFA with \`aws:MultiFactorAuthPresent\`. Policies are evaluated, not matched as text.

The result points at the offending attribute on the bucket or on its split resource (for example a retention that is too short), else at the bucket's header; the trail is a related location. The rule runs only where the trail's bucket resolves: a bucket in another account, or one the scan may not read, is unknown and gives no finding (\`--strict\` turns it into a \`review\`, and a live scan says why in a notification). A value that cannot be resolved counts as unknown too.

## How to fix
Create the log bucket with Object Lock and a default retention of at least \`minRetentionDays\`. An existing bucket can get Object Lock too, once versioning is on (\`PutObjectLockConfiguration\`); in Terraform that is the \`aws_s3_bucket_object_lock_configuration\` resource shown below (on an existing \`aws_s3_bucket\`, do not add \`object_lock_enabled\`: changing that argument replaces the bucket). If Object Lock is not an option, add a bucket policy statement that denies \`s3:DeleteObject\` and \`s3:DeleteObjectVersion\` on \`arn:aws:s3:::BUCKET/*\` to \`"*"\`, with an \`ArnNotLike\` condition on \`aws:PrincipalArn\` for a single break-glass role. Objects written before the lock was set keep no retention; apply one to them with S3 Batch Operations if they matter.

\`--fix\` offers no fix for this rule. Versioning alone does not remove the finding, and a delete-deny statement is not a safe mechanical edit: a bucket with no policy would need a whole new policy, which must also grant CloudTrail delivery (TG016), and an existing policy would need a statement merged into a document that is often built from variables or \`aws_iam_policy_document\`. Object Lock and MFA Delete cannot be turned on by a text edit either (Object Lock on an existing bucket needs versioning first, MFA Delete needs the root user's MFA device).

### Terraform
\`\`\`hcl
data "aws_caller_identity" "current" {}
data "aws_region" "current" {}

locals {
  trail_name = "org-audit-trail"
  trail_arn  = "arn:aws:cloudtrail:\${data.aws_region.current.name}:\${data.aws_caller_identity.current.account_id}:trail/\${local.trail_name}"
}

resource "aws_s3_bucket" "trail_logs" {
  bucket              = "example-org-cloudtrail-logs"
  object_lock_enabled = true
}

resource "aws_s3_bucket_versioning" "trail_logs" {
  bucket = aws_s3_bucket.trail_logs.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_object_lock_configuration" "trail_logs" {
  bucket = aws_s3_bucket.trail_logs.id
  rule {
    default_retention {
      mode = "COMPLIANCE"
      days = 365
    }
  }
}

resource "aws_s3_bucket_public_access_block" "trail_logs" {
  bucket                  = aws_s3_bucket.trail_logs.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_logging" "trail_logs" {
  bucket        = aws_s3_bucket.trail_logs.id
  target_bucket = "example-org-s3-access-logs"
  target_prefix = "cloudtrail-logs/"
}

data "aws_iam_policy_document" "trail_logs" {
  statement {
    sid       = "CloudTrailAclCheck"
    actions   = ["s3:GetBucketAcl"]
    resources = [aws_s3_bucket.trail_logs.arn]
    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceArn"
      values   = [local.trail_arn]
    }
  }

  statement {
    sid       = "CloudTrailWrite"
    actions   = ["s3:PutObject"]
    resources = ["\${aws_s3_bucket.trail_logs.arn}/AWSLogs/\${data.aws_caller_identity.current.account_id}/*"]
    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "s3:x-amz-acl"
      values   = ["bucket-owner-full-control"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceArn"
      values   = [local.trail_arn]
    }
  }
}

resource "aws_s3_bucket_policy" "trail_logs" {
  bucket = aws_s3_bucket.trail_logs.id
  policy = data.aws_iam_policy_document.trail_logs.json
}

resource "aws_cloudtrail" "main" {
  name                          = local.trail_name
  s3_bucket_name                = aws_s3_bucket.trail_logs.id
  is_multi_region_trail         = true
  include_global_service_events = true
  enable_log_file_validation    = true
  # A customer managed key kept in another stack (see TG020 and TG021).
  kms_key_id = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"

  depends_on = [aws_s3_bucket_policy.trail_logs]
}
\`\`\`

### CloudFormation
\`\`\`yaml
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  TrailLogsBucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: example-org-cloudtrail-logs
      ObjectLockEnabled: true
      ObjectLockConfiguration:
        ObjectLockEnabled: Enabled
        Rule:
          DefaultRetention:
            Mode: COMPLIANCE
            Days: 365
      VersioningConfiguration:
        Status: Enabled
      PublicAccessBlockConfiguration:
        BlockPublicAcls: true
        BlockPublicPolicy: true
        IgnorePublicAcls: true
        RestrictPublicBuckets: true
      LoggingConfiguration:
        DestinationBucketName: example-org-s3-access-logs
        LogFilePrefix: cloudtrail-logs/

  TrailLogsBucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref TrailLogsBucket
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Sid: CloudTrailAclCheck
            Effect: Allow
            Principal:
              Service: cloudtrail.amazonaws.com
            Action: s3:GetBucketAcl
            Resource: !GetAtt TrailLogsBucket.Arn
            Condition:
              StringEquals:
                aws:SourceArn: !Sub "arn:\${AWS::Partition}:cloudtrail:\${AWS::Region}:\${AWS::AccountId}:trail/org-audit-trail"
          - Sid: CloudTrailWrite
            Effect: Allow
            Principal:
              Service: cloudtrail.amazonaws.com
            Action: s3:PutObject
            Resource: !Sub "\${TrailLogsBucket.Arn}/AWSLogs/\${AWS::AccountId}/*"
            Condition:
              StringEquals:
                s3:x-amz-acl: bucket-owner-full-control
                aws:SourceArn: !Sub "arn:\${AWS::Partition}:cloudtrail:\${AWS::Region}:\${AWS::AccountId}:trail/org-audit-trail"

  AuditTrail:
    Type: AWS::CloudTrail::Trail
    DependsOn: TrailLogsBucketPolicy
    Properties:
      TrailName: org-audit-trail
      S3BucketName: !Ref TrailLogsBucket
      IsLogging: true
      IsMultiRegionTrail: true
      IncludeGlobalServiceEvents: true
      EnableLogFileValidation: true
      # A customer managed key kept in another stack (see TG020 and TG021).
      KMSKeyId: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
\`\`\`

## Equivalent checks
- Prowler: \`cloudtrail_bucket_requires_mfa_delete\` (MFA Delete only; this rule also accepts Object Lock or a deny policy)
- Trivy: AVD-AWS-0170 (MFA Delete on any bucket)
- Checkov: none known.

## References
- Amazon S3 User Guide: "Locking objects with Object Lock", "Configuring MFA delete", "Using versioning in S3 buckets".
- AWS CloudTrail User Guide: "Security best practices in AWS CloudTrail", "Validating CloudTrail log file integrity".
- IAM User Guide: "Policy evaluation logic" (an explicit deny overrides any allow).
- CIS AWS Foundations Benchmark v3.0.0: 2.1.2 (MFA Delete on S3 buckets).
- AWS Security Hub: S3.20.
`;function u1(t,e){let n=t.objectLock;if(n.kind==="unknown")return"unknown";if(!n.value?.enabled)return"no";let r=n.value.defaultRetentionDays;return r!==null&&r>=e?"yes":"no"}function d1(t){let e=t.versioningEnabled,n=t.mfaDelete;return e.kind==="known"&&!e.value||n.kind==="known"&&!n.value?"no":e.kind==="unknown"||n.kind==="unknown"?"unknown":"yes"}function f1(t,e){let n=t.policy;if(n.kind==="unknown"||t.name.kind==="unknown")return"unknown";if(n.value===null)return"no";let r=Er(e),i=`arn:aws:s3:::${t.name.value}`,o=Ed(n.value.document,{bucketArn:i,logObjectArn:`${i}/${r??""}*`});return o.result==="protected"?"yes":o.result==="unknown"||r===null?"unknown":"no"}var bb={meta:{id:"TG007",...F("TG007"),name:"log-bucket-deletable",level:"error",summary:"Log bucket lets log objects be deleted",tags:["security","cloudtrail","s3"],appliesTo:["cloudformation","terraform","live"],precision:"high",messages:{deletable:"Bucket {{bucket}} lets the logs of trail {{trail}} be deleted: it has no Object Lock retention of {{min}} days, no MFA Delete, and no bucket policy denying s3:DeleteObject and s3:DeleteObjectVersion to everyone.",unknown:"Bucket {{bucket}}: whether the logs of trail {{trail}} can be deleted cannot be determined."}},doc:yb,check(t){let e=new Map;for(let n of t.model.trails){let r=Wt(n);if(!r)continue;let i=[u1(r,t.settings.minRetentionDays),d1(r),f1(r,n)];if(i.includes("yes"))continue;let o=e.get(r)??new Set,s=Er(n)??"";if(o.has(s))continue;e.set(r,o.add(s));let a={bucket:r.label,trail:n.label,min:String(t.settings.minRetentionDays)},l=[{at:n,message:`trail ${n.label} writes its logs here`}];i.includes("unknown")?t.review({kind:"unknown",reason:"unsupported-expression",loc:r.loc},{messageId:"unknown",data:a,entity:r,related:l}):t.report({messageId:"deletable",data:a,at:r,related:l})}}};var wb=`# TG008 log-bucket-public
This rule checks that a trail's log bucket is not public and cannot be made public by a single careless change. It looks at the bucket's Block Public Access settings, at its bucket policy and at its ACL, and reports each problem it finds separately.

## Why it matters
CloudTrail logs are a map of the account: account IDs, role and user names, resource ARNs, source IP addresses, the services in use and the errors they return. In public hands they help an attacker plan, and they show what the defenders can see. Block Public Access is the guard rail that stops a later policy or ACL edit from exposing the bucket; S3 turns all four settings on for buckets created since April 2023, but older buckets, imported buckets and buckets whose settings were edited may lack them, and code that does not pin them can lose them without notice. A bucket policy that allows \`*\` without a restricting condition, or an ACL grant to AllUsers or AuthenticatedUsers ("any AWS account"), makes the logs readable, or even writable, by strangers.

## What fails
Each cause is a separate result, located at its own attribute:
- A public access block that is missing, or that has any of its four settings (\`block_public_acls\`, \`block_public_policy\`, \`ignore_public_acls\`, \`restrict_public_buckets\`; CloudFormation \`PublicAccessBlockConfiguration\`) false or absent: one result per setting. A setting counts as on when it is on at the bucket level or at the account level (\`aws_s3_account_public_access_block\` in the scanned files; live, the account's settings). A bucket with no public access block in the scanned files fails at its header even though S3 now enables one on new buckets: the code does not pin it, and existing or imported buckets may lack it. This is the one exception to "provider defaults count".
- A bucket policy statement that allows a principal \`*\` (or \`{"AWS": "*"}\`) without a restricting condition. Restricting conditions are \`aws:SourceArn\`, \`aws:SourceAccount\`, \`aws:SourceOrgID\`, \`aws:PrincipalOrgID\`, \`aws:PrincipalAccount\`, \`aws:PrincipalArn\`, \`aws:SourceVpc\`, \`aws:SourceVpce\` and \`aws:SourceIp\` (other than \`0.0.0.0/0\`); conditions such as \`aws:SecureTransport\`, \`s3:x-amz-acl\`, \`aws:UserAgent\` or \`aws:Referer\` do not restrict anything. The policy is evaluated, so \`Deny\` statements, \`NotPrincipal\` and wildcards are taken into account.
- An ACL that grants to AllUsers or AuthenticatedUsers: the canned ACLs \`public-read\`, \`public-read-write\` and \`authenticated-read\` (\`acl\` on \`aws_s3_bucket\` or \`aws_s3_bucket_acl\`, \`AccessControl\` in CloudFormation), or explicit grants.

The trail is a related location. The rule runs only where the trail's bucket resolves: a bucket in another account, or one the scan may not read, is unknown and gives no finding (\`--strict\` turns it into a \`review\`; a live scan also says why in a notification). A setting or policy that cannot be resolved counts as unknown too.

## How to fix
Pin all four Block Public Access settings on the bucket, disable ACLs with the \`BucketOwnerEnforced\` object ownership setting, and grant access in the bucket policy only to CloudTrail and to named principals. Blocking public access does not affect CloudTrail delivery, which is granted to the \`cloudtrail.amazonaws.com\` service principal under an \`aws:SourceArn\` condition.

\`trailguard scan --fix\` pins the public access block: a setting that is off or absent is turned on where it is written (a literal, the block, or a Terraform variable's default, tfvars or \`--var-file\` assignment or literal module argument, unless that value also feeds something else: then a \`fix-unavailable\` note says what), and a bucket with no public access block at all gets one with the four settings on: in Terraform a new \`aws_s3_bucket_public_access_block\` resource after the bucket's block, referencing \`aws_s3_bucket.NAME.id\` and made through the bucket's \`provider\` (not for a bucket with \`count\` or \`for_each\`); in CloudFormation a \`PublicAccessBlockConfiguration\` in the bucket's \`Properties\`, indented as the file is. Policies and ACLs are not fixed.

### Terraform
\`\`\`hcl
data "aws_caller_identity" "current" {}
data "aws_region" "current" {}

locals {
  trail_name = "org-audit-trail"
  trail_arn  = "arn:aws:cloudtrail:\${data.aws_region.current.name}:\${data.aws_caller_identity.current.account_id}:trail/\${local.trail_name}"
}

resource "aws_s3_bucket" "trail_logs" {
  bucket              = "example-org-cloudtrail-logs"
  object_lock_enabled = true
}

resource "aws_s3_bucket_versioning" "trail_logs" {
  bucket = aws_s3_bucket.trail_logs.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_object_lock_configuration" "trail_logs" {
  bucket = aws_s3_bucket.trail_logs.id
  rule {
    default_retention {
      mode = "COMPLIANCE"
      days = 365
    }
  }
}

resource "aws_s3_bucket_public_access_block" "trail_logs" {
  bucket                  = aws_s3_bucket.trail_logs.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "trail_logs" {
  bucket = aws_s3_bucket.trail_logs.id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_logging" "trail_logs" {
  bucket        = aws_s3_bucket.trail_logs.id
  target_bucket = "example-org-s3-access-logs"
  target_prefix = "cloudtrail-logs/"
}

data "aws_iam_policy_document" "trail_logs" {
  statement {
    sid       = "CloudTrailAclCheck"
    actions   = ["s3:GetBucketAcl"]
    resources = [aws_s3_bucket.trail_logs.arn]
    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceArn"
      values   = [local.trail_arn]
    }
  }

  statement {
    sid       = "CloudTrailWrite"
    actions   = ["s3:PutObject"]
    resources = ["\${aws_s3_bucket.trail_logs.arn}/AWSLogs/\${data.aws_caller_identity.current.account_id}/*"]
    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "s3:x-amz-acl"
      values   = ["bucket-owner-full-control"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceArn"
      values   = [local.trail_arn]
    }
  }
}

resource "aws_s3_bucket_policy" "trail_logs" {
  bucket = aws_s3_bucket.trail_logs.id
  policy = data.aws_iam_policy_document.trail_logs.json
}

resource "aws_cloudtrail" "main" {
  name                          = local.trail_name
  s3_bucket_name                = aws_s3_bucket.trail_logs.id
  is_multi_region_trail         = true
  include_global_service_events = true
  enable_log_file_validation    = true
  # A customer managed key kept in another stack (see TG020 and TG021).
  kms_key_id = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"

  depends_on = [aws_s3_bucket_policy.trail_logs]
}
\`\`\`

### CloudFormation
\`\`\`yaml
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  TrailLogsBucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: example-org-cloudtrail-logs
      ObjectLockEnabled: true
      ObjectLockConfiguration:
        ObjectLockEnabled: Enabled
        Rule:
          DefaultRetention:
            Mode: COMPLIANCE
            Days: 365
      VersioningConfiguration:
        Status: Enabled
      PublicAccessBlockConfiguration:
        BlockPublicAcls: true
        BlockPublicPolicy: true
        IgnorePublicAcls: true
        RestrictPublicBuckets: true
      OwnershipControls:
        Rules:
          - ObjectOwnership: BucketOwnerEnforced
      LoggingConfiguration:
        DestinationBucketName: example-org-s3-access-logs
        LogFilePrefix: cloudtrail-logs/

  TrailLogsBucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref TrailLogsBucket
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Sid: CloudTrailAclCheck
            Effect: Allow
            Principal:
              Service: cloudtrail.amazonaws.com
            Action: s3:GetBucketAcl
            Resource: !GetAtt TrailLogsBucket.Arn
            Condition:
              StringEquals:
                aws:SourceArn: !Sub "arn:\${AWS::Partition}:cloudtrail:\${AWS::Region}:\${AWS::AccountId}:trail/org-audit-trail"
          - Sid: CloudTrailWrite
            Effect: Allow
            Principal:
              Service: cloudtrail.amazonaws.com
            Action: s3:PutObject
            Resource: !Sub "\${TrailLogsBucket.Arn}/AWSLogs/\${AWS::AccountId}/*"
            Condition:
              StringEquals:
                s3:x-amz-acl: bucket-owner-full-control
                aws:SourceArn: !Sub "arn:\${AWS::Partition}:cloudtrail:\${AWS::Region}:\${AWS::AccountId}:trail/org-audit-trail"

  AuditTrail:
    Type: AWS::CloudTrail::Trail
    DependsOn: TrailLogsBucketPolicy
    Properties:
      TrailName: org-audit-trail
      S3BucketName: !Ref TrailLogsBucket
      IsLogging: true
      IsMultiRegionTrail: true
      IncludeGlobalServiceEvents: true
      EnableLogFileValidation: true
      # A customer managed key kept in another stack (see TG020 and TG021).
      KMSKeyId: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
\`\`\`

## Equivalent checks
- Checkov: CKV_AWS_53, CKV_AWS_54, CKV_AWS_55, CKV_AWS_56 (the four Block Public Access settings), CKV_AWS_20, CKV_AWS_57 (public ACLs), CKV_AWS_70 (policy allowing any principal); all of them check every bucket, this rule only the trail's bucket.
- Trivy: AVD-AWS-0161
- Prowler: \`cloudtrail_logs_s3_bucket_is_not_publicly_accessible\`

## References
- Amazon S3 User Guide: "Blocking public access to your Amazon S3 storage", "Controlling ownership of objects and disabling ACLs for your bucket", "Access control list (ACL) overview".
- AWS CloudTrail User Guide: "Amazon S3 bucket policy for CloudTrail".
- CIS AWS Foundations Benchmark v3.0.0: 2.1.4 (Block Public Access on S3 buckets). The CloudTrail-specific item (3.3 in v1.4.0) is no longer in v3.0.0.
- AWS Security Hub: CloudTrail.6; S3.1 (Block Public Access at the account level) and S3.8 (at the bucket level), which this rule applies to the trail's bucket.
`;var kb=[["blockPublicAcls","BlockPublicAcls"],["ignorePublicAcls","IgnorePublicAcls"],["blockPublicPolicy","BlockPublicPolicy"],["restrictPublicBuckets","RestrictPublicBuckets"]],m1=new Set(["public-read","public-read-write","authenticated-read"]),h1=/acs\.amazonaws\.com\/groups\/global\/(AllUsers|AuthenticatedUsers)$/;function Pd(t){return t.replace(/([a-z])([A-Z])/g,"$1-$2").toLowerCase()}var vb={meta:{id:"TG008",...F("TG008"),name:"log-bucket-public",level:"error",summary:"Log bucket is or can become public",tags:["security","cloudtrail","s3"],appliesTo:["cloudformation","terraform","live"],precision:"high",fix:"safe",messages:{noBlock:"Bucket {{bucket}} holds the logs of {{trail}} but has no public access block: a policy or ACL could make the logs public.",setting:"Bucket {{bucket}} holds the logs of {{trail}} but its public access block has {{setting}} off.",policy:"Bucket {{bucket}}'s policy lets anyone ({{principal}}) access it without a restricting condition: the logs of {{trail}} are public.",acl:"Bucket {{bucket}} grants {{grantee}} through its ACL: the logs of {{trail}} are public.",unknown:"Bucket {{bucket}}: whether it is public cannot be determined."}},doc:wb,check(t){let e=new Set;for(let n of t.model.trails){let r=Wt(n);r&&e.add(r)}for(let n of e)g1(t,n,Da(n,t.model.trails).map(r=>r.label).join(", "))}};function g1(t,e,n){let r={bucket:e.label,trail:n},i=t.model.account.publicAccessBlock,o=u=>i?.kind==="known"&&!!i.value&&i.value[u].kind==="known"&&i.value[u].value===!0,s=e.publicAccessBlock;if(s.kind==="unknown")t.review(s,{messageId:"unknown",data:r,entity:e});else if(s.value===null)kb.every(([u])=>o(u))||t.report({messageId:"noBlock",data:r,at:e,key:"public-access-block",fix:{add:"public-access-block"}});else for(let[u,d]of kb)o(u)||xt(t,s.value[u],{off:"setting",unknown:"unknown",data:{...r,setting:d},entity:e,key:`public-access-block:${d}`});let a=e.policy;if(a.kind==="unknown")t.review(a,{messageId:"unknown",data:r,entity:e});else if(a.value){let u=$d(a.value.document);for(let d of u.statements){let f=a.value.statementLocs[d]??a.loc;t.report({messageId:"policy",data:{...r,principal:"*"},at:O(d,f),entity:e,key:`policy:${d}`})}u.unknown&&u.statements.length===0&&t.review({kind:"unknown",reason:"unsupported-expression",loc:a.loc},{messageId:"unknown",data:r,entity:e})}let l=e.acl;l.kind==="unknown"?t.review(l,{messageId:"unknown",data:r,entity:e}):l.value&&m1.has(Pd(l.value))&&t.report({messageId:"acl",data:{...r,grantee:Pd(l.value)==="authenticated-read"?"every AWS account (authenticated-read)":`everyone (${Pd(l.value)})`},at:l,entity:e,key:"acl"});let c=e.aclGranteeUris;if(c.kind==="known"){let u=c.value.find(d=>h1.test(d));u&&t.report({messageId:"acl",data:{...r,grantee:u.replace(/^.*\//,"")},at:c,entity:e,key:"acl-grant"})}}var _b=`# TG009 log-bucket-short-retention
This rule checks that a trail's log files are kept at least as long as your retention minimum (\`minRetentionDays\`, 365 days by default). It reports lifecycle rules that expire the log files earlier, and an Object Lock default retention that is shorter than the minimum.

## Why it matters
Intrusions are found late: investigations routinely reach back many months, and regulations often ask for a year of audit logs or more (PCI DSS asks for twelve months, with three immediately available). A lifecycle rule written to cut storage costs, or copied from another bucket, quietly deletes the evidence every night, and nobody notices until the day it is needed. Storage costs can be cut without losing anything by moving old log files to an archive storage class instead of expiring them. The CloudTrail Event history is no substitute: it keeps only 90 days of management events.

## What fails
- An enabled lifecycle rule (\`aws_s3_bucket_lifecycle_configuration\`, the v3 inline \`lifecycle_rule\` block, CloudFormation \`LifecycleConfiguration.Rules\`, or the live configuration) whose filter covers the trail's log prefix (\`[s3_key_prefix/]AWSLogs/...\`) and which expires current log objects after fewer than \`minRetentionDays\` days (\`expiration.days\` / \`ExpirationInDays\`, or an expiration date that comes sooner). A rule with no filter, an empty prefix, or a prefix that the log path starts with, covers the logs; a rule limited to another prefix does not. Disabled rules do not count.
- Expiration of noncurrent versions (\`noncurrent_version_expiration\` / \`NoncurrentVersionExpiration\`) does not count: it removes old versions, not the current log files.
- An Object Lock default retention shorter than \`minRetentionDays\` (a retention in years counts 365 days per year).
- The result points at the offending attribute on the bucket or its split resource (else at the bucket's header); the trail is a related location.
- The rule runs only where the trail's bucket resolves: a bucket in another account, or one the scan may not read, is unknown and gives no finding (\`--strict\` turns it into a \`review\`). A days value or filter that cannot be resolved counts as unknown too.

## How to fix
Lengthen the expiration to at least \`minRetentionDays\`, or replace it with a transition to an archive storage class. If the bucket holds other data with a shorter life, give that data its own prefix and limit the short rule to it. Raise an Object Lock default retention that is too short; in compliance mode the retention of objects already written cannot be shortened, but it can be lengthened.

### Terraform
\`\`\`hcl
data "aws_caller_identity" "current" {}
data "aws_region" "current" {}

locals {
  trail_name = "org-audit-trail"
  trail_arn  = "arn:aws:cloudtrail:\${data.aws_region.current.name}:\${data.aws_caller_identity.current.account_id}:trail/\${local.trail_name}"
}

resource "aws_s3_bucket" "trail_logs" {
  bucket              = "example-org-cloudtrail-logs"
  object_lock_enabled = true
}

resource "aws_s3_bucket_versioning" "trail_logs" {
  bucket = aws_s3_bucket.trail_logs.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_object_lock_configuration" "trail_logs" {
  bucket = aws_s3_bucket.trail_logs.id
  rule {
    default_retention {
      mode = "COMPLIANCE"
      days = 365
    }
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "trail_logs" {
  bucket = aws_s3_bucket.trail_logs.id

  rule {
    id     = "archive-trail-logs"
    status = "Enabled"

    filter {
      prefix = "AWSLogs/"
    }

    transition {
      days          = 90
      storage_class = "GLACIER"
    }

    expiration {
      days = 730
    }

    noncurrent_version_expiration {
      noncurrent_days = 30
    }
  }

  depends_on = [aws_s3_bucket_versioning.trail_logs]
}

resource "aws_s3_bucket_public_access_block" "trail_logs" {
  bucket                  = aws_s3_bucket.trail_logs.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_logging" "trail_logs" {
  bucket        = aws_s3_bucket.trail_logs.id
  target_bucket = "example-org-s3-access-logs"
  target_prefix = "cloudtrail-logs/"
}

data "aws_iam_policy_document" "trail_logs" {
  statement {
    sid       = "CloudTrailAclCheck"
    actions   = ["s3:GetBucketAcl"]
    resources = [aws_s3_bucket.trail_logs.arn]
    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceArn"
      values   = [local.trail_arn]
    }
  }

  statement {
    sid       = "CloudTrailWrite"
    actions   = ["s3:PutObject"]
    resources = ["\${aws_s3_bucket.trail_logs.arn}/AWSLogs/\${data.aws_caller_identity.current.account_id}/*"]
    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "s3:x-amz-acl"
      values   = ["bucket-owner-full-control"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceArn"
      values   = [local.trail_arn]
    }
  }
}

resource "aws_s3_bucket_policy" "trail_logs" {
  bucket = aws_s3_bucket.trail_logs.id
  policy = data.aws_iam_policy_document.trail_logs.json
}

resource "aws_cloudtrail" "main" {
  name                          = local.trail_name
  s3_bucket_name                = aws_s3_bucket.trail_logs.id
  is_multi_region_trail         = true
  include_global_service_events = true
  enable_log_file_validation    = true
  # A customer managed key kept in another stack (see TG020 and TG021).
  kms_key_id = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"

  depends_on = [aws_s3_bucket_policy.trail_logs]
}
\`\`\`

### CloudFormation
\`\`\`yaml
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  TrailLogsBucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: example-org-cloudtrail-logs
      ObjectLockEnabled: true
      ObjectLockConfiguration:
        ObjectLockEnabled: Enabled
        Rule:
          DefaultRetention:
            Mode: COMPLIANCE
            Days: 365
      VersioningConfiguration:
        Status: Enabled
      LifecycleConfiguration:
        Rules:
          - Id: archive-trail-logs
            Status: Enabled
            Prefix: AWSLogs/
            Transitions:
              - StorageClass: GLACIER
                TransitionInDays: 90
            ExpirationInDays: 730
            NoncurrentVersionExpiration:
              NoncurrentDays: 30
      PublicAccessBlockConfiguration:
        BlockPublicAcls: true
        BlockPublicPolicy: true
        IgnorePublicAcls: true
        RestrictPublicBuckets: true
      LoggingConfiguration:
        DestinationBucketName: example-org-s3-access-logs
        LogFilePrefix: cloudtrail-logs/

  TrailLogsBucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref TrailLogsBucket
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Sid: CloudTrailAclCheck
            Effect: Allow
            Principal:
              Service: cloudtrail.amazonaws.com
            Action: s3:GetBucketAcl
            Resource: !GetAtt TrailLogsBucket.Arn
            Condition:
              StringEquals:
                aws:SourceArn: !Sub "arn:\${AWS::Partition}:cloudtrail:\${AWS::Region}:\${AWS::AccountId}:trail/org-audit-trail"
          - Sid: CloudTrailWrite
            Effect: Allow
            Principal:
              Service: cloudtrail.amazonaws.com
            Action: s3:PutObject
            Resource: !Sub "\${TrailLogsBucket.Arn}/AWSLogs/\${AWS::AccountId}/*"
            Condition:
              StringEquals:
                s3:x-amz-acl: bucket-owner-full-control
                aws:SourceArn: !Sub "arn:\${AWS::Partition}:cloudtrail:\${AWS::Region}:\${AWS::AccountId}:trail/org-audit-trail"

  AuditTrail:
    Type: AWS::CloudTrail::Trail
    DependsOn: TrailLogsBucketPolicy
    Properties:
      TrailName: org-audit-trail
      S3BucketName: !Ref TrailLogsBucket
      IsLogging: true
      IsMultiRegionTrail: true
      IncludeGlobalServiceEvents: true
      EnableLogFileValidation: true
      # A customer managed key kept in another stack (see TG020 and TG021).
      KMSKeyId: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
\`\`\`

## Equivalent checks
None known: Checkov, Trivy and Prowler check that a lifecycle configuration exists, not that it keeps log files long enough.

## References
- Amazon S3 User Guide: "Managing your storage lifecycle", "Lifecycle configuration elements", "Locking objects with Object Lock".
- AWS CloudTrail User Guide: "Finding your CloudTrail log files", "Working with CloudTrail Event history" (90 days).
- PCI DSS v4.0: requirement 10.5.1 (retain audit log history for at least 12 months).
`;function b1(t,e){return e.startsWith(t)||t.startsWith(e)}var Sb={meta:{id:"TG009",...F("TG009"),name:"log-bucket-short-retention",level:"warning",summary:"Log bucket deletes or releases logs before the minimum retention",tags:["security","cloudtrail","s3"],appliesTo:["cloudformation","terraform","live"],precision:"high",messages:{expires:"Bucket {{bucket}} expires the log objects of trail {{trail}} after {{days}} days, sooner than the {{min}} days required.",lockShort:"Bucket {{bucket}} keeps Object Lock retention for {{days}} days only, less than the {{min}} days required.",unknown:"Bucket {{bucket}}: how long it keeps the logs of trail {{trail}} cannot be determined."}},doc:_b,check(t){let e=t.settings.minRetentionDays,n=new Set;for(let r of t.model.trails){let i=Wt(r);if(!i||(w1(t,r,i,e),n.has(i)))continue;n.add(i);let o=i.objectLock;if(o.kind==="unknown"){t.review(o,{messageId:"unknown",data:{bucket:i.label,trail:r.label},entity:i});continue}let s=o.value?.defaultRetentionDays;o.value?.enabled&&typeof s=="number"&&s<e&&t.report({messageId:"lockShort",data:{bucket:i.label,days:String(s),min:String(e)},at:o,entity:i,key:"object-lock",related:[{at:r,message:`trail ${r.label}`}]})}}};function w1(t,e,n,r){let i={bucket:n.label,trail:e.label,min:String(r)},o=[{at:e,message:`trail ${e.label}`}],s=n.lifecycle;if(s.kind==="unknown")return t.review(s,{messageId:"unknown",data:i,entity:n,related:o});let a=Er(e);for(let l of s.value)if(!(l.enabled===!1||l.expirationDays===null||typeof l.expirationDays=="number"&&l.expirationDays>=r)){if(x(l.enabled)||x(l.expirationDays)){t.review({kind:"unknown",reason:"unsupported-expression",loc:l.loc},{messageId:"unknown",data:i,entity:n,related:o});continue}if(!(l.enabled!==!0||typeof l.expirationDays!="number"||l.expirationDays>=r)&&l.prefix!==null){if(typeof l.prefix!="string"||a===null){t.review({kind:"unknown",reason:"unsupported-expression",loc:l.loc},{messageId:"unknown",data:i,entity:n,related:o});continue}b1(l.prefix,a)&&t.report({messageId:"expires",data:{...i,days:String(l.expirationDays)},at:{kind:"known",value:l.expirationDays,origin:"explicit",loc:l.loc},entity:n,key:"lifecycle",related:o})}}}var $b=":_#=@/;,- ",xb="^$?[]{}|\\*+.",Ab={negate:!1,ranges:[[48,57]]},Tb={negate:!1,ranges:[[48,57],[65,90],[95,95],[97,122]]},Cb={negate:!1,ranges:[[9,10],[13,13],[32,32]]},k1={negate:!0,ranges:[]};function v1(t){return/^[A-Za-z0-9]$/.test(t)}function Nd(t){return{negate:!1,ranges:[[t,t]]}}function Ld(t){return{negate:!t.negate,ranges:t.ranges}}function _1(t,e){let n=!1;for(let[r,i]of t.ranges)if(e>=r&&e<=i){n=!0;break}return n!==t.negate}var Ee=class{constructor(e,n){this.message=e;this.offset=n}message;offset};function Eb(t,e){if(t.charCodeAt(0)>127)throw new Ee("multi-byte characters are not supported in a regular expression",e);if(t==="("||t===")")throw new Ee("parentheses are not supported in a regular expression",e);if(!v1(t)&&!$b.includes(t)&&!xb.includes(t))throw new Ee(`the character '${t}' is not supported in a regular expression (use \\xhh)`,e)}var Dd=class{constructor(e){this.src=e}src;pos=0;parse(){let e=[[]],n=0;for(;this.pos<this.src.length;){let r=this.src[this.pos],i=e[e.length-1];if(r==="|"){if(i.length===0)throw new Ee("empty alternative before '|'",this.pos);this.pos++,e.push([]);continue}if(r==="^"||r==="$"){this.pos++,i.push({kind:r==="^"?"bol":"eol"}),this.rejectQuantifier("an anchor cannot be repeated");continue}let o=this.pos,s=this.atom(),a=this.quantified(s,o);if(n+=a.length,n>5e3)throw new Ee("the regular expression is too large",o);i.push(...a)}if(e[e.length-1].length===0)throw new Ee("empty alternative after '|'",this.src.length);return{branches:e}}rejectQuantifier(e){let n=this.src[this.pos];if(n==="*"||n==="+"||n==="?"||n==="{")throw new Ee(e,this.pos)}atom(){let e=this.pos,n=this.src[this.pos];switch(n){case".":return this.pos++,k1;case"[":return this.charClass();case"\\":return this.escape(!1);case"*":case"+":case"?":case"{":throw new Ee(`'${n}' has nothing to repeat`,e);case"]":case"}":throw new Ee(`unmatched '${n}'`,e);default:return Eb(n,e),this.pos++,Nd(n.charCodeAt(0))}}escape(e){let n=this.pos,r=this.src[this.pos+1];if(r===void 0)throw new Ee("a backslash ends the regular expression",n);switch(this.pos+=2,r){case"d":return Ab;case"D":return Ld(Ab);case"w":return Tb;case"W":return Ld(Tb);case"s":return Cb;case"S":return Ld(Cb);case"x":{let i=this.src.slice(this.pos,this.pos+2);if(!/^[0-9A-Fa-f]{2}$/.test(i))throw new Ee("\\x needs two hexadecimal digits",n);return this.pos+=2,Nd(parseInt(i,16))}default:if(xb.includes(r)||$b.includes(r)||e&&r==="-")return Nd(r.charCodeAt(0));throw new Ee(`unsupported escape '\\${r}'`,n)}}charClass(){let e=this.pos;this.pos++;let n=!1;this.src[this.pos]==="^"&&(n=!0,this.pos++);let r=[],i=!0;for(;;){let o=this.pos,s=this.src[this.pos];if(s===void 0)throw new Ee("unterminated character class",e);if(s==="]"&&!i){this.pos++;break}i=!1;let a=this.classMember();if(a.kind==="set"){r.push(...this.setRanges(a.set,o));continue}if(this.src[this.pos]==="-"&&this.src[this.pos+1]!==void 0&&this.src[this.pos+1]!=="]"){this.pos++;let l=this.pos,c=this.classMember();if(c.kind==="set")throw new Ee("a class escape cannot end a range",l);if(c.code<a.code)throw new Ee("range out of order in character class",o);r.push([a.code,c.code])}else r.push([a.code,a.code])}return{negate:n,ranges:r}}setRanges(e,n){if(!e.negate)return[...e.ranges];let r=[],i=0,o=[...e.ranges].sort((s,a)=>s[0]-a[0]);for(let[s,a]of o)s>i&&r.push([i,s-1]),i=Math.max(i,a+1);if(i<=65535&&r.push([i,65535]),r.length===0)throw new Ee("empty character class",n);return r}classMember(){let e=this.pos,n=this.src[this.pos];if(n==="\\"){let r=this.escape(!0),i=r.ranges[0];return!r.negate&&r.ranges.length===1&&i!==void 0&&i[0]===i[1]?{kind:"char",code:i[0]}:{kind:"set",set:r}}return Eb(n,e),this.pos++,{kind:"char",code:n.charCodeAt(0)}}quantified(e,n){let r=this.src[this.pos],i={kind:"char",set:e,rep:"one"},o={kind:"char",set:e,rep:"opt"},s={kind:"char",set:e,rep:"star"},a;if(r==="?")this.pos++,a=[o];else if(r==="*")this.pos++,a=[s];else if(r==="+")this.pos++,a=[i,s];else if(r==="{"){let[l,c]=this.braces();if(c!==null&&c>1e3)throw new Ee("a repetition count above 1000 is not supported",n);if(l>1e3)throw new Ee("a repetition count above 1000 is not supported",n);a=[];for(let u=0;u<l;u++)a.push(i);if(c===null)a.push(s);else for(let u=l;u<c;u++)a.push(o)}else return[i];return this.rejectQuantifier("a quantifier cannot follow another quantifier"),a}braces(){let e=this.pos,n=this.src.indexOf("}",e);if(n<0)throw new Ee("unterminated repetition '{'",e);let r=this.src.slice(e+1,n),i=/^\s*(\d*)\s*(,?)\s*(\d*)\s*$/.exec(r);if(i===null||i[1]===""&&i[3]==="")throw new Ee("invalid repetition '{...}'",e);let o=i[1]===""?0:Number(i[1]),s=i[2]===""?o:i[3]===""?null:Number(i[3]);if(s!==null&&s<o)throw new Ee("repetition maximum is below its minimum",e);return this.pos=n+1,[o,s]}};function Mo(t){if(t.length===0)return{ok:!1,message:"empty regular expression",offset:0};try{return{ok:!0,program:new Dd(t).parse()}}catch(e){if(e instanceof Ee)return{ok:!1,message:e.message,offset:e.offset};throw e}}function Ba(t,e){let n=[],r=0;for(let d of t.branches)n.push(r),r+=d.length+1;let i=new Array(r).fill(null);t.branches.forEach((d,f)=>{d.forEach((p,h)=>{i[n[f]+h]=p})});let o=e.length,s=new Uint32Array(r),a=1,l=[],c=!1,u=(d,f,p)=>{let h=[f];for(;h.length>0;){let m=h.pop();if(s[m]===a)continue;s[m]=a,d.push(m);let g=i[m];if(g==null){c=!0;continue}g.kind==="bol"?p===0&&h.push(m+1):g.kind==="eol"?p===o&&h.push(m+1):g.rep!=="one"&&h.push(m+1)}};for(let d=0;;d++){for(let h of n)u(l,h,d);if(c)return!0;if(d===o)return!1;let f=e.charCodeAt(d);a++,a===4294967295&&(s=new Uint32Array(r),a=1);let p=[];for(let h of l){let m=i[h];m==null||m.kind!=="char"||_1(m.set,f)&&u(p,m.rep==="star"?h:h+1,d+1)}if(c)return!0;l=p}}var Vd=200,Ib=1,Fd=3,jd=2,S1=/^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/,A1=/[A-Za-z0-9_-]/,T1=/[A-Za-z0-9_]/,C1=new Set([" ","	",`
`,"\r","\f","\v","(",")","{","}","[","]",",",'"',"&","|","=","!","<",">"]),Ua=class{constructor(e,n){this.message=e;this.offset=n}message;offset};function Md(t){return t===" "||t==="	"||t===`
`||t==="\r"||t==="\f"||t==="\v"}function E1(t){return t.kind==="and"||t.kind==="or"}function Rb(t,e){if(e.length===1)return e[0];let n=[];for(let r of e)E1(r)&&r.kind===t?n.push(...r.operands):n.push(r);return{kind:t,operands:n}}function Gt(t){return t===void 0?"the end of the pattern":t===`
`?"a newline":`'${t}'`}var Wd=class{constructor(e){this.text=e}text;pos=0;depth=0;wildcardSelectors=0;regexes=0;parse(){this.skipSpace();let e=this.text[this.pos];return e==="{"?this.jsonPattern():e==="["?this.delimitedPattern():e==="%"?this.regexPattern():this.termPattern()}fail(e,n=this.pos){throw new Ua(e,n)}skipSpace(){for(;Md(this.text[this.pos]);)this.pos++}startsWith(e){return this.text.startsWith(e,this.pos)}expect(e,n){this.skipSpace(),this.startsWith(e)||this.fail(`expected ${n} but found ${Gt(this.text[this.pos])}`),this.pos+=e.length}expectEnd(e){this.skipSpace(),this.pos<this.text.length&&this.fail(`unexpected ${Gt(this.text[this.pos])} after the closing '${e}'`)}word(){let e=this.pos;for(;/[A-Za-z]/.test(this.text[this.pos]??"");)this.pos++;return this.text.slice(e,this.pos)}quoted(){let e=this.pos;this.pos++;let n="";for(;;){let r=this.text[this.pos];if(r===void 0&&this.fail("unterminated quoted string",e),r==='"')return this.pos++,n;if(r==="\\"){let i=this.text[this.pos+1];i===void 0&&this.fail("unterminated quoted string",e),n+=i,this.pos+=2;continue}n+=r,this.pos++}}regexBody(){let e=this.pos,n=this.text.indexOf("%",e+1);n<0&&this.fail("unterminated regular expression (no closing '%')",e);let r=this.text.slice(e+1,n),i=Mo(r);return i.ok||this.fail(i.message,e+1+i.offset),this.pos=n+1,r}or(e){let n=[this.and(e)];for(;this.skipSpace(),!!this.startsWith("||");)this.pos+=2,n.push(this.and(e));return Rb("or",n)}and(e){let n=[this.unary(e)];for(;this.skipSpace(),!!this.startsWith("&&");)this.pos+=2,n.push(this.unary(e));return Rb("and",n)}unary(e){if(this.skipSpace(),this.text[this.pos]!=="(")return e();let n=this.pos;this.depth>=Vd&&this.fail(`parentheses nested deeper than ${Vd} levels`,n),this.depth++,this.pos++;let r=this.or(e);return this.skipSpace(),this.text[this.pos]!==")"&&this.fail(`expected ')' to close the '(' at offset ${n} but found ${Gt(this.text[this.pos])}`),this.pos++,this.depth--,r}operator(){for(let e of["!=","<=",">=","=","<",">"])if(this.startsWith(e))return this.pos+=e.length,e;return null}value(e){this.skipSpace();let n=this.pos,r=this.text[this.pos],i;if(r==='"')i={kind:"string",value:this.quoted()};else if(r==="%")this.regexes++,this.regexes>jd&&this.fail(`a filter pattern may contain at most ${jd} regular expressions`,n),i={kind:"regex",source:this.regexBody()};else{for(;this.pos<this.text.length&&!C1.has(this.text[this.pos]);)this.pos++;let o=this.text.slice(n,this.pos);o===""&&this.fail(`expected a value after '${e}' but found ${Gt(r)}`),i=S1.test(o)?{kind:"number",text:o}:{kind:"string",value:o}}return e!=="="&&e!=="!="&&i.kind!=="number"&&this.fail(`'${e}' compares numbers, so its value must be a number`,n),i}jsonPattern(){this.pos++,this.skipSpace(),this.text[this.pos]==="}"&&this.fail("empty JSON filter pattern: expected a condition inside '{ }'");let e=this.or(()=>this.jsonCondition());return this.expect("}","'&&', '||' or '}'"),this.expectEnd("}"),{kind:"json",expr:e}}jsonCondition(){this.skipSpace();let e=this.selector();this.skipSpace();let n=this.pos;if(/[A-Za-z]/.test(this.text[this.pos]??"")){let i=this.word();if(i==="IS"){this.skipSpace();let o=this.pos,s=this.word();if(s==="TRUE"||s==="FALSE"||s==="NULL")return{kind:"is",selector:e,test:s==="TRUE"?"true":s==="FALSE"?"false":"null"};s==="NOT"&&this.fail("IS NOT is not supported (use IS TRUE, IS FALSE, IS NULL or NOT EXISTS)",n),this.fail("expected TRUE, FALSE or NULL after IS",o)}if(i==="NOT"){this.skipSpace();let o=this.pos;if(this.word()==="EXISTS")return{kind:"notExists",selector:e};this.fail("expected EXISTS after NOT",o)}i==="EXISTS"&&this.fail("EXISTS is not supported (only NOT EXISTS is)",n),this.fail(`unknown keyword '${i}' after the selector (expected =, !=, <, >, <=, >=, IS or NOT EXISTS)`,n)}let r=this.operator();return r===null&&this.fail(`expected an operator (=, !=, <, >, <=, >=, IS or NOT EXISTS) but found ${Gt(this.text[this.pos])}`),{kind:"compare",selector:e,op:r,value:this.value(r)}}selector(){let e=this.pos;this.text[this.pos]!=="$"&&this.fail(`expected a property selector starting with '$.' but found ${Gt(this.text[this.pos])}`),this.pos++,this.text[this.pos]!=="."&&this.fail("a property selector starts with '$.'"),this.pos++;let n=[],r=this.text[this.pos];for(r==="*"?(this.pos++,n.push({kind:"anyField"})):r==="["?n.push(this.bracket(!1)):n.push({kind:"field",name:this.name()});;){let o=this.text[this.pos];if(o==="."){this.pos++;let s=this.text[this.pos];s==="*"?(this.pos++,n.push({kind:"anyField"})):s==="["?n.push(this.bracket(!1)):n.push({kind:"field",name:this.name()})}else if(o==="[")n.push(this.bracket(!0));else break}let i=n.filter(o=>o.kind==="anyField"||o.kind==="anyIndex").length;return i>Ib&&this.fail("a property selector may contain only one wildcard",e),i>0&&(this.wildcardSelectors++,this.wildcardSelectors>Fd&&this.fail(`a filter pattern may contain at most ${Fd} wildcard selectors`,e)),{steps:n}}name(){let e=this.pos;for(;A1.test(this.text[this.pos]??"");)this.pos++;return this.pos===e&&this.fail(`expected a property name but found ${Gt(this.text[this.pos])}`),this.text.slice(e,this.pos)}bracket(e){let n=this.pos;this.pos++;let r=this.text[this.pos],i;if(r==="'"){let o=this.text.indexOf("'",this.pos+1);o<0&&this.fail("unterminated quoted property name",this.pos);let s=this.text.slice(this.pos+1,o);s===""&&this.fail("empty property name",this.pos),this.pos=o+1,i={kind:"field",name:s}}else if(e&&r==="*")this.pos++,i={kind:"anyIndex"};else if(e&&/[0-9]/.test(r??"")){let o=this.pos;for(;/[0-9]/.test(this.text[this.pos]??"");)this.pos++;let s=this.text.slice(o,this.pos);s.length>9&&this.fail("array index too large",o),i={kind:"index",index:Number(s)}}else this.fail(e?"expected an array index, '*' or a quoted property name in '[ ]'":"expected a quoted property name in '[ ]'",this.pos);return this.text[this.pos]!=="]"&&this.fail(`expected ']' to close the '[' at offset ${n}`),this.pos++,i}delimitedPattern(){this.pos++,this.skipSpace(),this.text[this.pos]==="]"&&this.fail("empty space-delimited pattern: expected at least one field inside '[ ]'");let e=[];for(;;){e.push(this.delimitedField()),this.skipSpace();let n=this.text[this.pos];if(n===","){this.pos++;continue}if(n==="]"){this.pos++;break}this.fail(`expected ',' or ']' but found ${Gt(n)}`)}return this.expectEnd("]"),{kind:"delimited",fields:e}}delimitedField(){if(this.skipSpace(),this.startsWith("..."))return this.pos+=3,{kind:"ellipsis"};let e=this.pos,n=this.fieldName();if(n!==null){this.skipSpace();let s=this.text[this.pos];if(s===","||s==="]"||s===void 0)return{kind:"field",name:n,condition:null}}this.pos=e;let r=[],i=this.or(()=>this.fieldComparison(r)),o=r[0].name;for(let s of r)s.name!==o&&this.fail(`a field's conditions must all name that field ('${o}'), not '${s.name}'`,s.offset);return{kind:"field",name:o,condition:i}}fieldName(){let e=this.pos;for(;T1.test(this.text[this.pos]??"");)this.pos++;return this.pos===e?null:this.text.slice(e,this.pos)}fieldComparison(e){this.skipSpace();let n=this.pos,r=this.fieldName();r===null&&this.fail(`expected a field name, '...' or '(' but found ${Gt(this.text[this.pos])}`),e.push({name:r,offset:n}),this.skipSpace();let i=this.operator();return i===null&&this.fail(`expected an operator (=, !=, <, >, <=, >=) after '${r}' but found ${Gt(this.text[this.pos])}`),{kind:"compare",op:i,value:this.value(i)}}regexPattern(){this.regexes++;let e=this.regexBody();return this.skipSpace(),this.pos<this.text.length&&this.fail("a regular expression must be the whole filter pattern"),{kind:"regex",source:e}}termPattern(){let e=[];for(;this.skipSpace(),!(this.pos>=this.text.length);){let n="include",r=this.text[this.pos];(r==="?"||r==="-")&&(n=r==="?"?"optional":"exclude",this.pos++);let i=this.pos,o=this.text[this.pos],s;if(o==='"'){s=this.quoted();let a=this.text[this.pos];a!==void 0&&!Md(a)&&this.fail(`expected a space after the closing quote but found ${Gt(a)}`)}else{for(;this.pos<this.text.length&&!Md(this.text[this.pos]);)this.text[this.pos]==='"'&&this.fail("a double quote inside an unquoted term (quote the whole term)"),this.pos++;s=this.text.slice(i,this.pos),s===""&&this.fail(`expected a term after '${r}'`,i),s.startsWith("%")&&this.fail("a regular expression must be the whole filter pattern",i)}e.push({mode:n,text:s})}return{kind:"terms",terms:e}}};function Ka(t){if(typeof t!="string")return{ok:!1,error:{message:"the filter pattern is not a string",offset:0}};try{return{ok:!0,pattern:new Wd(t).parse()}}catch(e){if(e instanceof Ua)return{ok:!1,error:{message:e.message,offset:e.offset}};if(e instanceof RangeError)return{ok:!1,error:{message:"the filter pattern is too complex",offset:0}};throw e}}var $1=/^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/,za=new Map,x1=512;function Nb(t){let e=za.get(t);if(e===void 0){let n=Mo(t);e=n.ok?n.program:null,za.size>=x1&&za.clear(),za.set(t,e)}return e}function Gd(t){return typeof t=="object"&&t!==null&&!Array.isArray(t)}function Lb(t,e){if(!t.includes("*"))return t===e;let n=t.split("*"),r=n[0],i=n[n.length-1];if(e.length<r.length+i.length||!e.startsWith(r)||!e.endsWith(i))return!1;let o=r.length,s=e.length-i.length;for(let a=1;a<n.length-1;a++){let l=n[a];if(l==="")continue;let c=e.indexOf(l,o);if(c<0||c+l.length>s)return!1;o=c+l.length}return!0}function R1(t){return t.kind==="and"||t.kind==="or"}function Ha(t,e){return R1(t)?t.kind==="and"?t.operands.every(n=>Ha(n,e)):t.operands.some(n=>Ha(n,e)):e(t)}function Db(t,e){let n=[t];for(let r of e.steps){let i=[];for(let o of n)switch(r.kind){case"field":Gd(o)&&Object.hasOwn(o,r.name)&&i.push(o[r.name]);break;case"index":Array.isArray(o)&&r.index<o.length&&i.push(o[r.index]);break;case"anyField":Gd(o)&&i.push(...Object.values(o));break;case"anyIndex":Array.isArray(o)&&i.push(...o);break}if(n=i,n.length===0)break}return n}function I1(t){return typeof t=="number"?t:typeof t=="string"&&$1.test(t)?Number(t):null}function O1(t,e,n){switch(e){case"=":return t===n;case"!=":return t!==n;case"<":return t<n;case">":return t>n;case"<=":return t<=n;case">=":return t>=n}}function Mb(t,e,n){if(typeof t!="string"&&typeof t!="number"&&typeof t!="boolean")return!1;if(n.kind==="number"){let o=I1(t);return o===null?e==="!=":O1(o,e,Number(n.text))}if(e!=="="&&e!=="!=")return!1;let r=String(t),i;if(n.kind==="string")i=Lb(n.value,r);else{let o=Nb(n.source);i=o!==null&&Ba(o,r)}return e==="="?i:!i}function P1(t,e){let n=Db(t,e.selector);switch(e.kind){case"notExists":return n.length===0;case"is":{let r=e.test==="true"?!0:e.test==="false"?!1:null;return n.some(i=>i===r)}case"compare":return n.some(r=>Mb(r,e.op,e.value))}}function Ob(t){return t===" "||t==="	"||t===`
`||t==="\r"||t==="\f"||t==="\v"}function Vb(t){let e=[],n=0;for(;n<t.length;){for(;Ob(t[n]);)n++;if(n>=t.length)break;let r=n,i=t[n],o=i==='"'?'"':i==="["?"]":null;if(o!==null){let s=t.indexOf(o,n+1);if(s>=0){e.push({value:t.slice(n+1,s),start:r}),n=s+1;continue}}for(;n<t.length&&!Ob(t[n]);)n++;e.push({value:t.slice(r,n),start:r})}return e}function Pb(t,e){return t===null?!0:Ha(t,n=>Mb(e,n.op,n.value))}function N1(t,e){let n=Vb(e),r=n.length,i=new Uint8Array(r+1);return i[0]=1,t.forEach((o,s)=>{let a=new Uint8Array(r+1),l=s===t.length-1;if(o.kind==="ellipsis"){let c=!1;for(let u=0;u<=r;u++)i[u]&&(c=!0),c&&(a[u]=1)}else for(let c=0;c<r;c++)if(i[c])if(l&&c<r-1){let u=e.slice(n[c].start).trimEnd();Pb(o.condition,u)&&(a[r]=1)}else Pb(o.condition,n[c].value)&&(a[c+1]=1);i=a}),i[r]===1}function L1(t,e){let n=s=>s.text.trim()===""||e.includes(s.text),r=t.filter(s=>s.mode==="include"),i=t.filter(s=>s.mode==="exclude");if(r.length>0||i.length>0)return r.every(n)&&!i.some(n);let o=t.filter(s=>s.mode==="optional");return o.length===0||o.some(n)}function qd(t){if(typeof t=="string")return t;try{return JSON.stringify(t)??""}catch{return""}}function D1(t){if(typeof t!="string")return t;try{return JSON.parse(t)}catch{return}}function Vo(t,e){switch(t.kind){case"json":{let n=D1(e);return Gd(n)?Ha(t.expr,r=>P1(n,r)):!1}case"delimited":return N1(t.fields,qd(e));case"regex":{let n=Nb(t.source);return n!==null&&Ba(n,qd(e))}case"terms":return L1(t.terms,qd(e))}}var Ud="111122223333",it=Ud;function bi(t){return{type:"IAMUser",principalId:"AIDAQRSTUVWXYZEXAMPLE",arn:`arn:aws:iam::${it}:user/${t}`,accountId:it,accessKeyId:"AKIAQRSTUVWXEXAMPLE1",userName:t}}function wi(t,e){return{type:"AssumedRole",principalId:`AROAQRSTUVWXYZEXAMPL:${e}`,arn:`arn:aws:sts::${it}:assumed-role/${t}/${e}`,accountId:it,accessKeyId:"ASIAQRSTUVWXEXAMPLE2",sessionContext:{sessionIssuer:{type:"Role",principalId:"AROAQRSTUVWXYZEXAMPL",arn:`arn:aws:iam::${it}:role/${t}`,accountId:it,userName:t},attributes:{creationDate:"2024-05-14T08:02:11Z",mfaAuthenticated:"false"}}}}function Kd(t){return{type:"Root",principalId:it,arn:`arn:aws:iam::${it}:root`,accountId:it,accessKeyId:"ASIAQRSTUVWXROOTKEY1",...t===void 0?{}:{invokedBy:t}}}function Bd(t){let e="";for(let n=0;e.length<32;n++){let r=2166136261^n;for(let i=0;i<t.length;i++)r^=t.charCodeAt(i),r=Math.imul(r,16777619)>>>0;e+=r.toString(16).padStart(8,"0")}return`${e.slice(0,8)}-${e.slice(8,12)}-4${e.slice(13,16)}-a${e.slice(17,20)}-${e.slice(20,32)}`}var M1="aws-cli/2.15.30 md/Botocore#1.34.62 ua/2.0 os/linux#6.1.0 md/arch#x86_64 lang/python#3.11.8",V1="Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36";function $e(t){let e=t.identity??wi("PlatformAdmin","jdoe"),n=`${t.source}/${t.name}/${e.type}/${t.error?.code??""}/${t.time??""}`;return{eventVersion:"1.09",userIdentity:e,eventTime:t.time??"2024-05-14T09:21:37Z",eventSource:t.source,eventName:t.name,awsRegion:t.region??"us-east-1",sourceIPAddress:t.sourceIPAddress??"203.0.113.24",userAgent:t.userAgent??M1,...t.error===void 0?{}:{errorCode:t.error.code,errorMessage:t.error.message},requestParameters:t.request===void 0?null:t.request,responseElements:t.response===void 0?null:t.response,...t.additional===void 0?{}:{additionalEventData:t.additional},requestID:Bd(`request:${n}`),eventID:Bd(`event:${n}`),readOnly:t.readOnly??!1,eventType:t.eventType??"AwsApiCall",managementEvent:!0,recipientAccountId:it,eventCategory:"Management"}}function ki(t){let e=`signin/${t.identity.type}/${t.identity.userName??""}/${String(t.success)}/${String(t.mfaUsed)}`;return{eventVersion:"1.09",userIdentity:t.identity,eventTime:"2024-05-14T07:55:02Z",eventSource:"signin.amazonaws.com",eventName:"ConsoleLogin",awsRegion:"us-east-1",sourceIPAddress:"198.51.100.77",userAgent:V1,...t.success?{}:{errorMessage:"Failed authentication"},requestParameters:null,responseElements:{ConsoleLogin:t.success?"Success":"Failure"},additionalEventData:{LoginTo:"https://console.aws.amazon.com/console/home?hashArgs=%23&isauthcode=true&state=hashArgsFromTB_us-east-1",MobileVersion:"No",MFAUsed:t.mfaUsed?"Yes":"No"},eventID:Bd(`event:${e}`),readOnly:!1,eventType:"AwsConsoleSignIn",managementEvent:!0,recipientAccountId:it,eventCategory:"Management"}}function Fb(t,e){return t==="Root"?{type:"Root",principalId:it,accountId:it,accessKeyId:""}:{type:"IAMUser",principalId:"AIDAQRSTUVWXYZEXAMPLE",accountId:it,accessKeyId:"",userName:e??"alice"}}var Ya=ki({identity:{...Kd(),accessKeyId:""},success:!0,mfaUsed:!0}),jb=$e({source:"iam.amazonaws.com",name:"CreateAccessKey",identity:Kd(),sourceIPAddress:"198.51.100.77",request:null,response:{accessKey:{accessKeyId:"AKIAQRSTUVWXROOTNEW1",status:"Active",createDate:"May 14, 2024 9:21:37 AM"}}}),Wb=$e({source:"s3.amazonaws.com",name:"GetBucketAcl",identity:Kd("config.amazonaws.com"),sourceIPAddress:"config.amazonaws.com",userAgent:"config.amazonaws.com",eventType:"AwsServiceEvent",readOnly:!0,request:{bucketName:"example-data-bucket",acl:"",Host:"example-data-bucket.s3.us-east-1.amazonaws.com"},response:null}),Ja=$e({source:"ec2.amazonaws.com",name:"RunInstances",identity:bi("alice"),request:{instancesSet:{items:[{imageId:"ami-0abcdef1234567890",minCount:1,maxCount:1}]},instanceType:"t3.micro"},response:{requestId:"6f1e0a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b",reservationId:"r-0123456789abcdef0",ownerId:it}}),qb=$e({source:"s3.amazonaws.com",name:"CreateBucket",identity:wi("PlatformAdmin","jdoe"),request:{bucketName:"example-data-bucket",Host:"example-data-bucket.s3.amazonaws.com"},response:null}),Xa=ki({identity:bi("alice"),success:!0,mfaUsed:!1}),zd=ki({identity:bi("bob"),success:!0,mfaUsed:!0}),Hd=ki({identity:Fb("IAMUser","alice"),success:!1,mfaUsed:!1}),Gb=ki({identity:Fb("Root"),success:!1,mfaUsed:!1}),Bb=ki({identity:wi("AWSReservedSSO_Admin_0123456789abcdef","jdoe@example.com"),success:!0,mfaUsed:!1});var jo=["unauthorized-api-calls","console-signin-without-mfa","iam-policy-changes","cloudtrail-changes","console-auth-failures","cmk-disable-or-deletion","s3-bucket-policy-changes","config-changes","security-group-changes","nacl-changes","network-gateway-changes","route-table-changes","vpc-changes","organizations-changes"],F1=["root-usage",...jo],nl=Ud;function U(t,e,n=!1){return $e({source:"ec2.amazonaws.com",name:t,readOnly:n,request:e,response:n?null:{requestId:"0f5e3b7c-8a1d-4e2f-9b6a-3c4d5e6f7a8b",_return:!0}})}function xe(t,e,n=!1){return $e({source:"iam.amazonaws.com",name:t,readOnly:n,request:e,response:null})}function kt(t,e,n=!1){return $e({source:"s3.amazonaws.com",name:t,readOnly:n,request:{bucketName:"example-data-bucket",Host:"example-data-bucket.s3.us-east-1.amazonaws.com",...e},response:null,additional:{SignatureVersion:"SigV4",CipherSuite:"TLS_AES_128_GCM_SHA256",bytesTransferredIn:0,AuthenticationMethod:"AuthHeader"}})}function Or(t,e,n=!1){return $e({source:"kms.amazonaws.com",name:t,readOnly:n,request:e,response:null})}function Pr(t,e,n=!1){return $e({source:"config.amazonaws.com",name:t,readOnly:n,request:e,response:null})}function vi(t,e,n=!1){return $e({source:"cloudtrail.amazonaws.com",name:t,readOnly:n,request:e,response:null})}function Ne(t,e,n=!1){return $e({source:"organizations.amazonaws.com",name:t,readOnly:n,request:e,response:null})}var Qa=`arn:aws:cloudtrail:us-east-1:${nl}:trail/management-events`,_i=`arn:aws:kms:us-east-1:${nl}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,Rn=`arn:aws:iam::${nl}:policy/DataReadOnly`,sn='{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}',vt="vpc-0a1b2c3d4e5f67890",Si="sg-0123456789abcdef0",el="acl-0fedcba9876543210",tl="igw-0a1b2c3d4e5f67890",j1="cgw-0123456789abcdef0",Fo="rtb-0123456789abcdef0",Yd="pcx-0123456789abcdef0",Za={items:[{ipProtocol:"tcp",fromPort:22,toPort:22,groups:{},ipRanges:{items:[{cidrIp:"0.0.0.0/0"}]},ipv6Ranges:{},prefixListIds:{}}]},Ub={networkAclId:el,ruleNumber:100,egress:!1,ruleAction:"allow",protocol:"6",portRange:{from:22,to:22},cidrBlock:"0.0.0.0/0"},W1={id:"root-usage",title:"Usage of the root user",cis:"4.3",cisPattern:'{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }',mustMatch:[Ya,jb],mustNotMatch:[Ja,qb,Xa],eitherWay:[Wb]},q1={id:"unauthorized-api-calls",title:"Unauthorized API calls",cis:"4.1",cisPattern:'{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") && ($.sourceIPAddress != "delivery.logs.amazonaws.com") && ($.eventName != "HeadBucket") }',mustMatch:[$e({source:"ec2.amazonaws.com",name:"TerminateInstances",identity:bi("alice"),request:{instancesSet:{items:[{instanceId:"i-0123456789abcdef0"}]}},error:{code:"Client.UnauthorizedOperation",message:"You are not authorized to perform this operation. User: arn:aws:iam::111122223333:user/alice is not authorized to perform: ec2:TerminateInstances"}}),$e({source:"iam.amazonaws.com",name:"CreateUser",identity:wi("ReadOnly","jdoe"),request:{userName:"backdoor"},error:{code:"AccessDenied",message:"User: arn:aws:sts::111122223333:assumed-role/ReadOnly/jdoe is not authorized to perform: iam:CreateUser"}}),$e({source:"kms.amazonaws.com",name:"Decrypt",identity:wi("AppServer","i-0123456789abcdef0"),readOnly:!0,request:{encryptionAlgorithm:"SYMMETRIC_DEFAULT"},error:{code:"AccessDeniedException",message:"User is not authorized to perform: kms:Decrypt on the resource associated with this ciphertext"}})],mustNotMatch:[$e({source:"ec2.amazonaws.com",name:"DescribeInstances",readOnly:!0,request:{instancesSet:{},filterSet:{}}}),Ja,$e({source:"iam.amazonaws.com",name:"GetUser",readOnly:!0,request:{userName:"carol"},error:{code:"NoSuchEntityException",message:"The user with name carol cannot be found."}}),$e({source:"dynamodb.amazonaws.com",name:"DescribeTable",readOnly:!0,request:{tableName:"orders"},error:{code:"ThrottlingException",message:"Rate exceeded"}})],eitherWay:[$e({source:"s3.amazonaws.com",name:"HeadBucket",readOnly:!0,request:{bucketName:"example-data-bucket"},error:{code:"AccessDenied",message:"Access Denied"}}),$e({source:"s3.amazonaws.com",name:"PutObject",identity:{type:"AWSService",invokedBy:"delivery.logs.amazonaws.com"},sourceIPAddress:"delivery.logs.amazonaws.com",userAgent:"delivery.logs.amazonaws.com",request:{bucketName:"example-log-bucket",key:"AWSLogs/111122223333/elasticloadbalancing/us-east-1/file.log.gz"},error:{code:"AccessDenied",message:"Access Denied"}})]},G1={id:"console-signin-without-mfa",title:"Management console sign-in without MFA",cis:"4.2",cisPattern:'{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }',mustMatch:[Xa],mustNotMatch:[zd,Ya,Ja],eitherWay:[Hd,Bb]},B1={id:"iam-policy-changes",title:"IAM policy changes",cis:"4.4",cisPattern:"{ ($.eventName = DeleteGroupPolicy) || ($.eventName = DeleteRolePolicy) || ($.eventName = DeleteUserPolicy) || ($.eventName = PutGroupPolicy) || ($.eventName = PutRolePolicy) || ($.eventName = PutUserPolicy) || ($.eventName = CreatePolicy) || ($.eventName = DeletePolicy) || ($.eventName = CreatePolicyVersion) || ($.eventName = DeletePolicyVersion) || ($.eventName = AttachRolePolicy) || ($.eventName = DetachRolePolicy) || ($.eventName = AttachUserPolicy) || ($.eventName = DetachUserPolicy) || ($.eventName = AttachGroupPolicy) || ($.eventName = DetachGroupPolicy) }",mustMatch:[xe("DeleteGroupPolicy",{groupName:"developers",policyName:"inline-s3"}),xe("DeleteRolePolicy",{roleName:"AppServer",policyName:"inline-s3"}),xe("DeleteUserPolicy",{userName:"alice",policyName:"inline-s3"}),xe("PutGroupPolicy",{groupName:"developers",policyName:"inline-s3",policyDocument:sn}),xe("PutRolePolicy",{roleName:"AppServer",policyName:"inline-s3",policyDocument:sn}),xe("PutUserPolicy",{userName:"alice",policyName:"inline-s3",policyDocument:sn}),xe("CreatePolicy",{policyName:"DataReadOnly",policyDocument:sn}),xe("DeletePolicy",{policyArn:Rn}),xe("CreatePolicyVersion",{policyArn:Rn,policyDocument:sn,setAsDefault:!0}),xe("DeletePolicyVersion",{policyArn:Rn,versionId:"v2"}),xe("AttachRolePolicy",{roleName:"AppServer",policyArn:"arn:aws:iam::aws:policy/AdministratorAccess"}),xe("DetachRolePolicy",{roleName:"AppServer",policyArn:Rn}),xe("AttachUserPolicy",{userName:"alice",policyArn:"arn:aws:iam::aws:policy/AdministratorAccess"}),xe("DetachUserPolicy",{userName:"alice",policyArn:Rn}),xe("AttachGroupPolicy",{groupName:"developers",policyArn:Rn}),xe("DetachGroupPolicy",{groupName:"developers",policyArn:Rn})],mustNotMatch:[xe("GetPolicy",{policyArn:Rn},!0),xe("GetRolePolicy",{roleName:"AppServer",policyName:"inline-s3"},!0),xe("ListAttachedRolePolicies",{roleName:"AppServer"},!0),kt("PutBucketPolicy",{bucketPolicy:{Version:"2012-10-17",Statement:[]},policy:""})],eitherWay:[Ne("CreatePolicy",{name:"DenyLeaveOrg",type:"SERVICE_CONTROL_POLICY",content:sn})]},U1={id:"cloudtrail-changes",title:"CloudTrail configuration changes",cis:"4.5",cisPattern:"{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }",mustMatch:[vi("StopLogging",{name:Qa}),vi("DeleteTrail",{name:Qa}),vi("UpdateTrail",{name:Qa,isMultiRegionTrail:!1,enableLogFileValidation:!1})],mustNotMatch:[vi("DescribeTrails",{trailNameList:[],includeShadowTrails:!0},!0),vi("GetTrailStatus",{name:Qa},!0),vi("LookupEvents",{maxResults:50},!0)],eitherWay:[]},K1={id:"console-auth-failures",title:"Management console authentication failures",cis:"4.6",cisPattern:'{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }',mustMatch:[Hd,Gb],mustNotMatch:[Xa,zd,Ya,$e({source:"iam.amazonaws.com",name:"ListUsers",identity:bi("alice"),readOnly:!0,request:null,error:{code:"AccessDenied",message:"User: arn:aws:iam::111122223333:user/alice is not authorized to perform: iam:ListUsers"}})],eitherWay:[]},z1={id:"cmk-disable-or-deletion",title:"Disabling or scheduled deletion of customer-managed KMS keys",cis:"4.7",cisPattern:"{ ($.eventSource = kms.amazonaws.com) && (($.eventName = DisableKey) || ($.eventName = ScheduleKeyDeletion)) }",mustMatch:[Or("DisableKey",{keyId:_i}),Or("ScheduleKeyDeletion",{keyId:_i,pendingWindowInDays:7})],mustNotMatch:[Or("DescribeKey",{keyId:_i},!0),Or("ListKeys",{limit:100},!0),Or("EnableKey",{keyId:_i}),Or("DisableKeyRotation",{keyId:_i}),Or("CancelKeyDeletion",{keyId:_i})],eitherWay:[]},H1={id:"s3-bucket-policy-changes",title:"S3 bucket policy changes",cis:"4.8",cisPattern:"{ ($.eventSource = s3.amazonaws.com) && (($.eventName = PutBucketAcl) || ($.eventName = PutBucketPolicy) || ($.eventName = PutBucketCors) || ($.eventName = PutBucketLifecycle) || ($.eventName = PutBucketReplication) || ($.eventName = DeleteBucketPolicy) || ($.eventName = DeleteBucketCors) || ($.eventName = DeleteBucketLifecycle) || ($.eventName = DeleteBucketReplication)) }",mustMatch:[kt("PutBucketAcl",{acl:"",AccessControlPolicy:{AccessControlList:{Grant:[]}}}),kt("PutBucketPolicy",{bucketPolicy:{Version:"2012-10-17",Statement:[]},policy:""}),kt("PutBucketCors",{cors:""}),kt("PutBucketLifecycle",{lifecycle:""}),kt("PutBucketReplication",{replication:""}),kt("DeleteBucketPolicy",{policy:""}),kt("DeleteBucketCors",{cors:""}),kt("DeleteBucketLifecycle",{lifecycle:""}),kt("DeleteBucketReplication",{replication:""})],mustNotMatch:[kt("GetBucketPolicy",{policy:""},!0),kt("GetBucketAcl",{acl:""},!0),kt("ListBuckets",{},!0),xe("PutRolePolicy",{roleName:"AppServer",policyName:"inline-s3",policyDocument:sn})],eitherWay:[]},Y1={id:"config-changes",title:"AWS Config configuration changes",cis:"4.9",cisPattern:"{ ($.eventSource = config.amazonaws.com) && (($.eventName = StopConfigurationRecorder) || ($.eventName = DeleteDeliveryChannel) || ($.eventName = PutDeliveryChannel) || ($.eventName = PutConfigurationRecorder)) }",mustMatch:[Pr("StopConfigurationRecorder",{configurationRecorderName:"default"}),Pr("DeleteDeliveryChannel",{deliveryChannelName:"default"}),Pr("PutDeliveryChannel",{deliveryChannel:{name:"default",s3BucketName:"example-config-bucket"}}),Pr("PutConfigurationRecorder",{configurationRecorder:{name:"default",roleARN:`arn:aws:iam::${nl}:role/config-role`}})],mustNotMatch:[Pr("DescribeConfigurationRecorders",{},!0),Pr("DescribeConfigurationRecorderStatus",{},!0),Pr("DescribeDeliveryChannels",{},!0)],eitherWay:[]},J1={id:"security-group-changes",title:"Security group changes",cis:"4.10",cisPattern:"{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress) || ($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress) || ($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) }",mustMatch:[U("AuthorizeSecurityGroupIngress",{groupId:Si,ipPermissions:Za}),U("AuthorizeSecurityGroupEgress",{groupId:Si,ipPermissions:Za}),U("RevokeSecurityGroupIngress",{groupId:Si,ipPermissions:Za}),U("RevokeSecurityGroupEgress",{groupId:Si,ipPermissions:Za}),U("CreateSecurityGroup",{groupName:"bastion",groupDescription:"bastion hosts",vpcId:vt}),U("DeleteSecurityGroup",{groupId:Si})],mustNotMatch:[U("DescribeSecurityGroups",{securityGroupSet:{},securityGroupIdSet:{}},!0),U("DescribeSecurityGroupRules",{filterSet:{}},!0)],eitherWay:[]},X1={id:"nacl-changes",title:"Network ACL changes",cis:"4.11",cisPattern:"{ ($.eventName = CreateNetworkAcl) || ($.eventName = CreateNetworkAclEntry) || ($.eventName = DeleteNetworkAcl) || ($.eventName = DeleteNetworkAclEntry) || ($.eventName = ReplaceNetworkAclEntry) || ($.eventName = ReplaceNetworkAclAssociation) }",mustMatch:[U("CreateNetworkAcl",{vpcId:vt}),U("CreateNetworkAclEntry",Ub),U("DeleteNetworkAcl",{networkAclId:el}),U("DeleteNetworkAclEntry",{networkAclId:el,ruleNumber:100,egress:!1}),U("ReplaceNetworkAclEntry",Ub),U("ReplaceNetworkAclAssociation",{associationId:"aclassoc-0123456789abcdef0",networkAclId:el})],mustNotMatch:[U("DescribeNetworkAcls",{networkAclIdSet:{},filterSet:{}},!0)],eitherWay:[]},Q1={id:"network-gateway-changes",title:"Network gateway changes",cis:"4.12",cisPattern:"{ ($.eventName = CreateCustomerGateway) || ($.eventName = DeleteCustomerGateway) || ($.eventName = AttachInternetGateway) || ($.eventName = CreateInternetGateway) || ($.eventName = DeleteInternetGateway) || ($.eventName = DetachInternetGateway) }",mustMatch:[U("CreateCustomerGateway",{type:"ipsec.1",ipAddress:"192.0.2.10",bgpAsn:65e3}),U("DeleteCustomerGateway",{customerGatewayId:j1}),U("AttachInternetGateway",{internetGatewayId:tl,vpcId:vt}),U("CreateInternetGateway",{}),U("DeleteInternetGateway",{internetGatewayId:tl}),U("DetachInternetGateway",{internetGatewayId:tl,vpcId:vt})],mustNotMatch:[U("DescribeInternetGateways",{internetGatewayIdSet:{},filterSet:{}},!0),U("DescribeCustomerGateways",{customerGatewaySet:{}},!0)],eitherWay:[]},Z1={id:"route-table-changes",title:"Route table changes",cis:"4.13",cisPattern:"{ ($.eventSource = ec2.amazonaws.com) && (($.eventName = CreateRoute) || ($.eventName = CreateRouteTable) || ($.eventName = ReplaceRoute) || ($.eventName = ReplaceRouteTableAssociation) || ($.eventName = DeleteRouteTable) || ($.eventName = DeleteRoute) || ($.eventName = DisassociateRouteTable)) }",mustMatch:[U("CreateRoute",{routeTableId:Fo,destinationCidrBlock:"0.0.0.0/0",gatewayId:tl}),U("CreateRouteTable",{vpcId:vt}),U("ReplaceRoute",{routeTableId:Fo,destinationCidrBlock:"0.0.0.0/0",natGatewayId:"nat-0123456789abcdef0"}),U("ReplaceRouteTableAssociation",{associationId:"rtbassoc-0123456789abcdef0",routeTableId:Fo}),U("DeleteRouteTable",{routeTableId:Fo}),U("DeleteRoute",{routeTableId:Fo,destinationCidrBlock:"10.20.0.0/16"}),U("DisassociateRouteTable",{associationId:"rtbassoc-0123456789abcdef0"})],mustNotMatch:[U("DescribeRouteTables",{routeTableIdSet:{},filterSet:{}},!0)],eitherWay:[$e({source:"apigateway.amazonaws.com",name:"CreateRoute",request:{apiId:"a1b2c3d4e5",routeKey:"GET /orders",target:"integrations/abc123"},response:{routeId:"r1s2t3u",routeKey:"GET /orders"}})]},ex={id:"vpc-changes",title:"VPC changes",cis:"4.14",cisPattern:"{ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) || ($.eventName = ModifyVpcAttribute) || ($.eventName = AcceptVpcPeeringConnection) || ($.eventName = CreateVpcPeeringConnection) || ($.eventName = DeleteVpcPeeringConnection) || ($.eventName = RejectVpcPeeringConnection) || ($.eventName = AttachClassicLinkVpc) || ($.eventName = DetachClassicLinkVpc) || ($.eventName = DisableVpcClassicLink) || ($.eventName = EnableVpcClassicLink) }",mustMatch:[U("CreateVpc",{cidrBlock:"10.20.0.0/16",instanceTenancy:"default"}),U("DeleteVpc",{vpcId:vt}),U("ModifyVpcAttribute",{vpcId:vt,enableDnsHostnames:{value:!0}}),U("AcceptVpcPeeringConnection",{vpcPeeringConnectionId:Yd}),U("CreateVpcPeeringConnection",{vpcId:vt,peerVpcId:"vpc-0fedcba9876543210",peerOwnerId:"444455556666"}),U("DeleteVpcPeeringConnection",{vpcPeeringConnectionId:Yd}),U("RejectVpcPeeringConnection",{vpcPeeringConnectionId:Yd}),U("AttachClassicLinkVpc",{instanceId:"i-0123456789abcdef0",vpcId:vt,groupSet:{items:[{groupId:Si}]}}),U("DetachClassicLinkVpc",{instanceId:"i-0123456789abcdef0",vpcId:vt}),U("DisableVpcClassicLink",{vpcId:vt}),U("EnableVpcClassicLink",{vpcId:vt})],mustNotMatch:[U("DescribeVpcs",{vpcSet:{},filterSet:{}},!0),U("DescribeVpcAttribute",{vpcId:vt,attribute:"enableDnsHostnames"},!0),U("DescribeVpcPeeringConnections",{vpcPeeringConnectionIdSet:{},filterSet:{}},!0)],eitherWay:[]},tx={id:"organizations-changes",title:"AWS Organizations changes",cis:"4.15",cisPattern:'{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = "AcceptHandshake") || ($.eventName = "AttachPolicy") || ($.eventName = "CreateAccount") || ($.eventName = "CreateOrganizationalUnit") || ($.eventName = "CreatePolicy") || ($.eventName = "DeclineHandshake") || ($.eventName = "DeleteOrganization") || ($.eventName = "DeleteOrganizationalUnit") || ($.eventName = "DeletePolicy") || ($.eventName = "DetachPolicy") || ($.eventName = "DisablePolicyType") || ($.eventName = "EnablePolicyType") || ($.eventName = "InviteAccountToOrganization") || ($.eventName = "LeaveOrganization") || ($.eventName = "MoveAccount") || ($.eventName = "RemoveAccountFromOrganization") || ($.eventName = "UpdatePolicy") || ($.eventName = "UpdateOrganizationalUnit")) }',mustMatch:[Ne("AcceptHandshake",{handshakeId:"h-examplehandshakeid111"}),Ne("AttachPolicy",{policyId:"p-examplepolicyid111",targetId:"ou-examplerootid111-exampleouid111"}),Ne("CreateAccount",{accountName:"sandbox",email:"sandbox@example.com"}),Ne("CreateOrganizationalUnit",{parentId:"r-examplerootid111",name:"Sandbox"}),Ne("CreatePolicy",{name:"DenyLeaveOrg",type:"SERVICE_CONTROL_POLICY",content:sn}),Ne("DeclineHandshake",{handshakeId:"h-examplehandshakeid111"}),Ne("DeleteOrganization",{}),Ne("DeleteOrganizationalUnit",{organizationalUnitId:"ou-examplerootid111-exampleouid111"}),Ne("DeletePolicy",{policyId:"p-examplepolicyid111"}),Ne("DetachPolicy",{policyId:"p-examplepolicyid111",targetId:"ou-examplerootid111-exampleouid111"}),Ne("DisablePolicyType",{rootId:"r-examplerootid111",policyType:"SERVICE_CONTROL_POLICY"}),Ne("EnablePolicyType",{rootId:"r-examplerootid111",policyType:"TAG_POLICY"}),Ne("InviteAccountToOrganization",{target:{id:"444455556666",type:"ACCOUNT"}}),Ne("LeaveOrganization",{}),Ne("MoveAccount",{accountId:"444455556666",sourceParentId:"r-examplerootid111",destinationParentId:"ou-examplerootid111-exampleouid111"}),Ne("RemoveAccountFromOrganization",{accountId:"444455556666"}),Ne("UpdatePolicy",{policyId:"p-examplepolicyid111",content:sn}),Ne("UpdateOrganizationalUnit",{organizationalUnitId:"ou-examplerootid111-exampleouid111",name:"Workloads"})],mustNotMatch:[Ne("DescribeOrganization",{},!0),Ne("ListAccounts",{},!0),xe("CreatePolicy",{policyName:"DataReadOnly",policyDocument:sn}),xe("DeletePolicy",{policyArn:Rn})],eitherWay:[]},Jd=[W1,q1,G1,B1,U1,K1,z1,H1,Y1,J1,X1,Q1,Z1,ex,tx],nx=new Map(Jd.map(t=>[t.id,t]));function Wo(t){let e=nx.get(t);if(e===void 0)throw new Error(`unknown event class '${String(t)}'`);return e}function Xd(t){return typeof t=="string"&&jo.includes(t)}function rx(t,e){let n=Wo(e),r=n.mustMatch.filter(o=>!Vo(t,o)),i=n.mustNotMatch.filter(o=>Vo(t,o));return{monitored:r.length===0&&i.length===0,missed:r,falseHits:i}}function ix(t,e){return rx(t,e).monitored}function Qd(t,e){let n=Ka(t);return n.ok?ix(n.pattern,e)?"yes":"no":"invalid-pattern"}function Kb(t){return Qd(t,"root-usage")}var Zd=["no-filter","no-alarm","alarm-never-fires","no-notification"];function ef(t,e){return t.kind==="unknown"?"unknown":e(t.value)?"yes":"no"}function rl(...t){return t.includes("no")?"no":t.includes("unknown")?"unknown":"yes"}function ox(t,e){if(t.statistic.kind==="unknown"||t.threshold.kind==="unknown"||t.comparison.kind==="unknown")return"unknown";let n=t.statistic.value,r=t.threshold.value;if(n===null||r===null)return"unknown";let i;if(n==="SampleCount")i=1;else if(n==="Sum"||n==="Maximum"||n==="Minimum"||n==="Average"){let o=typeof e=="number"?e:typeof e=="string"?Number(e):NaN;if(x(e)||Number.isNaN(o))return"unknown";i=o}else return"unknown";switch(t.comparison.value){case"GreaterThanOrEqualToThreshold":return i>=r?"yes":"no";case"GreaterThanThreshold":return i>r?"yes":"no";case"LessThanThreshold":return i<r?"yes":"no";case"LessThanOrEqualToThreshold":return i<=r?"yes":"no";default:return"unknown"}}var sx=Ro(t=>{let e=new Map;for(let n of t)n.topicArn.kind==="known"&&!e.has(n.topicArn.value)&&e.set(n.topicArn.value,n);return e});function ax(t,e,n){let r=ef(t.actionsEnabled,o=>o===!0);if(t.alarmActions.kind==="unknown")return rl(r,"unknown");let i="no";for(let o of t.alarmActions.value){if(x(o)){i=i==="yes"?"yes":"unknown";continue}if(typeof o!="string")continue;let s=sx(e).get(o),a;n?a=s?ef(s.subscriptions,l=>typeof l=="number"&&l>0):o.startsWith("arn:")&&o.split(":")[2]==="sns"?"unknown":"no":a=s||/^arn:[^:]*:sns:/.test(o)?"yes":"no",a==="yes"?i="yes":a==="unknown"&&i==="no"&&(i="unknown")}return rl(r,i)}function zb(t){let e=0,n=!1,r=!1,i=(l,c)=>{e=Math.max(e,l),n||=c,r||=l===Zd.length},o=[],s=[];for(let l of t.filters){if(r)break;let c=ef(l.logGroupName,p=>p===t.groupName);if(c==="no")continue;let u=l.pattern.kind==="unknown"?"unknown":t.monitors(l.pattern.value)==="yes"?"yes":"no",d=rl(c,u);if(d==="no")continue;if(d==="unknown"){i(0,!0);continue}if(o.push(l),l.metrics.kind==="unknown"){i(1,!0);continue}let f=!1;for(let p of l.metrics.value)for(let h of t.alarmsFor(p.name,p.namespace)){let m=h.metricName.kind==="unknown"||x(p.name)?"unknown":h.metricName.value===p.name?"yes":"no",g=h.namespace.kind==="unknown"||x(p.namespace)?"unknown":h.namespace.value===p.namespace?"yes":"no",b=rl(m,g);if(b==="no")continue;if(b==="unknown"){i(1,!0);continue}f=!0,s.push(h);let y=ox(h,p.value);if(y!=="yes"){i(2,y==="unknown");continue}let w=ax(h,t.topics,t.live);if(i(w==="yes"?Zd.length:3,w==="unknown"),r)break}f||i(1,!1)}let a=(l,c)=>({verdict:l,gap:c,filters:o,alarms:s});return r?a("yes",null):a(n?"unknown":"no",Zd[e])}var Hb=new WeakMap;function Yb(t,e,n){let r=t.get(e);r?r.push(n):t.set(e,[n])}function lx(t){let e=Hb.get(t);if(e)return e;e={filtersByGroup:new Map,filtersAnyGroup:[],alarmsByMetric:new Map,alarmsAnyMetric:[]};for(let n of t.metricFilters)n.logGroupName.kind==="known"?Yb(e.filtersByGroup,n.logGroupName.value,n):e.filtersAnyGroup.push(n);for(let n of t.alarms)n.metricName.kind==="known"&&n.namespace.kind==="known"?Yb(e.alarmsByMetric,`${n.metricName.value}\0${n.namespace.value}`,n):e.alarmsAnyMetric.push(n);return Hb.set(t,e),e}function il(t,e,n){let r=e.cloudWatchLogsGroupArn;if(r.kind==="unknown")return{kind:"unknown",at:r};if(!r.value)return{kind:"skip"};if(e.logGroup?.kind==="unknown"&&e.logGroup.reason!=="not-found")return{kind:"unknown",at:e.logGroup};let i=e.logGroup?.kind==="resolved"?e.logGroup.target.name:null,o=i?.kind==="known"?i.value:ty(r.value);if(o===null)return{kind:"unknown",at:{kind:"unknown",reason:"unsupported-expression",loc:r.loc}};let s=lx(t),a=(c,u)=>x(c)||x(u)?t.alarms:[...s.alarmsByMetric.get(`${String(c)}\0${String(u)}`)??[],...s.alarmsAnyMetric],l=zb({groupName:o,filters:[...s.filtersByGroup.get(o)??[],...s.filtersAnyGroup],alarmsFor:a,topics:t.topics,live:t.account.source==="live",monitors:n});return{kind:"judged",at:r,chain:l}}function ol(t){let e=new Map;return n=>{let r=e.get(n);return r===void 0&&e.set(n,r=t(n)),r}}var Jb=`# TG010 no-root-usage-alarm
This rule checks that every trail sending to CloudWatch Logs has a working alarm for the root user: a metric filter on the trail's log group that matches calls made by the root user, an alarm on that filter's metric that fires on a single event, and an SNS topic that the alarm notifies.

## Why it matters
The root user can do anything in the account, including things no IAM policy can stop: closing the account, changing its contact details, deleting a bucket policy that locks every other principal out. Day-to-day work should never use it, so each use is either a planned break-glass event or a sign that its password or access keys are in the wrong hands. Without an alarm the first sign of a stolen root credential is usually the damage it caused. The usual pattern matches events whose \`userIdentity.type\` is \`Root\`, leaves out calls that AWS services make on the root user's behalf (\`invokedBy\` present) and events of type \`AwsServiceEvent\`, and still catches console sign-ins by the root user.

## What fails
For each trail that names a log group (\`cloud_watch_logs_group_arn\` / \`CloudWatchLogsLogGroupArn\`; whether its role is right is TG005's business), one result when any of these is true:
- No metric filter on that log group has a pattern that matches a root-user API call while not matching the same call made by an IAM user. The pattern is parsed and evaluated against sample CloudTrail events with CloudWatch Logs filter-pattern semantics, so term order, extra parentheses, spacing, newlines and quoting do not matter, and extra exclusions (\`$.userIdentity.invokedBy NOT EXISTS\`, \`$.eventType != "AwsServiceEvent"\`, an \`AssumeRoot\` exclusion) are fine as long as a real root call still matches.
- No alarm watches that filter's metric, linked by metric name and namespace (never by the names of the resources). An alarm counts when, for a period with one matching event, its statistic (\`Sum\`, \`SampleCount\`, \`Maximum\`, or \`Average\` with a metric value of 1) compared with its threshold is true.
- The alarm has no SNS action, or its actions are disabled. In IaC an alarm action that names an SNS topic is enough, because subscriptions are often made outside the code; live, the topic needs at least one confirmed subscription.

The result points at the trail's \`cloud_watch_logs_group_arn\` / \`CloudWatchLogsLogGroupArn\`; the filter and alarm are related locations. A log group, pattern, metric or topic that cannot be resolved, or that lives in another account, is unknown and gives no finding (\`--strict\` turns it into a \`review\`). Trails that do not send to CloudWatch Logs are not checked by this rule.

## How to fix
Add a metric filter for root activity on the trail's log group, an alarm with \`Sum >= 1\` over one period on its metric, and an SNS topic with a confirmed subscription as the alarm's action. The snippets also add the CloudTrail-changes alarm that TG019 asks for by default, on the same topic.

### Terraform
\`\`\`hcl
resource "aws_cloudwatch_log_group" "trail" {
  name              = "/aws/cloudtrail/org-audit-trail"
  retention_in_days = 365
}

data "aws_iam_policy_document" "cloudtrail_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "trail_to_cloudwatch" {
  name               = "org-audit-trail-to-cloudwatch"
  assume_role_policy = data.aws_iam_policy_document.cloudtrail_assume.json
}

data "aws_iam_policy_document" "trail_to_cloudwatch" {
  statement {
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["\${aws_cloudwatch_log_group.trail.arn}:log-stream:*"]
  }
}

resource "aws_iam_role_policy" "trail_to_cloudwatch" {
  name   = "deliver-to-cloudwatch-logs"
  role   = aws_iam_role.trail_to_cloudwatch.id
  policy = data.aws_iam_policy_document.trail_to_cloudwatch.json
}

resource "aws_cloudtrail" "main" {
  name                          = "org-audit-trail"
  s3_bucket_name                = "example-org-cloudtrail-logs"
  is_multi_region_trail         = true
  include_global_service_events = true
  enable_log_file_validation    = true
  cloud_watch_logs_group_arn    = "\${aws_cloudwatch_log_group.trail.arn}:*"
  cloud_watch_logs_role_arn     = aws_iam_role.trail_to_cloudwatch.arn
  # A customer managed key kept in another stack (see TG020 and TG021).
  kms_key_id = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"

  depends_on = [aws_iam_role_policy.trail_to_cloudwatch]
}

resource "aws_sns_topic" "security_alerts" {
  name = "cloudtrail-security-alerts"
}

resource "aws_sns_topic_subscription" "security_team" {
  topic_arn = aws_sns_topic.security_alerts.arn
  protocol  = "email"
  endpoint  = "security-team@example.com"
}

resource "aws_cloudwatch_log_metric_filter" "root_usage" {
  name           = "root-account-usage"
  log_group_name = aws_cloudwatch_log_group.trail.name
  pattern        = "{ ($.userIdentity.type = \\"Root\\") && ($.userIdentity.invokedBy NOT EXISTS) && ($.eventType != \\"AwsServiceEvent\\") }"

  metric_transformation {
    name      = "RootAccountUsage"
    namespace = "CloudTrailMetrics"
    value     = "1"
  }
}

resource "aws_cloudwatch_metric_alarm" "root_usage" {
  alarm_name          = "root-account-usage"
  alarm_description   = "The root user signed in or made an API call."
  namespace           = "CloudTrailMetrics"
  metric_name         = "RootAccountUsage"
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.security_alerts.arn]
}

resource "aws_cloudwatch_log_metric_filter" "cloudtrail_changes" {
  name           = "cloudtrail-configuration-changes"
  log_group_name = aws_cloudwatch_log_group.trail.name
  pattern        = "{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }"

  metric_transformation {
    name      = "CloudTrailConfigurationChanges"
    namespace = "CloudTrailMetrics"
    value     = "1"
  }
}

resource "aws_cloudwatch_metric_alarm" "cloudtrail_changes" {
  alarm_name          = "cloudtrail-configuration-changes"
  alarm_description   = "A trail was created, changed, stopped, started or deleted."
  namespace           = "CloudTrailMetrics"
  metric_name         = "CloudTrailConfigurationChanges"
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.security_alerts.arn]
}
\`\`\`

### CloudFormation
\`\`\`yaml
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  TrailLogGroup:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: /aws/cloudtrail/org-audit-trail
      RetentionInDays: 365

  TrailToCloudWatchRole:
    Type: AWS::IAM::Role
    Properties:
      RoleName: org-audit-trail-to-cloudwatch
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              Service: cloudtrail.amazonaws.com
            Action: sts:AssumeRole
      Policies:
        - PolicyName: deliver-to-cloudwatch-logs
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action:
                  - logs:CreateLogStream
                  - logs:PutLogEvents
                Resource: !Sub "arn:\${AWS::Partition}:logs:\${AWS::Region}:\${AWS::AccountId}:log-group:\${TrailLogGroup}:log-stream:*"

  AuditTrail:
    Type: AWS::CloudTrail::Trail
    Properties:
      TrailName: org-audit-trail
      S3BucketName: example-org-cloudtrail-logs
      IsLogging: true
      IsMultiRegionTrail: true
      IncludeGlobalServiceEvents: true
      EnableLogFileValidation: true
      CloudWatchLogsLogGroupArn: !GetAtt TrailLogGroup.Arn
      CloudWatchLogsRoleArn: !GetAtt TrailToCloudWatchRole.Arn
      # A customer managed key kept in another stack (see TG020 and TG021).
      KMSKeyId: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab

  SecurityAlertsTopic:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: cloudtrail-security-alerts
      Subscription:
        - Protocol: email
          Endpoint: security-team@example.com

  RootUsageMetricFilter:
    Type: AWS::Logs::MetricFilter
    Properties:
      FilterName: root-account-usage
      LogGroupName: !Ref TrailLogGroup
      FilterPattern: '{ ($.userIdentity.type = "Root") && ($.userIdentity.invokedBy NOT EXISTS) && ($.eventType != "AwsServiceEvent") }'
      MetricTransformations:
        - MetricName: RootAccountUsage
          MetricNamespace: CloudTrailMetrics
          MetricValue: "1"

  RootUsageAlarm:
    Type: AWS::CloudWatch::Alarm
    Properties:
      AlarmName: root-account-usage
      AlarmDescription: The root user signed in or made an API call.
      Namespace: CloudTrailMetrics
      MetricName: RootAccountUsage
      Statistic: Sum
      Period: 300
      EvaluationPeriods: 1
      Threshold: 1
      ComparisonOperator: GreaterThanOrEqualToThreshold
      TreatMissingData: notBreaching
      AlarmActions:
        - !Ref SecurityAlertsTopic

  CloudTrailChangesMetricFilter:
    Type: AWS::Logs::MetricFilter
    Properties:
      FilterName: cloudtrail-configuration-changes
      LogGroupName: !Ref TrailLogGroup
      FilterPattern: "{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }"
      MetricTransformations:
        - MetricName: CloudTrailConfigurationChanges
          MetricNamespace: CloudTrailMetrics
          MetricValue: "1"

  CloudTrailChangesAlarm:
    Type: AWS::CloudWatch::Alarm
    Properties:
      AlarmName: cloudtrail-configuration-changes
      AlarmDescription: A trail was created, changed, stopped, started or deleted.
      Namespace: CloudTrailMetrics
      MetricName: CloudTrailConfigurationChanges
      Statistic: Sum
      Period: 300
      EvaluationPeriods: 1
      Threshold: 1
      ComparisonOperator: GreaterThanOrEqualToThreshold
      TreatMissingData: notBreaching
      AlarmActions:
        - !Ref SecurityAlertsTopic
\`\`\`

The bucket \`example-org-cloudtrail-logs\` must already exist with a bucket policy that lets CloudTrail deliver to it (see TG016). The email subscription stays pending until someone confirms it from the message SNS sends.

## Equivalent checks
- Trivy: AVD-AWS-0149
- Prowler: \`cloudwatch_log_metric_filter_root_usage\`
- Checkov: none known.

## References
- AWS CloudTrail User Guide: "Creating CloudWatch alarms for CloudTrail events: examples", "CloudTrail userIdentity element".
- Amazon CloudWatch Logs User Guide: "Filter pattern syntax for metric filters", "Creating metric filters".
- IAM User Guide: "AWS account root user", "Tasks that require root user credentials".
- CIS AWS Foundations Benchmark v3.0.0: 4.3 (usage of the root account is monitored).
- AWS Security Hub: CloudWatch.1.
`;var Xb={meta:{id:"TG010",...F("TG010"),name:"no-root-usage-alarm",level:"warning",summary:"No alarm notifies anyone of root-user activity",tags:["security","cloudtrail","monitoring"],appliesTo:["cloudformation","terraform","live"],precision:"high",messages:{"no-filter":"Trail {{trail}}: no metric filter on its log group matches a root-user call without also matching IAM users.","no-alarm":"Trail {{trail}}: the root-usage metric filter has no alarm on its metric.","alarm-never-fires":"Trail {{trail}}: the root-usage alarm does not fire on a single root-user call (check its statistic, threshold and comparison).","no-notification":"Trail {{trail}}: the root-usage alarm notifies no one (no enabled SNS action{{live}}).",unknown:"Trail {{trail}}: whether root-user activity raises an alarm cannot be determined."}},doc:Jb,check(t){let e=t.model.account.source==="live",n=ol(Kb);for(let r of t.model.trails){let i={trail:r.label,live:e?" with a confirmed subscription":""},o=il(t.model,r,n);if(o.kind==="skip")continue;if(o.kind==="unknown"){t.review(o.at,{messageId:"unknown",data:i,entity:r});continue}let{chain:s}=o;if(s.verdict==="yes")continue;let a=[...s.filters,...s.alarms].map(l=>({at:l,message:`${l.type} ${l.label}`}));s.verdict==="unknown"?t.review({kind:"unknown",reason:"unsupported-expression",loc:o.at.loc},{messageId:"unknown",data:i,entity:r,related:a}):t.report({messageId:s.gap,data:i,at:o.at,entity:r,related:a,key:"root-usage"})}}};var Qb=`# TG011 trail-not-kms-encrypted
This rule checks that each trail, and each CloudTrail Lake event data store, encrypts what it stores with a customer managed AWS KMS key. Log files are always encrypted at rest; the question is who holds the key.

## Why it matters
Without a KMS key, CloudTrail log files are encrypted with SSE-S3, whose keys S3 manages: anyone allowed to read the objects reads the logs in clear. With SSE-KMS and a customer managed key, reading a log file also needs \`kms:Decrypt\` on that key, which gives you a second, independent gate that survives a too-broad bucket policy or a leaked read-only role, a key policy you can audit, and a CloudTrail record of every decryption. You can also revoke access to all logs at once by changing the key policy. The logs are not unprotected without it, which is why this rule is a warning and not an error. Event data stores default to a key that AWS owns, with the same trade-off.

## What fails
- A trail without \`kms_key_id\` (Terraform) or \`KMSKeyId\` (CloudFormation); live, a trail whose \`KmsKeyId\` is empty in \`DescribeTrails\`. The attribute is absent by default, so the result points at the trail's header (live: the trail ARN).
- An event data store without \`kms_key_id\` / \`KmsKeyId\` (\`aws_cloudtrail_event_data_store\`, \`AWS::CloudTrail::EventDataStore\`, live \`ListEventDataStores\`).
- Only the presence of a key is checked here. Whether the key's policy lets CloudTrail use it is TG020, and whether it rotates is TG021.
- A key setting that cannot be resolved (a variable with no default and no tfvars, a module output, \`!ImportValue\`) never fails; with \`--strict\` it gives a \`review\` result.

## How to fix
Create a symmetric customer managed key whose policy lets CloudTrail generate data keys for your trail, turn on rotation, and set it on the trail. The key must be in the same Region as the log bucket. People and tools that read the logs then need \`kms:Decrypt\` on the key in addition to \`s3:GetObject\`; in the snippets the account-administration statement lets IAM policies grant it. Log files delivered before the change stay encrypted with SSE-S3.

### Terraform
\`\`\`hcl
data "aws_caller_identity" "current" {}
data "aws_region" "current" {}

locals {
  trail_name = "org-audit-trail"
  trail_arn  = "arn:aws:cloudtrail:\${data.aws_region.current.name}:\${data.aws_caller_identity.current.account_id}:trail/\${local.trail_name}"
}

data "aws_iam_policy_document" "trail_key" {
  statement {
    sid       = "AccountAdministration"
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::\${data.aws_caller_identity.current.account_id}:root"]
    }
  }

  statement {
    sid       = "CloudTrailEncryptLogs"
    actions   = ["kms:GenerateDataKey*"]
    resources = ["*"]
    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }
    condition {
      test     = "StringLike"
      variable = "kms:EncryptionContext:aws:cloudtrail:arn"
      values   = ["arn:aws:cloudtrail:*:\${data.aws_caller_identity.current.account_id}:trail/*"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceArn"
      values   = [local.trail_arn]
    }
  }

  statement {
    sid       = "CloudTrailDescribeKey"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }
  }
}

resource "aws_kms_key" "trail" {
  description         = "Encrypts the log files of org-audit-trail"
  enable_key_rotation = true
  policy              = data.aws_iam_policy_document.trail_key.json
}

resource "aws_kms_alias" "trail" {
  name          = "alias/cloudtrail/org-audit-trail"
  target_key_id = aws_kms_key.trail.key_id
}

resource "aws_cloudtrail" "main" {
  name                          = local.trail_name
  s3_bucket_name                = "example-org-cloudtrail-logs"
  is_multi_region_trail         = true
  include_global_service_events = true
  enable_log_file_validation    = true
  kms_key_id                    = aws_kms_key.trail.arn
}
\`\`\`

### CloudFormation
\`\`\`yaml
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  TrailKey:
    Type: AWS::KMS::Key
    Properties:
      Description: Encrypts the log files of org-audit-trail
      EnableKeyRotation: true
      KeyPolicy:
        Version: "2012-10-17"
        Statement:
          - Sid: AccountAdministration
            Effect: Allow
            Principal:
              AWS: !Sub "arn:\${AWS::Partition}:iam::\${AWS::AccountId}:root"
            Action: kms:*
            Resource: "*"
          - Sid: CloudTrailEncryptLogs
            Effect: Allow
            Principal:
              Service: cloudtrail.amazonaws.com
            Action: kms:GenerateDataKey*
            Resource: "*"
            Condition:
              StringLike:
                kms:EncryptionContext:aws:cloudtrail:arn: !Sub "arn:\${AWS::Partition}:cloudtrail:*:\${AWS::AccountId}:trail/*"
              StringEquals:
                aws:SourceArn: !Sub "arn:\${AWS::Partition}:cloudtrail:\${AWS::Region}:\${AWS::AccountId}:trail/org-audit-trail"
          - Sid: CloudTrailDescribeKey
            Effect: Allow
            Principal:
              Service: cloudtrail.amazonaws.com
            Action: kms:DescribeKey
            Resource: "*"

  TrailKeyAlias:
    Type: AWS::KMS::Alias
    Properties:
      AliasName: alias/cloudtrail/org-audit-trail
      TargetKeyId: !Ref TrailKey

  AuditTrail:
    Type: AWS::CloudTrail::Trail
    Properties:
      TrailName: org-audit-trail
      S3BucketName: example-org-cloudtrail-logs
      IsLogging: true
      IsMultiRegionTrail: true
      IncludeGlobalServiceEvents: true
      EnableLogFileValidation: true
      KMSKeyId: !GetAtt TrailKey.Arn
\`\`\`

The bucket \`example-org-cloudtrail-logs\` must already exist with a bucket policy that lets CloudTrail deliver to it (see TG016).

## Equivalent checks
- Checkov: CKV_AWS_35 (trails), CKV_AWS_293 (event data stores)
- Trivy: AVD-AWS-0015
- Prowler: \`cloudtrail_kms_encryption_enabled\`

## References
- AWS CloudTrail User Guide: "Encrypting CloudTrail log files with AWS KMS keys (SSE-KMS)", "Configure AWS KMS key policies for CloudTrail", "How AWS CloudTrail uses AWS KMS".
- Amazon S3 User Guide: "Using server-side encryption with AWS KMS keys (SSE-KMS)".
- CIS AWS Foundations Benchmark v3.0.0: 3.5 (CloudTrail logs are encrypted at rest using KMS CMKs).
- AWS Security Hub: CloudTrail.2.
`;var Zb={meta:{id:"TG011",...F("TG011"),name:"trail-not-kms-encrypted",level:"warning",summary:"Trail logs are not encrypted with a customer-managed KMS key",tags:["security","cloudtrail","encryption"],appliesTo:["cloudformation","terraform","live"],precision:"very-high",messages:{noKey:"Trail {{trail}} names no KMS key: its logs are encrypted only with SSE-S3, so anyone who can read the bucket can read them. Use SSE-KMS with a customer-managed key.",storeNoKey:"Event data store {{store}} names no KMS key: use a customer-managed key to control who can read the events.",unknown:"Trail {{trail}}: its KMS key cannot be determined."}},doc:Qb,check(t){for(let e of t.model.trails){let n=e.kmsKeyId;n.kind==="unknown"?t.review(n,{messageId:"unknown",data:{trail:e.label},entity:e}):(n.value===null||n.value==="")&&t.report({messageId:"noKey",data:{trail:e.label},at:n,entity:e})}for(let e of t.model.eventDataStores){let n=e.kmsKeyId;n.kind==="known"&&(n.value===null||n.value==="")&&t.report({messageId:"storeNoKey",data:{store:e.label},at:n,entity:e})}}};var ew=`# TG012 insights-disabled
This rule notes trails that have no CloudTrail Insights selectors. Insights learns the normal rate of management API calls and API errors in the account and records an Insights event when the rate departs from it, for example a burst of \`DeleteObject\`-style writes or a sudden wave of \`AccessDenied\` errors.

## Why it matters
Many attacks are loud in volume rather than in kind: credential stuffing against the API shows up as a jump in errors, automated enumeration as a spike in calls, and a compromised pipeline that tears down resources as an unusual rate of writes. Metric filters (TG010, TG019) catch named events; Insights catches the unusual amount without anyone having to guess the event name in advance. It is a paid feature, billed per management event analysed, which is why this rule is only a note: turn it on where the signal is worth the cost, typically on the account's main trail.

## What fails
- A trail with no \`insight_selector\` blocks (Terraform) or no \`InsightSelectors\` (CloudFormation); live, \`GetInsightSelectors\` returns none. At least one of \`ApiCallRateInsight\` or \`ApiErrorRateInsight\` satisfies the rule.
- Insight selectors are absent by default, so the result points at the trail's header (live: the trail ARN).
- A selector list that cannot be resolved (a variable with no default and no tfvars, a module output, \`!ImportValue\`) never fails; with \`--strict\` it gives a \`review\` result.

## How to fix
Add both Insights types to the account's main trail. Insights analyses write management events for call rates and all management events for error rates, so the trail must keep recording management events (TG013). Insights events are delivered to the same bucket under a \`CloudTrail-Insight\` prefix and, when the trail sends to CloudWatch Logs, to the log group as well.

### Terraform
\`\`\`hcl
resource "aws_cloudtrail" "main" {
  name                          = "org-audit-trail"
  s3_bucket_name                = "example-org-cloudtrail-logs"
  is_multi_region_trail         = true
  include_global_service_events = true
  enable_log_file_validation    = true
  # A customer managed key kept in another stack (see TG020 and TG021).
  kms_key_id = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"

  insight_selector {
    insight_type = "ApiCallRateInsight"
  }

  insight_selector {
    insight_type = "ApiErrorRateInsight"
  }
}
\`\`\`

### CloudFormation
\`\`\`yaml
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  AuditTrail:
    Type: AWS::CloudTrail::Trail
    Properties:
      TrailName: org-audit-trail
      S3BucketName: example-org-cloudtrail-logs
      IsLogging: true
      IsMultiRegionTrail: true
      IncludeGlobalServiceEvents: true
      EnableLogFileValidation: true
      # A customer managed key kept in another stack (see TG020 and TG021).
      KMSKeyId: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
      InsightSelectors:
        - InsightType: ApiCallRateInsight
        - InsightType: ApiErrorRateInsight
\`\`\`

The bucket \`example-org-cloudtrail-logs\` must already exist with a bucket policy that lets CloudTrail deliver to it (see TG016).

## Equivalent checks
- Prowler: \`cloudtrail_insights_exist\`
- Checkov, Trivy: none known.

## References
- AWS CloudTrail User Guide: "Working with CloudTrail Insights", "Logging Insights events".
- AWS CloudTrail API Reference: \`PutInsightSelectors\`, \`GetInsightSelectors\`.
- AWS CloudTrail pricing (Insights events).
`;var tw={meta:{id:"TG012",...F("TG012"),name:"insights-disabled",level:"note",summary:"Trail has no CloudTrail Insights selectors",tags:["security","cloudtrail"],appliesTo:["cloudformation","terraform","live"],precision:"very-high",messages:{none:"Trail {{trail}} has no Insights selectors: unusual API call or error rates go unnoticed.",unknown:"Trail {{trail}}: its Insights selectors cannot be determined."}},doc:ew,check(t){for(let e of t.model.trails){let n=e.insights;n.kind==="unknown"?t.review(n,{messageId:"unknown",data:{trail:e.label},entity:e}):n.value.length===0&&t.report({messageId:"none",data:{trail:e.label},at:n,entity:e})}}};var nw=`# TG013 management-events-excluded
This rule checks that each trail records all management events, both the read calls (\`Describe*\`, \`Get*\`, \`List*\`) and the write calls (\`Create*\`, \`Put*\`, \`Delete*\`, ...). It reports trails whose event selectors leave management events out, or keep only one of the two halves.

## Why it matters
Management events are the control-plane history of the account: who created a user, opened a security group, changed a bucket policy, or stopped a trail. Selectors are often edited to cut cost or noise, for example to add data events or to drop reads, and a small change can switch management events off altogether: a basic selector with \`IncludeManagementEvents\` false, or an advanced-selector list that contains only a data-event selector, records no management events at all. Dropping reads loses the reconnaissance that comes before most attacks (\`ListBuckets\`, \`GetCallerIdentity\`, \`DescribeInstances\`); dropping writes loses the attack itself. The first copy of management events delivered by a trail in each Region is free of charge, so there is rarely a cost reason to exclude them from the main trail.

## What fails
- A trail whose event selectors, taken together, do not record both read and write management events. With basic selectors: every selector has \`include_management_events = false\` / \`IncludeManagementEvents: false\`, or the selectors that include management events are all \`ReadOnly\`, or all \`WriteOnly\`. A basic selector's \`ReadWriteType\` applies to its management and data events alike.
- With advanced selectors: no selector selects \`eventCategory\` equal to \`Management\`, or the management selectors carry a \`readOnly\` condition that keeps only reads or only writes. Advanced selectors are judged by their field conditions (\`eventCategory\`, \`readOnly\`, \`resources.type\`, \`resources.ARN\`), never by their names.
- A trail with no selectors at all records every read and write management event and passes.
- Each trail is judged on its own: another trail's selectors do not make up for it (the account-level view is TG001). The result points at the selectors of the trail (else its header; live: the trail ARN).
- Selectors that cannot be resolved (a \`dynamic\` block over an unset variable, a module output, \`!ImportValue\`) never fail; with \`--strict\` they give a \`review\` result.

## How to fix
Keep one selector that records all management events with no read/write restriction, and add data events in separate selectors. The snippets use advanced event selectors, which cannot be mixed with basic ones on the same trail; with basic selectors, set \`read_write_type = "All"\` and \`include_management_events = true\` on at least one selector.

### Terraform
\`\`\`hcl
resource "aws_cloudtrail" "main" {
  name                          = "org-audit-trail"
  s3_bucket_name                = "example-org-cloudtrail-logs"
  is_multi_region_trail         = true
  include_global_service_events = true
  enable_log_file_validation    = true
  # A customer managed key kept in another stack (see TG020 and TG021).
  kms_key_id = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"

  advanced_event_selector {
    name = "All management events"

    field_selector {
      field  = "eventCategory"
      equals = ["Management"]
    }
  }

  advanced_event_selector {
    name = "Object-level events of the customer records bucket"

    field_selector {
      field  = "eventCategory"
      equals = ["Data"]
    }

    field_selector {
      field  = "resources.type"
      equals = ["AWS::S3::Object"]
    }

    field_selector {
      field       = "resources.ARN"
      starts_with = ["arn:aws:s3:::example-customer-records/"]
    }
  }
}
\`\`\`

### CloudFormation
\`\`\`yaml
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  AuditTrail:
    Type: AWS::CloudTrail::Trail
    Properties:
      TrailName: org-audit-trail
      S3BucketName: example-org-cloudtrail-logs
      IsLogging: true
      IsMultiRegionTrail: true
      IncludeGlobalServiceEvents: true
      EnableLogFileValidation: true
      # A customer managed key kept in another stack (see TG020 and TG021).
      KMSKeyId: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
      AdvancedEventSelectors:
        - Name: All management events
          FieldSelectors:
            - Field: eventCategory
              Equals:
                - Management
        - Name: Object-level events of the customer records bucket
          FieldSelectors:
            - Field: eventCategory
              Equals:
                - Data
            - Field: resources.type
              Equals:
                - AWS::S3::Object
            - Field: resources.ARN
              StartsWith:
                - arn:aws:s3:::example-customer-records/
\`\`\`

The bucket \`example-org-cloudtrail-logs\` must already exist with a bucket policy that lets CloudTrail deliver to it (see TG016).

## Equivalent checks
- Prowler: \`cloudtrail_multi_region_enabled_logging_management_events\` (account-wide: passes when any logging trail records all management events)
- Checkov, Trivy: none known.

## References
- AWS CloudTrail User Guide: "Logging management events", "Logging events with advanced event selectors", "Read and write events".
- AWS CloudTrail API Reference: \`PutEventSelectors\`, \`AdvancedFieldSelector\`.
- CIS AWS Foundations Benchmark v3.0.0: 3.1 (its audit requires a multi-Region trail that records all read and write management events).
- AWS Security Hub: CloudTrail.1.
`;var rw={meta:{id:"TG013",...F("TG013"),name:"management-events-excluded",level:"warning",summary:"Trail's selectors exclude management events, or their reads or writes",tags:["security","cloudtrail"],appliesTo:["cloudformation","terraform","live"],precision:"high",messages:{none:"Trail {{trail}} records no management events: its selectors exclude them.",onlyRead:"Trail {{trail}} records only read management events: changes to the account go unrecorded.",onlyWrite:"Trail {{trail}} records only write management events: reads (Describe, Get, List) go unrecorded.",unknown:"Trail {{trail}}: which management events its selectors record cannot be determined."}},doc:nw,check(t){for(let e of t.model.trails){let n={trail:e.label},r=e.selectors;if(r.kind==="unknown"){t.review(r,{messageId:"unknown",data:n,entity:e});continue}let i=Pa(r.value);if(i.read==="yes"&&i.write==="yes")continue;if(i.read==="unknown"||i.write==="unknown"){t.review({kind:"unknown",reason:"unsupported-expression",loc:r.loc},{messageId:"unknown",data:n,entity:e});continue}let o=i.read==="no"&&i.write==="no"?"none":i.read==="no"?"onlyWrite":"onlyRead";t.report({messageId:o,data:n,at:r,entity:e})}}};var iw=`# TG014 global-service-events-excluded
This rule reports trails that have been told not to record events from global services. Services such as IAM, AWS STS and CloudFront are not tied to one Region; their events are recorded in US East (N. Virginia), and a trail only receives them when it includes global service events.

## Why it matters
The most sensitive changes in an account are global ones: creating users and access keys, attaching policies to roles, changing a role's trust policy, issuing temporary credentials, editing a CloudFront distribution. A trail that excludes global service events misses all of them, and an investigation that relies on it sees the resources an attacker touched but not the identity changes that gave them access. The setting was meant for accounts that run several single-Region trails and want to avoid duplicate IAM events; a single multi-Region trail handles this on its own, and CloudTrail does not let a multi-Region trail exclude global service events.

## What fails
- A trail with \`include_global_service_events = false\` (Terraform) or \`IncludeGlobalServiceEvents: false\` (CloudFormation, string booleans included); live, \`IncludeGlobalServiceEvents\` false in \`DescribeTrails\`.
- The attribute defaults to true in Terraform and CloudFormation, so leaving it out passes.
- The result points at the attribute (live: the trail ARN).
- A value that cannot be resolved (a variable with no default and no tfvars, a module output, \`!ImportValue\`) never fails; with \`--strict\` it gives a \`review\` result.

## How to fix
Remove the setting or set it to true. If several single-Region trails were each excluding global events to avoid duplicates, replace them with one multi-Region trail (TG002), which records global events once.

\`trailguard scan --fix\` turns global service events on where it is written: it replaces a literal \`false\`, inserts the attribute when the default applies, and, for a Terraform attribute that is just \`var.NAME\` or \`local.NAME\`, edits the variable's default, its tfvars or \`--var-file\` assignment, or the literal module argument instead. When that value also feeds anything else (another attribute, module block, local or \`count\`), or comes from \`--var\` or \`TF_VAR_name\`, there is no fix and a \`fix-unavailable\` note says why. A CloudFormation parameter gets no fix.

### Terraform
\`\`\`hcl
resource "aws_cloudtrail" "main" {
  name                          = "org-audit-trail"
  s3_bucket_name                = "example-org-cloudtrail-logs"
  is_multi_region_trail         = true
  include_global_service_events = true
  enable_log_file_validation    = true
  # A customer managed key kept in another stack (see TG020 and TG021).
  kms_key_id = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}
\`\`\`

### CloudFormation
\`\`\`yaml
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  AuditTrail:
    Type: AWS::CloudTrail::Trail
    Properties:
      TrailName: org-audit-trail
      S3BucketName: example-org-cloudtrail-logs
      IsLogging: true
      IsMultiRegionTrail: true
      IncludeGlobalServiceEvents: true
      EnableLogFileValidation: true
      # A customer managed key kept in another stack (see TG020 and TG021).
      KMSKeyId: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
\`\`\`

The bucket \`example-org-cloudtrail-logs\` must already exist with a bucket policy that lets CloudTrail deliver to it (see TG016).

## Equivalent checks
None known (Checkov, Trivy and Prowler have no check for this setting).

## References
- AWS CloudTrail User Guide: "Global service events" (CloudTrail concepts), "Receiving CloudTrail log files from multiple Regions".
- AWS CloudTrail API Reference: \`UpdateTrail\`, parameter \`IncludeGlobalServiceEvents\`.
- Terraform AWS provider: \`aws_cloudtrail\` resource, argument \`include_global_service_events\`.
- AWS CloudFormation: \`AWS::CloudTrail::Trail\`, property \`IncludeGlobalServiceEvents\`.
`;var ow={meta:{id:"TG014",...F("TG014"),name:"global-service-events-excluded",level:"warning",summary:"Trail excludes global service events (IAM, STS, CloudFront)",tags:["security","cloudtrail"],appliesTo:["cloudformation","terraform","live"],precision:"very-high",messages:{excluded:"Trail {{trail}} excludes global service events: IAM, STS and CloudFront activity is lost.",unknown:"Trail {{trail}}: whether it includes global service events cannot be determined."},fix:"safe"},doc:iw,check(t){for(let e of t.model.trails)xt(t,e.includeGlobalServiceEvents,{off:"excluded",unknown:"unknown",data:{trail:e.label},entity:e})}};var sw=`# TG015 log-bucket-access-logging-disabled
This rule checks that the bucket holding a trail's log files has S3 server access logging turned on, so that every request made to the log files themselves (reads, downloads, deletions, failed attempts) is recorded in a separate bucket.

## Why it matters
CloudTrail records management calls on the bucket, but object reads and deletes are data events that the trail usually does not record for its own bucket, and a trail cannot usefully record data events on the bucket it writes to without logging its own deliveries. Server access logs fill that gap: they show who listed, downloaded or deleted log files, from which address, and which attempts were refused. That is how you find out that logs were read by someone mapping the account, or that a deletion was tried. Access logs are delivered on a best-effort basis and cost only the storage they use. They should go to a different bucket, because a bucket that logs to itself creates a new log object for each delivery.

## What fails
- The trail's bucket (the bucket named by \`s3_bucket_name\` / \`S3BucketName\`, followed through references) has no server access logging: no \`aws_s3_bucket_logging\` resource and no v3 inline \`logging\` block (Terraform), no \`LoggingConfiguration\` (CloudFormation), or no \`LoggingEnabled\` in \`GetBucketLogging\` (live).
- A configured destination counts as logging on even when the destination bucket's name cannot be resolved.
- Only the trail's bucket is checked, not the destination bucket or other buckets.
- The result points at the bucket's header, since the setting is absent; the trail is a related location.
- The rule runs only where the trail's bucket resolves: a bucket in another account, or one the scan may not read, is unknown and gives no finding (\`--strict\` turns it into a \`review\`).

## How to fix
Create a separate bucket for access logs, allow the S3 logging service to write to it, and configure logging on the trail's bucket. Keep the access-log bucket private and, like the trail bucket, protect it against deletion if you rely on it in investigations.

### Terraform
\`\`\`hcl
data "aws_caller_identity" "current" {}
data "aws_region" "current" {}

locals {
  trail_name = "org-audit-trail"
  trail_arn  = "arn:aws:cloudtrail:\${data.aws_region.current.name}:\${data.aws_caller_identity.current.account_id}:trail/\${local.trail_name}"
}

resource "aws_s3_bucket" "trail_logs" {
  bucket              = "example-org-cloudtrail-logs"
  object_lock_enabled = true
}

resource "aws_s3_bucket_versioning" "trail_logs" {
  bucket = aws_s3_bucket.trail_logs.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_object_lock_configuration" "trail_logs" {
  bucket = aws_s3_bucket.trail_logs.id
  rule {
    default_retention {
      mode = "COMPLIANCE"
      days = 365
    }
  }
}

resource "aws_s3_bucket_public_access_block" "trail_logs" {
  bucket                  = aws_s3_bucket.trail_logs.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket" "access_logs" {
  bucket = "example-org-s3-access-logs"
}

resource "aws_s3_bucket_public_access_block" "access_logs" {
  bucket                  = aws_s3_bucket.access_logs.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

data "aws_iam_policy_document" "access_logs" {
  statement {
    sid       = "S3ServerAccessLogDelivery"
    actions   = ["s3:PutObject"]
    resources = ["\${aws_s3_bucket.access_logs.arn}/cloudtrail-logs/*"]
    principals {
      type        = "Service"
      identifiers = ["logging.s3.amazonaws.com"]
    }
    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = [aws_s3_bucket.trail_logs.arn]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

resource "aws_s3_bucket_policy" "access_logs" {
  bucket = aws_s3_bucket.access_logs.id
  policy = data.aws_iam_policy_document.access_logs.json
}

resource "aws_s3_bucket_logging" "trail_logs" {
  bucket        = aws_s3_bucket.trail_logs.id
  target_bucket = aws_s3_bucket.access_logs.id
  target_prefix = "cloudtrail-logs/"
}

data "aws_iam_policy_document" "trail_logs" {
  statement {
    sid       = "CloudTrailAclCheck"
    actions   = ["s3:GetBucketAcl"]
    resources = [aws_s3_bucket.trail_logs.arn]
    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceArn"
      values   = [local.trail_arn]
    }
  }

  statement {
    sid       = "CloudTrailWrite"
    actions   = ["s3:PutObject"]
    resources = ["\${aws_s3_bucket.trail_logs.arn}/AWSLogs/\${data.aws_caller_identity.current.account_id}/*"]
    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "s3:x-amz-acl"
      values   = ["bucket-owner-full-control"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceArn"
      values   = [local.trail_arn]
    }
  }
}

resource "aws_s3_bucket_policy" "trail_logs" {
  bucket = aws_s3_bucket.trail_logs.id
  policy = data.aws_iam_policy_document.trail_logs.json
}

resource "aws_cloudtrail" "main" {
  name                          = local.trail_name
  s3_bucket_name                = aws_s3_bucket.trail_logs.id
  is_multi_region_trail         = true
  include_global_service_events = true
  enable_log_file_validation    = true
  # A customer managed key kept in another stack (see TG020 and TG021).
  kms_key_id = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"

  depends_on = [aws_s3_bucket_policy.trail_logs]
}
\`\`\`

### CloudFormation
\`\`\`yaml
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  AccessLogsBucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: example-org-s3-access-logs
      PublicAccessBlockConfiguration:
        BlockPublicAcls: true
        BlockPublicPolicy: true
        IgnorePublicAcls: true
        RestrictPublicBuckets: true

  AccessLogsBucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref AccessLogsBucket
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Sid: S3ServerAccessLogDelivery
            Effect: Allow
            Principal:
              Service: logging.s3.amazonaws.com
            Action: s3:PutObject
            Resource: !Sub "\${AccessLogsBucket.Arn}/cloudtrail-logs/*"
            Condition:
              ArnLike:
                aws:SourceArn: !Sub "arn:\${AWS::Partition}:s3:::example-org-cloudtrail-logs"
              StringEquals:
                aws:SourceAccount: !Ref AWS::AccountId

  TrailLogsBucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: example-org-cloudtrail-logs
      ObjectLockEnabled: true
      ObjectLockConfiguration:
        ObjectLockEnabled: Enabled
        Rule:
          DefaultRetention:
            Mode: COMPLIANCE
            Days: 365
      VersioningConfiguration:
        Status: Enabled
      PublicAccessBlockConfiguration:
        BlockPublicAcls: true
        BlockPublicPolicy: true
        IgnorePublicAcls: true
        RestrictPublicBuckets: true
      LoggingConfiguration:
        DestinationBucketName: !Ref AccessLogsBucket
        LogFilePrefix: cloudtrail-logs/

  TrailLogsBucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref TrailLogsBucket
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Sid: CloudTrailAclCheck
            Effect: Allow
            Principal:
              Service: cloudtrail.amazonaws.com
            Action: s3:GetBucketAcl
            Resource: !GetAtt TrailLogsBucket.Arn
            Condition:
              StringEquals:
                aws:SourceArn: !Sub "arn:\${AWS::Partition}:cloudtrail:\${AWS::Region}:\${AWS::AccountId}:trail/org-audit-trail"
          - Sid: CloudTrailWrite
            Effect: Allow
            Principal:
              Service: cloudtrail.amazonaws.com
            Action: s3:PutObject
            Resource: !Sub "\${TrailLogsBucket.Arn}/AWSLogs/\${AWS::AccountId}/*"
            Condition:
              StringEquals:
                s3:x-amz-acl: bucket-owner-full-control
                aws:SourceArn: !Sub "arn:\${AWS::Partition}:cloudtrail:\${AWS::Region}:\${AWS::AccountId}:trail/org-audit-trail"

  AuditTrail:
    Type: AWS::CloudTrail::Trail
    DependsOn: TrailLogsBucketPolicy
    Properties:
      TrailName: org-audit-trail
      S3BucketName: !Ref TrailLogsBucket
      IsLogging: true
      IsMultiRegionTrail: true
      IncludeGlobalServiceEvents: true
      EnableLogFileValidation: true
      # A customer managed key kept in another stack (see TG020 and TG021).
      KMSKeyId: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
\`\`\`

## Equivalent checks
- Checkov: CKV_AWS_18 (access logging on any bucket)
- Trivy: AVD-AWS-0163
- Prowler: \`cloudtrail_logs_s3_bucket_access_logging_enabled\`

## References
- Amazon S3 User Guide: "Logging requests with server access logging", "Enabling Amazon S3 server access logging", "Permissions for log delivery".
- AWS CloudTrail User Guide: "Security best practices in AWS CloudTrail".
- CIS AWS Foundations Benchmark v3.0.0: 3.4 (S3 bucket access logging on the CloudTrail S3 bucket).
- AWS Security Hub: CloudTrail.7.
`;var aw={meta:{id:"TG015",...F("TG015"),name:"log-bucket-access-logging-disabled",level:"warning",summary:"Log bucket has no server access logging",tags:["security","cloudtrail","s3"],appliesTo:["cloudformation","terraform","live"],precision:"very-high",messages:{off:"Bucket {{bucket}} stores the logs of trail {{trail}} but has no server access logging: reads and deletions of the logs leave no trace.",unknown:"Bucket {{bucket}}: whether server access logging is on cannot be determined."}},doc:sw,check(t){let e=new Set;for(let n of t.model.trails){let r=Wt(n);r&&e.add(r)}for(let n of e){let r=Da(n,t.model.trails),i={bucket:n.label,trail:r.map(a=>a.label).join(", ")},o=r.map(a=>({at:a,message:`trail ${a.label} writes its logs here`})),s=n.accessLogging;s.kind==="unknown"?t.review(s,{messageId:"unknown",data:i,entity:n,related:o}):s.value||t.report({messageId:"off",data:i,at:s,entity:n,related:o})}}};var lw=`# TG016 log-bucket-policy-blocks-delivery
This rule evaluates the bucket policy of a trail's bucket and checks that it lets CloudTrail deliver: \`s3:GetBucketAcl\` on the bucket and \`s3:PutObject\` on the trail's log prefix, granted to the \`cloudtrail.amazonaws.com\` service principal. It also checks that the grant is tied to your trail or account, so that another account's trail cannot use your bucket.

## Why it matters
CloudTrail checks the bucket ACL and then writes each log file with \`PutObject\`; if the policy does not allow both, every delivery fails and the trail records nothing durable, while it still looks configured and "logging" (TG018 shows the error live). This happens after a bucket policy is rewritten by hand, when a key prefix is added to the trail but not to the policy, when a trail becomes an organization trail, or when the account ID in the resource ARN is wrong. The second problem is the confused deputy: a grant to \`cloudtrail.amazonaws.com\` with no \`aws:SourceArn\` or \`aws:SourceAccount\` condition lets any account point its own trail at your bucket, filling it with foreign logs at your cost and mixing them with yours.

## What fails
- Error: the policy is resolvable and no statement lets \`cloudtrail.amazonaws.com\` run \`s3:GetBucketAcl\` on the bucket and \`s3:PutObject\` on the trail's prefix (\`[s3_key_prefix/]AWSLogs/ACCOUNT_ID/*\`; for an organization trail, also \`[s3_key_prefix/]AWSLogs/ORG_ID/*\`). The policy is evaluated, not pattern-matched: \`Deny\` beats \`Allow\`, wildcards such as \`s3:*\` and \`arn:aws:s3:::BUCKET/*\` count, and \`NotPrincipal\`, \`NotAction\` and \`NotResource\` are understood. A source condition that names another trail blocks delivery.
- Warning (same rule, lower level): delivery works, but the grant that allows it has no \`aws:SourceArn\` or \`aws:SourceAccount\` condition.
- Delivery works when some grant allows it, and that grant decides the warning. An account ID that cannot be compared (the trail's account is unknown) is not a mismatch; an unknown organization ID leaves the organization part unknown.
- The result points at the bucket policy's document (else at the bucket's header); the trail is a related location.
- In IaC, a bucket with no policy in the scanned files is unknown (policies are often attached elsewhere) and gives no finding; live, a missing policy is known and fails. A bucket in another account, or one the scan may not read, is unknown too. With \`--strict\`, unknowns give a \`review\` result.

## How to fix
Grant CloudTrail the two permissions it needs, on exactly the bucket and the trail's prefix, and bind both statements to your trail with \`aws:SourceArn\` (or to your account with \`aws:SourceAccount\`). Build the trail ARN from its name rather than from the trail resource, so that the policy can be created before the trail, and make the trail depend on the policy: CloudTrail checks the policy when the trail is created.

### Terraform
\`\`\`hcl
data "aws_caller_identity" "current" {}
data "aws_region" "current" {}

locals {
  trail_name = "org-audit-trail"
  trail_arn  = "arn:aws:cloudtrail:\${data.aws_region.current.name}:\${data.aws_caller_identity.current.account_id}:trail/\${local.trail_name}"
}

resource "aws_s3_bucket" "trail_logs" {
  bucket              = "example-org-cloudtrail-logs"
  object_lock_enabled = true
}

resource "aws_s3_bucket_versioning" "trail_logs" {
  bucket = aws_s3_bucket.trail_logs.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_object_lock_configuration" "trail_logs" {
  bucket = aws_s3_bucket.trail_logs.id
  rule {
    default_retention {
      mode = "COMPLIANCE"
      days = 365
    }
  }
}

resource "aws_s3_bucket_public_access_block" "trail_logs" {
  bucket                  = aws_s3_bucket.trail_logs.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_logging" "trail_logs" {
  bucket        = aws_s3_bucket.trail_logs.id
  target_bucket = "example-org-s3-access-logs"
  target_prefix = "cloudtrail-logs/"
}

data "aws_iam_policy_document" "trail_logs" {
  statement {
    sid       = "CloudTrailAclCheck"
    actions   = ["s3:GetBucketAcl"]
    resources = [aws_s3_bucket.trail_logs.arn]
    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceArn"
      values   = [local.trail_arn]
    }
  }

  statement {
    sid       = "CloudTrailWrite"
    actions   = ["s3:PutObject"]
    resources = ["\${aws_s3_bucket.trail_logs.arn}/AWSLogs/\${data.aws_caller_identity.current.account_id}/*"]
    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "s3:x-amz-acl"
      values   = ["bucket-owner-full-control"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceArn"
      values   = [local.trail_arn]
    }
  }
}

resource "aws_s3_bucket_policy" "trail_logs" {
  bucket = aws_s3_bucket.trail_logs.id
  policy = data.aws_iam_policy_document.trail_logs.json
}

resource "aws_cloudtrail" "main" {
  name                          = local.trail_name
  s3_bucket_name                = aws_s3_bucket.trail_logs.id
  is_multi_region_trail         = true
  include_global_service_events = true
  enable_log_file_validation    = true
  # A customer managed key kept in another stack (see TG020 and TG021).
  kms_key_id = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"

  depends_on = [aws_s3_bucket_policy.trail_logs]
}
\`\`\`

### CloudFormation
\`\`\`yaml
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  TrailLogsBucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: example-org-cloudtrail-logs
      ObjectLockEnabled: true
      ObjectLockConfiguration:
        ObjectLockEnabled: Enabled
        Rule:
          DefaultRetention:
            Mode: COMPLIANCE
            Days: 365
      VersioningConfiguration:
        Status: Enabled
      PublicAccessBlockConfiguration:
        BlockPublicAcls: true
        BlockPublicPolicy: true
        IgnorePublicAcls: true
        RestrictPublicBuckets: true
      LoggingConfiguration:
        DestinationBucketName: example-org-s3-access-logs
        LogFilePrefix: cloudtrail-logs/

  TrailLogsBucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref TrailLogsBucket
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Sid: CloudTrailAclCheck
            Effect: Allow
            Principal:
              Service: cloudtrail.amazonaws.com
            Action: s3:GetBucketAcl
            Resource: !GetAtt TrailLogsBucket.Arn
            Condition:
              StringEquals:
                aws:SourceArn: !Sub "arn:\${AWS::Partition}:cloudtrail:\${AWS::Region}:\${AWS::AccountId}:trail/org-audit-trail"
          - Sid: CloudTrailWrite
            Effect: Allow
            Principal:
              Service: cloudtrail.amazonaws.com
            Action: s3:PutObject
            Resource: !Sub "\${TrailLogsBucket.Arn}/AWSLogs/\${AWS::AccountId}/*"
            Condition:
              StringEquals:
                s3:x-amz-acl: bucket-owner-full-control
                aws:SourceArn: !Sub "arn:\${AWS::Partition}:cloudtrail:\${AWS::Region}:\${AWS::AccountId}:trail/org-audit-trail"

  AuditTrail:
    Type: AWS::CloudTrail::Trail
    DependsOn: TrailLogsBucketPolicy
    Properties:
      TrailName: org-audit-trail
      S3BucketName: !Ref TrailLogsBucket
      IsLogging: true
      IsMultiRegionTrail: true
      IncludeGlobalServiceEvents: true
      EnableLogFileValidation: true
      # A customer managed key kept in another stack (see TG020 and TG021).
      KMSKeyId: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
\`\`\`

## Equivalent checks
None known (Checkov, Trivy and Prowler do not check that the policy allows delivery).

## References
- AWS CloudTrail User Guide: "Amazon S3 bucket policy for CloudTrail", "Cross-service confused deputy prevention", "Amazon S3 bucket policy for an organization trail".
- IAM User Guide: "Policy evaluation logic", "AWS global condition context keys" (\`aws:SourceArn\`, \`aws:SourceAccount\`).
- AWS CloudTrail API Reference: \`GetTrailStatus\` (\`LatestDeliveryError\`).
`;var cw={meta:{id:"TG016",...F("TG016"),name:"log-bucket-policy-blocks-delivery",level:"error",summary:"Log bucket policy does not let CloudTrail deliver",tags:["security","cloudtrail","s3"],appliesTo:["cloudformation","terraform","live"],precision:"high",messages:{blocked:"The policy of bucket {{bucket}} does not let cloudtrail.amazonaws.com {{need}}: trail {{trail}} cannot deliver its logs.",noPolicy:"Bucket {{bucket}} has no bucket policy: trail {{trail}} cannot deliver its logs.",confusedDeputy:"The policy of bucket {{bucket}} lets cloudtrail.amazonaws.com write without an aws:SourceArn or aws:SourceAccount condition: any account's trail could deliver into it.",unknown:"Bucket {{bucket}}: whether its policy lets trail {{trail}} deliver cannot be determined."}},doc:lw,check(t){for(let e of t.model.trails){let n=Wt(e);if(!n)continue;let r={bucket:n.label,trail:e.label},i=[{at:e,message:`trail ${e.label}`}],o=n.policy;if(o.kind==="unknown"){t.review(o,{messageId:"unknown",data:r,entity:n,related:i});continue}if(o.value===null){o.origin==="explicit"&&t.report({messageId:"noPolicy",data:r,at:o,entity:n,related:i});continue}if(n.name.kind==="unknown")continue;let s=`arn:aws:s3:::${n.name.value}`,a=Er(e),l=Ma(e),c=[];if(a===null)c.push(new v("unsupported-expression","S3KeyPrefix"));else{c.push(typeof l=="string"?`${s}/${a}${l}/*`:l);let f=e.isOrganizationTrail;if(f.kind!=="known"||f.value){let p=e.organizationId?zn(e.organizationId):new v("unsupported-expression","organization ID");c.push(f.kind==="unknown"?new v(f.reason):typeof p=="string"?`${s}/${a}${p}/*`:p)}}let u=Id(o.value.document,{bucketArn:s,objectArns:c,trailArn:zn(e.trailArn),accountId:l}),d=O(!0,o.value.statementLocs[u.statements[0]??-1]??o.loc);if(u.result==="unknown")t.review({kind:"unknown",reason:"unsupported-expression",loc:o.loc},{messageId:"unknown",data:r,entity:n,related:i});else if(u.result==="blocked"){let f=u.blocked.map(p=>`${p.action} on ${p.resource??"the log prefix"}`).join(" and ")||"write its logs";t.report({messageId:"blocked",data:{...r,need:f},at:O(!0,o.loc),entity:n,related:i,key:"blocked"})}else u.result==="allowed-without-source-condition"&&t.report({messageId:"confusedDeputy",data:r,at:d,entity:n,related:i,key:"confused-deputy",level:"warning"})}}};var uw=`# TG017 no-organization-trail
This rule applies to AWS Organizations. It checks that the management account (or a delegated administrator account for CloudTrail) runs an organization trail: one trail that records the events of every account in the organization, present and future, into one bucket that member accounts cannot change.

## Why it matters
Trails created inside member accounts can be stopped, edited or deleted by anyone with administrator rights in that account, which is exactly the access an intruder is after. An organization trail is owned by the management account: member accounts can see it but cannot modify or delete it, new accounts are covered the moment they join, and all logs land in one place for the security team. Without it, coverage depends on every account team remembering to create and keep its own trail, and an account created yesterday has no trail at all.

## What fails
- Live, in an AWS Organizations management account or a CloudTrail delegated administrator account: no trail with \`IsOrganizationTrail\` true exists. One result for the account, at \`arn:PARTITION:iam::ACCOUNT:root\`. Member accounts are not checked; there the organization trail counts for TG001.
- IaC: the rule runs only when \`.trailguard.yml\` sets \`organization: true\` (the default is \`false\`); it fails when no scanned trail has \`is_organization_trail = true\` / \`IsOrganizationTrail: true\`, and the result points at the \`organization\` key of that configuration file.
- \`is_organization_trail\` / \`IsOrganizationTrail\` defaults to false, so a trail without it is not an organization trail.
- A flag that cannot be resolved (a variable with no default and no tfvars, a module output, \`!ImportValue\`) never fails; with \`--strict\` it gives a \`review\` result. Live, an account whose organization role cannot be read gives an \`access-denied\` notification, not a finding.

## How to fix
Enable trusted access for CloudTrail in AWS Organizations (\`aws organizations enable-aws-service-access --service-principal cloudtrail.amazonaws.com\`, or \`cloudtrail.amazonaws.com\` in \`aws_service_access_principals\`), then create a multi-Region organization trail from the management account or the delegated administrator. The bucket policy must also allow the organization's prefix, \`AWSLogs/ORG_ID/*\`, where member accounts' logs are written. In the repository that manages the management account, set \`organization: true\` in \`.trailguard.yml\`, so that trailguard reports the trail if it is removed or loses its organization flag.

### Terraform
\`\`\`hcl
data "aws_caller_identity" "current" {}
data "aws_region" "current" {}
data "aws_organizations_organization" "current" {}

locals {
  trail_name = "org-audit-trail"
  trail_arn  = "arn:aws:cloudtrail:\${data.aws_region.current.name}:\${data.aws_caller_identity.current.account_id}:trail/\${local.trail_name}"
}

resource "aws_s3_bucket" "trail_logs" {
  bucket              = "example-org-cloudtrail-logs"
  object_lock_enabled = true
}

resource "aws_s3_bucket_versioning" "trail_logs" {
  bucket = aws_s3_bucket.trail_logs.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_object_lock_configuration" "trail_logs" {
  bucket = aws_s3_bucket.trail_logs.id
  rule {
    default_retention {
      mode = "COMPLIANCE"
      days = 365
    }
  }
}

resource "aws_s3_bucket_public_access_block" "trail_logs" {
  bucket                  = aws_s3_bucket.trail_logs.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_logging" "trail_logs" {
  bucket        = aws_s3_bucket.trail_logs.id
  target_bucket = "example-org-s3-access-logs"
  target_prefix = "cloudtrail-logs/"
}

data "aws_iam_policy_document" "trail_logs" {
  statement {
    sid       = "CloudTrailAclCheck"
    actions   = ["s3:GetBucketAcl"]
    resources = [aws_s3_bucket.trail_logs.arn]
    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceArn"
      values   = [local.trail_arn]
    }
  }

  statement {
    sid     = "CloudTrailWrite"
    actions = ["s3:PutObject"]
    resources = [
      "\${aws_s3_bucket.trail_logs.arn}/AWSLogs/\${data.aws_caller_identity.current.account_id}/*",
      "\${aws_s3_bucket.trail_logs.arn}/AWSLogs/\${data.aws_organizations_organization.current.id}/*",
    ]
    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "s3:x-amz-acl"
      values   = ["bucket-owner-full-control"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceArn"
      values   = [local.trail_arn]
    }
  }
}

resource "aws_s3_bucket_policy" "trail_logs" {
  bucket = aws_s3_bucket.trail_logs.id
  policy = data.aws_iam_policy_document.trail_logs.json
}

resource "aws_cloudtrail" "main" {
  name                          = local.trail_name
  s3_bucket_name                = aws_s3_bucket.trail_logs.id
  is_multi_region_trail         = true
  is_organization_trail         = true
  include_global_service_events = true
  enable_log_file_validation    = true
  # A customer managed key kept in another stack (see TG020 and TG021).
  kms_key_id = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"

  depends_on = [aws_s3_bucket_policy.trail_logs]
}
\`\`\`

### CloudFormation
\`\`\`yaml
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  OrganizationId:
    Type: String
    Description: The ID of the organization (o-...), used in the log prefix of member accounts.
    AllowedPattern: "^o-[a-z0-9]{10,32}$"
Resources:
  TrailLogsBucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: example-org-cloudtrail-logs
      ObjectLockEnabled: true
      ObjectLockConfiguration:
        ObjectLockEnabled: Enabled
        Rule:
          DefaultRetention:
            Mode: COMPLIANCE
            Days: 365
      VersioningConfiguration:
        Status: Enabled
      PublicAccessBlockConfiguration:
        BlockPublicAcls: true
        BlockPublicPolicy: true
        IgnorePublicAcls: true
        RestrictPublicBuckets: true
      LoggingConfiguration:
        DestinationBucketName: example-org-s3-access-logs
        LogFilePrefix: cloudtrail-logs/

  TrailLogsBucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref TrailLogsBucket
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Sid: CloudTrailAclCheck
            Effect: Allow
            Principal:
              Service: cloudtrail.amazonaws.com
            Action: s3:GetBucketAcl
            Resource: !GetAtt TrailLogsBucket.Arn
            Condition:
              StringEquals:
                aws:SourceArn: !Sub "arn:\${AWS::Partition}:cloudtrail:\${AWS::Region}:\${AWS::AccountId}:trail/org-audit-trail"
          - Sid: CloudTrailWrite
            Effect: Allow
            Principal:
              Service: cloudtrail.amazonaws.com
            Action: s3:PutObject
            Resource:
              - !Sub "\${TrailLogsBucket.Arn}/AWSLogs/\${AWS::AccountId}/*"
              - !Sub "\${TrailLogsBucket.Arn}/AWSLogs/\${OrganizationId}/*"
            Condition:
              StringEquals:
                s3:x-amz-acl: bucket-owner-full-control
                aws:SourceArn: !Sub "arn:\${AWS::Partition}:cloudtrail:\${AWS::Region}:\${AWS::AccountId}:trail/org-audit-trail"

  AuditTrail:
    Type: AWS::CloudTrail::Trail
    DependsOn: TrailLogsBucketPolicy
    Properties:
      TrailName: org-audit-trail
      S3BucketName: !Ref TrailLogsBucket
      IsLogging: true
      IsMultiRegionTrail: true
      IsOrganizationTrail: true
      IncludeGlobalServiceEvents: true
      EnableLogFileValidation: true
      # A customer managed key kept in another stack (see TG020 and TG021).
      KMSKeyId: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
\`\`\`

## Equivalent checks
None known (Checkov, Trivy and Prowler have no check that an organization trail exists).

## References
- AWS CloudTrail User Guide: "Creating a trail for an organization", "Amazon S3 bucket policy for an organization trail", "Organization delegated administrator".
- AWS Organizations User Guide: "AWS CloudTrail and AWS Organizations" (trusted access).
- Terraform AWS provider: \`aws_cloudtrail\` resource, argument \`is_organization_trail\`.
- AWS CloudFormation: \`AWS::CloudTrail::Trail\`, property \`IsOrganizationTrail\`.
`;var dw={meta:{id:"TG017",...F("TG017"),name:"no-organization-trail",level:"warning",summary:"Organization has no organization trail",tags:["security","cloudtrail","organizations"],appliesTo:["cloudformation","terraform","live"],precision:"high",messages:{missing:"No organization trail is defined, although the configuration says this is an AWS Organizations management account.",missingLive:"Account {{account}} manages an AWS Organization but no organization trail exists: member accounts can stop their own trails."}},doc:uw,check(t){let e=t.model.account;if(!t.model.trails.some(r=>r.isOrganizationTrail.kind==="unknown"||r.isOrganizationTrail.value)){if(e.source==="live"){let r=e.orgRole;r?.kind==="known"&&(r.value==="management"||r.value==="delegated-admin")&&t.report({messageId:"missingLive",data:{account:e.label},at:e});return}t.settings.organization&&e.organizationAt&&t.report({messageId:"missing",at:{kind:"known",value:!0,origin:"explicit",loc:e.organizationAt},entity:e})}}};var fw=`# TG018 trail-delivery-failing
This rule is for live scans. It asks CloudTrail whether the last attempt to deliver a log file or a digest file to the trail's bucket failed, which means the trail is configured and switched on, yet its records are not reaching storage.

## Why it matters
A trail whose deliveries fail looks healthy everywhere except in its status: it is logging, it has a bucket, its settings pass every static check, and still no log file, or no digest file, is being written. Events that could not be delivered are not guaranteed to arrive later, so the gap can be permanent. The usual causes are a bucket policy that no longer grants CloudTrail access (TG016), a bucket that was deleted or renamed, a KMS key that is disabled, scheduled for deletion or whose policy no longer lets CloudTrail use it (TG020), or an SCP or permissions boundary in the bucket's account that denies the write. Failed digest deliveries break log file validation for the hours they cover (TG003).

## What fails
- Live only: \`GetTrailStatus\` reports a non-empty \`LatestDeliveryError\` (log files) or \`LatestDigestDeliveryError\` (digest files). The result uses the trail's ARN, and names the error reported by CloudTrail.
- A field that is absent from \`GetTrailStatus\` is unknown, never "delivery failing", and an API error while reading the status (AccessDenied, throttling) gives a notification, never a finding.
- Each trail is reported once, at its home Region, not once per Regional shadow of a multi-Region or organization trail.
- IaC scans never produce this rule: a template cannot show whether deliveries succeed.

## How to fix
Read the error in the trail's status (\`aws cloudtrail get-trail-status --name TRAIL\`), fix its cause, and watch \`LatestDeliveryTime\` move forward. An access-denied error points at the bucket policy or, for SSE-KMS, the key policy; \`NoSuchBucket\` at a missing bucket; a KMS error at the key's state (disabled, pending deletion) or its policy. In code, keep the bucket, its policy, the key and the trail in the same stack so that they change together, as in the snippets below; the bucket policy must grant the trail's prefix and the key policy must let CloudTrail generate data keys for the trail.

### Terraform
\`\`\`hcl
data "aws_caller_identity" "current" {}
data "aws_region" "current" {}

locals {
  trail_name = "org-audit-trail"
  trail_arn  = "arn:aws:cloudtrail:\${data.aws_region.current.name}:\${data.aws_caller_identity.current.account_id}:trail/\${local.trail_name}"
}

resource "aws_s3_bucket" "trail_logs" {
  bucket              = "example-org-cloudtrail-logs"
  object_lock_enabled = true
}

resource "aws_s3_bucket_versioning" "trail_logs" {
  bucket = aws_s3_bucket.trail_logs.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_object_lock_configuration" "trail_logs" {
  bucket = aws_s3_bucket.trail_logs.id
  rule {
    default_retention {
      mode = "COMPLIANCE"
      days = 365
    }
  }
}

resource "aws_s3_bucket_public_access_block" "trail_logs" {
  bucket                  = aws_s3_bucket.trail_logs.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_logging" "trail_logs" {
  bucket        = aws_s3_bucket.trail_logs.id
  target_bucket = "example-org-s3-access-logs"
  target_prefix = "cloudtrail-logs/"
}

data "aws_iam_policy_document" "trail_logs" {
  statement {
    sid       = "CloudTrailAclCheck"
    actions   = ["s3:GetBucketAcl"]
    resources = [aws_s3_bucket.trail_logs.arn]
    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceArn"
      values   = [local.trail_arn]
    }
  }

  statement {
    sid       = "CloudTrailWrite"
    actions   = ["s3:PutObject"]
    resources = ["\${aws_s3_bucket.trail_logs.arn}/AWSLogs/\${data.aws_caller_identity.current.account_id}/*"]
    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "s3:x-amz-acl"
      values   = ["bucket-owner-full-control"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceArn"
      values   = [local.trail_arn]
    }
  }
}

resource "aws_s3_bucket_policy" "trail_logs" {
  bucket = aws_s3_bucket.trail_logs.id
  policy = data.aws_iam_policy_document.trail_logs.json
}

data "aws_iam_policy_document" "trail_key" {
  statement {
    sid       = "AccountAdministration"
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::\${data.aws_caller_identity.current.account_id}:root"]
    }
  }

  statement {
    sid       = "CloudTrailEncryptLogs"
    actions   = ["kms:GenerateDataKey*"]
    resources = ["*"]
    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }
    condition {
      test     = "StringLike"
      variable = "kms:EncryptionContext:aws:cloudtrail:arn"
      values   = ["arn:aws:cloudtrail:*:\${data.aws_caller_identity.current.account_id}:trail/*"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceArn"
      values   = [local.trail_arn]
    }
  }

  statement {
    sid       = "CloudTrailDescribeKey"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }
  }
}

resource "aws_kms_key" "trail" {
  description         = "Encrypts the log files of org-audit-trail"
  enable_key_rotation = true
  policy              = data.aws_iam_policy_document.trail_key.json
}

resource "aws_kms_alias" "trail" {
  name          = "alias/cloudtrail/org-audit-trail"
  target_key_id = aws_kms_key.trail.key_id
}

resource "aws_cloudtrail" "main" {
  name                          = local.trail_name
  s3_bucket_name                = aws_s3_bucket.trail_logs.id
  is_multi_region_trail         = true
  include_global_service_events = true
  enable_log_file_validation    = true
  kms_key_id                    = aws_kms_key.trail.arn

  depends_on = [aws_s3_bucket_policy.trail_logs]
}
\`\`\`

### CloudFormation
\`\`\`yaml
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  TrailLogsBucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: example-org-cloudtrail-logs
      ObjectLockEnabled: true
      ObjectLockConfiguration:
        ObjectLockEnabled: Enabled
        Rule:
          DefaultRetention:
            Mode: COMPLIANCE
            Days: 365
      VersioningConfiguration:
        Status: Enabled
      PublicAccessBlockConfiguration:
        BlockPublicAcls: true
        BlockPublicPolicy: true
        IgnorePublicAcls: true
        RestrictPublicBuckets: true
      LoggingConfiguration:
        DestinationBucketName: example-org-s3-access-logs
        LogFilePrefix: cloudtrail-logs/

  TrailLogsBucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref TrailLogsBucket
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Sid: CloudTrailAclCheck
            Effect: Allow
            Principal:
              Service: cloudtrail.amazonaws.com
            Action: s3:GetBucketAcl
            Resource: !GetAtt TrailLogsBucket.Arn
            Condition:
              StringEquals:
                aws:SourceArn: !Sub "arn:\${AWS::Partition}:cloudtrail:\${AWS::Region}:\${AWS::AccountId}:trail/org-audit-trail"
          - Sid: CloudTrailWrite
            Effect: Allow
            Principal:
              Service: cloudtrail.amazonaws.com
            Action: s3:PutObject
            Resource: !Sub "\${TrailLogsBucket.Arn}/AWSLogs/\${AWS::AccountId}/*"
            Condition:
              StringEquals:
                s3:x-amz-acl: bucket-owner-full-control
                aws:SourceArn: !Sub "arn:\${AWS::Partition}:cloudtrail:\${AWS::Region}:\${AWS::AccountId}:trail/org-audit-trail"

  TrailKey:
    Type: AWS::KMS::Key
    Properties:
      Description: Encrypts the log files of org-audit-trail
      EnableKeyRotation: true
      KeyPolicy:
        Version: "2012-10-17"
        Statement:
          - Sid: AccountAdministration
            Effect: Allow
            Principal:
              AWS: !Sub "arn:\${AWS::Partition}:iam::\${AWS::AccountId}:root"
            Action: kms:*
            Resource: "*"
          - Sid: CloudTrailEncryptLogs
            Effect: Allow
            Principal:
              Service: cloudtrail.amazonaws.com
            Action: kms:GenerateDataKey*
            Resource: "*"
            Condition:
              StringLike:
                kms:EncryptionContext:aws:cloudtrail:arn: !Sub "arn:\${AWS::Partition}:cloudtrail:*:\${AWS::AccountId}:trail/*"
              StringEquals:
                aws:SourceArn: !Sub "arn:\${AWS::Partition}:cloudtrail:\${AWS::Region}:\${AWS::AccountId}:trail/org-audit-trail"
          - Sid: CloudTrailDescribeKey
            Effect: Allow
            Principal:
              Service: cloudtrail.amazonaws.com
            Action: kms:DescribeKey
            Resource: "*"

  TrailKeyAlias:
    Type: AWS::KMS::Alias
    Properties:
      AliasName: alias/cloudtrail/org-audit-trail
      TargetKeyId: !Ref TrailKey

  AuditTrail:
    Type: AWS::CloudTrail::Trail
    DependsOn: TrailLogsBucketPolicy
    Properties:
      TrailName: org-audit-trail
      S3BucketName: !Ref TrailLogsBucket
      IsLogging: true
      IsMultiRegionTrail: true
      IncludeGlobalServiceEvents: true
      EnableLogFileValidation: true
      KMSKeyId: !GetAtt TrailKey.Arn
\`\`\`

## Equivalent checks
None known (Checkov, Trivy and Prowler do not read the delivery errors of a trail).

## References
- AWS CloudTrail API Reference: \`GetTrailStatus\` (\`LatestDeliveryError\`, \`LatestDigestDeliveryError\`, \`LatestDeliveryTime\`).
- AWS CloudTrail User Guide: "Amazon S3 bucket policy for CloudTrail", "Configure AWS KMS key policies for CloudTrail", "Troubleshooting CloudTrail".
- AWS KMS Developer Guide: "Key states of AWS KMS keys".
`;function pw(t){return t?.kind==="known"&&typeof t.value=="string"&&t.value.trim()!==""}var mw={meta:{id:"TG018",...F("TG018"),name:"trail-delivery-failing",level:"error",summary:"Trail fails to deliver its log or digest files",tags:["security","cloudtrail"],appliesTo:["live"],precision:"very-high",messages:{logs:"Trail {{trail}} fails to deliver its log files to S3: {{error}}.",digests:"Trail {{trail}} fails to deliver its digest files to S3: {{error}}.",unknown:"Trail {{trail}}: whether its deliveries succeed cannot be determined."}},doc:fw,check(t){for(let e of t.model.trails){let n=e.status;if(!n)continue;let r={trail:e.label},i=n.latestDeliveryError,o=n.latestDigestDeliveryError;pw(i)&&t.report({messageId:"logs",data:{...r,error:i.value},at:i,entity:e,key:"logs"}),pw(o)&&t.report({messageId:"digests",data:{...r,error:o.value},at:o,entity:e,key:"digests"}),i.kind==="unknown"&&i.reason==="access-denied"&&t.review(i,{messageId:"unknown",data:r,entity:e})}}};var hw=`# TG019 monitoring-alarm-missing
This rule checks that each trail sending to CloudWatch Logs has working alarms for the classes of events listed in \`monitoring\` in \`.trailguard.yml\`. By default that is one class, \`cloudtrail-changes\`: the calls that reduce auditing, such as stopping, changing or deleting a trail. \`monitoring: cis\` asks for the whole monitoring set of the CIS AWS Foundations Benchmark.

## Why it matters
Logs only help when someone looks at them, and the events that matter most are the ones an attacker makes to hide: \`StopLogging\`, \`DeleteTrail\`, or an \`UpdateTrail\` that points the trail at a bucket they control. An alarm on those calls turns a silent loss of auditing into a page within minutes. The CIS set adds the other changes that usually come with an intrusion or a serious mistake: failed and unprotected console sign-ins, denied API calls, IAM policy changes, disabled keys, and changes to bucket policies, AWS Config and the network. Each alarm is cheap; the value lies in a filter that really matches the events, an alarm that fires on the first one, and a notification that reaches a person.

## What fails
For each trail that names a log group (\`cloud_watch_logs_group_arn\` / \`CloudWatchLogsLogGroupArn\`), one result per configured class that is not monitored, naming the class. A class is monitored when:
- some metric filter on the trail's log group matches every sample event of the class and none of its look-alike events. Patterns are parsed and evaluated with CloudWatch Logs filter-pattern semantics, not matched as text: term order, extra parentheses, spacing, newlines and quoting do not matter, and extra exclusions are fine while the class's events still match. For \`cloudtrail-changes\` the filter must match \`StopLogging\`, \`DeleteTrail\` and \`UpdateTrail\` and must not match \`DescribeTrails\`, \`GetTrailStatus\` or \`LookupEvents\`; the CIS 4.5 pattern does this;
- an alarm on that filter's metric, linked by metric name and namespace (never by resource names), fires on one event: for a period with one matching event, its statistic (\`Sum\`, \`SampleCount\`, \`Maximum\`, or \`Average\` with a metric value of 1) compared with its threshold is true;
- the alarm notifies someone: it has an SNS action and its actions are enabled. In IaC an action naming an SNS topic is enough; live, the topic needs a confirmed subscription.

The classes are \`unauthorized-api-calls\`, \`console-signin-without-mfa\`, \`iam-policy-changes\`, \`cloudtrail-changes\`, \`console-auth-failures\`, \`cmk-disable-or-deletion\`, \`s3-bucket-policy-changes\`, \`config-changes\`, \`security-group-changes\`, \`nacl-changes\`, \`network-gateway-changes\`, \`route-table-changes\`, \`vpc-changes\` and \`organizations-changes\`; \`monitoring: cis\` selects all of them, a list selects some, and \`[]\` turns the rule off. Root-user activity is TG010. The result points at the trail's \`cloud_watch_logs_group_arn\` / \`CloudWatchLogsLogGroupArn\`, with the filter and alarm as related locations. A log group, pattern, metric or topic that cannot be resolved, or that lives in another account, is unknown and gives no finding (\`--strict\` turns it into a \`review\`).

## How to fix
For each missing class, add a metric filter on the trail's log group, an alarm with \`Sum >= 1\` over one period on the filter's metric, and an SNS topic with a confirmed subscription as the alarm's action. One topic can serve all alarms. The snippets cover the default class, \`cloudtrail-changes\`, and the root-user alarm of TG010; for \`monitoring: cis\`, repeat the filter and alarm pair with the CIS pattern of each class.

### Terraform
\`\`\`hcl
resource "aws_cloudwatch_log_group" "trail" {
  name              = "/aws/cloudtrail/org-audit-trail"
  retention_in_days = 365
}

data "aws_iam_policy_document" "cloudtrail_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "trail_to_cloudwatch" {
  name               = "org-audit-trail-to-cloudwatch"
  assume_role_policy = data.aws_iam_policy_document.cloudtrail_assume.json
}

data "aws_iam_policy_document" "trail_to_cloudwatch" {
  statement {
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["\${aws_cloudwatch_log_group.trail.arn}:log-stream:*"]
  }
}

resource "aws_iam_role_policy" "trail_to_cloudwatch" {
  name   = "deliver-to-cloudwatch-logs"
  role   = aws_iam_role.trail_to_cloudwatch.id
  policy = data.aws_iam_policy_document.trail_to_cloudwatch.json
}

resource "aws_cloudtrail" "main" {
  name                          = "org-audit-trail"
  s3_bucket_name                = "example-org-cloudtrail-logs"
  is_multi_region_trail         = true
  include_global_service_events = true
  enable_log_file_validation    = true
  cloud_watch_logs_group_arn    = "\${aws_cloudwatch_log_group.trail.arn}:*"
  cloud_watch_logs_role_arn     = aws_iam_role.trail_to_cloudwatch.arn
  # A customer managed key kept in another stack (see TG020 and TG021).
  kms_key_id = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"

  depends_on = [aws_iam_role_policy.trail_to_cloudwatch]
}

resource "aws_sns_topic" "security_alerts" {
  name = "cloudtrail-security-alerts"
}

resource "aws_sns_topic_subscription" "security_team" {
  topic_arn = aws_sns_topic.security_alerts.arn
  protocol  = "email"
  endpoint  = "security-team@example.com"
}

resource "aws_cloudwatch_log_metric_filter" "root_usage" {
  name           = "root-account-usage"
  log_group_name = aws_cloudwatch_log_group.trail.name
  pattern        = "{ ($.userIdentity.type = \\"Root\\") && ($.userIdentity.invokedBy NOT EXISTS) && ($.eventType != \\"AwsServiceEvent\\") }"

  metric_transformation {
    name      = "RootAccountUsage"
    namespace = "CloudTrailMetrics"
    value     = "1"
  }
}

resource "aws_cloudwatch_metric_alarm" "root_usage" {
  alarm_name          = "root-account-usage"
  alarm_description   = "The root user signed in or made an API call."
  namespace           = "CloudTrailMetrics"
  metric_name         = "RootAccountUsage"
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.security_alerts.arn]
}

resource "aws_cloudwatch_log_metric_filter" "cloudtrail_changes" {
  name           = "cloudtrail-configuration-changes"
  log_group_name = aws_cloudwatch_log_group.trail.name
  pattern        = "{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }"

  metric_transformation {
    name      = "CloudTrailConfigurationChanges"
    namespace = "CloudTrailMetrics"
    value     = "1"
  }
}

resource "aws_cloudwatch_metric_alarm" "cloudtrail_changes" {
  alarm_name          = "cloudtrail-configuration-changes"
  alarm_description   = "A trail was created, changed, stopped, started or deleted."
  namespace           = "CloudTrailMetrics"
  metric_name         = "CloudTrailConfigurationChanges"
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.security_alerts.arn]
}
\`\`\`

### CloudFormation
\`\`\`yaml
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  TrailLogGroup:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: /aws/cloudtrail/org-audit-trail
      RetentionInDays: 365

  TrailToCloudWatchRole:
    Type: AWS::IAM::Role
    Properties:
      RoleName: org-audit-trail-to-cloudwatch
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              Service: cloudtrail.amazonaws.com
            Action: sts:AssumeRole
      Policies:
        - PolicyName: deliver-to-cloudwatch-logs
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action:
                  - logs:CreateLogStream
                  - logs:PutLogEvents
                Resource: !Sub "arn:\${AWS::Partition}:logs:\${AWS::Region}:\${AWS::AccountId}:log-group:\${TrailLogGroup}:log-stream:*"

  AuditTrail:
    Type: AWS::CloudTrail::Trail
    Properties:
      TrailName: org-audit-trail
      S3BucketName: example-org-cloudtrail-logs
      IsLogging: true
      IsMultiRegionTrail: true
      IncludeGlobalServiceEvents: true
      EnableLogFileValidation: true
      CloudWatchLogsLogGroupArn: !GetAtt TrailLogGroup.Arn
      CloudWatchLogsRoleArn: !GetAtt TrailToCloudWatchRole.Arn
      # A customer managed key kept in another stack (see TG020 and TG021).
      KMSKeyId: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab

  SecurityAlertsTopic:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: cloudtrail-security-alerts
      Subscription:
        - Protocol: email
          Endpoint: security-team@example.com

  RootUsageMetricFilter:
    Type: AWS::Logs::MetricFilter
    Properties:
      FilterName: root-account-usage
      LogGroupName: !Ref TrailLogGroup
      FilterPattern: '{ ($.userIdentity.type = "Root") && ($.userIdentity.invokedBy NOT EXISTS) && ($.eventType != "AwsServiceEvent") }'
      MetricTransformations:
        - MetricName: RootAccountUsage
          MetricNamespace: CloudTrailMetrics
          MetricValue: "1"

  RootUsageAlarm:
    Type: AWS::CloudWatch::Alarm
    Properties:
      AlarmName: root-account-usage
      AlarmDescription: The root user signed in or made an API call.
      Namespace: CloudTrailMetrics
      MetricName: RootAccountUsage
      Statistic: Sum
      Period: 300
      EvaluationPeriods: 1
      Threshold: 1
      ComparisonOperator: GreaterThanOrEqualToThreshold
      TreatMissingData: notBreaching
      AlarmActions:
        - !Ref SecurityAlertsTopic

  CloudTrailChangesMetricFilter:
    Type: AWS::Logs::MetricFilter
    Properties:
      FilterName: cloudtrail-configuration-changes
      LogGroupName: !Ref TrailLogGroup
      FilterPattern: "{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }"
      MetricTransformations:
        - MetricName: CloudTrailConfigurationChanges
          MetricNamespace: CloudTrailMetrics
          MetricValue: "1"

  CloudTrailChangesAlarm:
    Type: AWS::CloudWatch::Alarm
    Properties:
      AlarmName: cloudtrail-configuration-changes
      AlarmDescription: A trail was created, changed, stopped, started or deleted.
      Namespace: CloudTrailMetrics
      MetricName: CloudTrailConfigurationChanges
      Statistic: Sum
      Period: 300
      EvaluationPeriods: 1
      Threshold: 1
      ComparisonOperator: GreaterThanOrEqualToThreshold
      TreatMissingData: notBreaching
      AlarmActions:
        - !Ref SecurityAlertsTopic
\`\`\`

The bucket \`example-org-cloudtrail-logs\` must already exist with a bucket policy that lets CloudTrail deliver to it (see TG016). The email subscription stays pending until someone confirms it from the message SNS sends.

## Equivalent checks
- Trivy: AVD-AWS-0147 (unauthorized API calls), AVD-AWS-0148 (sign-in without MFA), AVD-AWS-0150 (IAM policy changes), AVD-AWS-0151 (CloudTrail changes), AVD-AWS-0152 (console authentication failures), AVD-AWS-0153 (CMK disabled or scheduled for deletion), AVD-AWS-0154 (S3 bucket policy changes), AVD-AWS-0155 (AWS Config changes), AVD-AWS-0156 (security group changes), AVD-AWS-0157 (NACL changes), AVD-AWS-0158 (network gateway changes), AVD-AWS-0159 (route table changes), AVD-AWS-0160 (VPC changes), AVD-AWS-0174 (Organizations changes)
- Prowler: \`cloudwatch_log_metric_filter_unauthorized_api_calls\`, \`cloudwatch_log_metric_filter_sign_in_without_mfa\`, \`cloudwatch_log_metric_filter_policy_changes\`, \`cloudwatch_log_metric_filter_and_alarm_for_cloudtrail_configuration_changes_enabled\`, \`cloudwatch_log_metric_filter_authentication_failures\`, \`cloudwatch_log_metric_filter_disable_or_scheduled_deletion_of_kms_cmk\`, \`cloudwatch_log_metric_filter_for_s3_bucket_policy_changes\`, \`cloudwatch_log_metric_filter_and_alarm_for_aws_config_configuration_changes_enabled\`, \`cloudwatch_log_metric_filter_security_group_changes\`, \`cloudwatch_changes_to_network_acls_alarm_configured\`, \`cloudwatch_changes_to_network_gateways_alarm_configured\`, \`cloudwatch_changes_to_network_route_tables_alarm_configured\`, \`cloudwatch_changes_to_vpcs_alarm_configured\`, \`cloudwatch_log_metric_filter_aws_organizations_changes\`
- Checkov: none known.

## References
- AWS CloudTrail User Guide: "Creating CloudWatch alarms for CloudTrail events: examples", "Sending events to CloudWatch Logs".
- Amazon CloudWatch Logs User Guide: "Filter pattern syntax for metric filters", "Creating metric filters".
- Amazon CloudWatch User Guide: "Using Amazon CloudWatch alarms" (statistics, periods and \`TreatMissingData\`).
- CIS AWS Foundations Benchmark v3.0.0 and AWS Security Hub, by class: \`unauthorized-api-calls\` 4.1 / CloudWatch.2; \`console-signin-without-mfa\` 4.2 / CloudWatch.3; \`iam-policy-changes\` 4.4 / CloudWatch.4; \`cloudtrail-changes\` 4.5 / CloudWatch.5; \`console-auth-failures\` 4.6 / CloudWatch.6; \`cmk-disable-or-deletion\` 4.7 / CloudWatch.7; \`s3-bucket-policy-changes\` 4.8 / CloudWatch.8; \`config-changes\` 4.9 / CloudWatch.9; \`security-group-changes\` 4.10 / CloudWatch.10; \`nacl-changes\` 4.11 / CloudWatch.11; \`network-gateway-changes\` 4.12 / CloudWatch.12; \`route-table-changes\` 4.13 / CloudWatch.13; \`vpc-changes\` 4.14 / CloudWatch.14; \`organizations-changes\` 4.15 (no Security Hub control). Root-user usage (4.3 / CloudWatch.1) is TG010.
`;var gw={meta:{id:"TG019",...F("TG019"),name:"monitoring-alarm-missing",level:"warning",summary:"A monitored event class has no metric filter, alarm and notification",tags:["security","cloudtrail","monitoring"],appliesTo:["cloudformation","terraform","live"],precision:"high",messages:{"no-filter":"Trail {{trail}}: no metric filter on its log group monitors {{title}} ({{class}}).","no-alarm":"Trail {{trail}}: the metric filter for {{title}} ({{class}}) has no alarm on its metric.","alarm-never-fires":"Trail {{trail}}: the alarm for {{title}} ({{class}}) does not fire on a single event.","no-notification":"Trail {{trail}}: the alarm for {{title}} ({{class}}) notifies no one.",unknown:"Trail {{trail}}: whether {{title}} ({{class}}) raises an alarm cannot be determined."}},doc:hw,check(t){for(let e of t.settings.monitoring){if(!Xd(e))continue;let n=Wo(e),r=ol(i=>Qd(i,e));for(let i of t.model.trails){let o={trail:i.label,class:e,title:n.title},s=il(t.model,i,r);if(s.kind==="skip")continue;if(s.kind==="unknown"){t.review(s.at,{messageId:"unknown",data:o,entity:i,key:e});continue}let{chain:a}=s;if(a.verdict==="yes")continue;let l=[...a.filters,...a.alarms].map(c=>({at:c,message:`${c.type} ${c.label}`}));a.verdict==="unknown"?t.review({kind:"unknown",reason:"unsupported-expression",loc:s.at.loc},{messageId:"unknown",data:o,entity:i,related:l,key:e}):t.report({messageId:a.gap,data:o,at:s.at,entity:i,related:l,key:e})}}}};var yw=`# TG020 trail-kms-key-policy-blocks-cloudtrail
This rule evaluates the key policy of the KMS key that a trail encrypts its logs with, and checks that it lets CloudTrail use the key: the \`cloudtrail.amazonaws.com\` service principal must be allowed \`kms:GenerateDataKey*\` on the key. Conditions that limit the grant to your trails are fine, as long as they match this trail.

## Why it matters
With SSE-KMS, CloudTrail asks KMS for a data key before it writes each log file. If the key policy does not allow it, every delivery fails with an access error: the trail is logging on paper but nothing reaches the bucket (TG018 shows the error live). This typically happens when a key is created outside the CloudTrail console (the console adds the statement for you; the API, Terraform and CloudFormation do not), when a key policy is tightened and the CloudTrail statement is dropped, or when a trail is renamed or moved to another account while the policy's conditions still name the old trail. The key policy is the only place that can grant this: IAM policies do not apply to a service principal.

## What fails
- The trail's key (the key named by \`kms_key_id\` / \`KMSKeyId\`, resolved to a key resource, through an alias, or live with \`DescribeKey\`) has a resolvable policy in which no statement allows \`cloudtrail.amazonaws.com\` to run \`kms:GenerateDataKey*\` (or a wildcard covering it) on the key.
- The policy is evaluated, not pattern-matched: a \`Deny\` beats an \`Allow\`, wildcards and \`NotAction\`/\`NotPrincipal\` are understood. A condition on \`kms:EncryptionContext:aws:cloudtrail:arn\` or on \`aws:SourceArn\` is fine when it matches the trail; a condition that names another trail or account blocks it.
- The result points at the key's \`policy\` / \`KeyPolicy\` (else at the key's header); the trail is a related location.
- In IaC, a key without a policy in the scanned files is unknown (key policies are often attached elsewhere) and gives no finding; live, a missing policy is known. A key in another account, a key the scan may not read, or a policy value that cannot be resolved is unknown too. With \`--strict\`, unknowns give a \`review\` result.

## How to fix
Add a statement that allows \`cloudtrail.amazonaws.com\` to call \`kms:GenerateDataKey*\` on the key, limited to your account's trails with a \`StringLike\` condition on \`kms:EncryptionContext:aws:cloudtrail:arn\` and, against the confused deputy, a \`StringEquals\` condition on \`aws:SourceArn\` with the trail's ARN. Allow \`kms:DescribeKey\` as well, which CloudTrail calls when the trail is created or updated. Keep a statement for your own account's administrators, or you can lock yourself out of the key.

### Terraform
\`\`\`hcl
data "aws_caller_identity" "current" {}
data "aws_region" "current" {}

locals {
  trail_name = "org-audit-trail"
  trail_arn  = "arn:aws:cloudtrail:\${data.aws_region.current.name}:\${data.aws_caller_identity.current.account_id}:trail/\${local.trail_name}"
}

data "aws_iam_policy_document" "trail_key" {
  statement {
    sid       = "AccountAdministration"
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::\${data.aws_caller_identity.current.account_id}:root"]
    }
  }

  statement {
    sid       = "CloudTrailEncryptLogs"
    actions   = ["kms:GenerateDataKey*"]
    resources = ["*"]
    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }
    condition {
      test     = "StringLike"
      variable = "kms:EncryptionContext:aws:cloudtrail:arn"
      values   = ["arn:aws:cloudtrail:*:\${data.aws_caller_identity.current.account_id}:trail/*"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceArn"
      values   = [local.trail_arn]
    }
  }

  statement {
    sid       = "CloudTrailDescribeKey"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }
  }
}

resource "aws_kms_key" "trail" {
  description         = "Encrypts the log files of org-audit-trail"
  enable_key_rotation = true
  policy              = data.aws_iam_policy_document.trail_key.json
}

resource "aws_kms_alias" "trail" {
  name          = "alias/cloudtrail/org-audit-trail"
  target_key_id = aws_kms_key.trail.key_id
}

resource "aws_cloudtrail" "main" {
  name                          = local.trail_name
  s3_bucket_name                = "example-org-cloudtrail-logs"
  is_multi_region_trail         = true
  include_global_service_events = true
  enable_log_file_validation    = true
  kms_key_id                    = aws_kms_key.trail.arn
}
\`\`\`

### CloudFormation
\`\`\`yaml
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  TrailKey:
    Type: AWS::KMS::Key
    Properties:
      Description: Encrypts the log files of org-audit-trail
      EnableKeyRotation: true
      KeyPolicy:
        Version: "2012-10-17"
        Statement:
          - Sid: AccountAdministration
            Effect: Allow
            Principal:
              AWS: !Sub "arn:\${AWS::Partition}:iam::\${AWS::AccountId}:root"
            Action: kms:*
            Resource: "*"
          - Sid: CloudTrailEncryptLogs
            Effect: Allow
            Principal:
              Service: cloudtrail.amazonaws.com
            Action: kms:GenerateDataKey*
            Resource: "*"
            Condition:
              StringLike:
                kms:EncryptionContext:aws:cloudtrail:arn: !Sub "arn:\${AWS::Partition}:cloudtrail:*:\${AWS::AccountId}:trail/*"
              StringEquals:
                aws:SourceArn: !Sub "arn:\${AWS::Partition}:cloudtrail:\${AWS::Region}:\${AWS::AccountId}:trail/org-audit-trail"
          - Sid: CloudTrailDescribeKey
            Effect: Allow
            Principal:
              Service: cloudtrail.amazonaws.com
            Action: kms:DescribeKey
            Resource: "*"

  TrailKeyAlias:
    Type: AWS::KMS::Alias
    Properties:
      AliasName: alias/cloudtrail/org-audit-trail
      TargetKeyId: !Ref TrailKey

  AuditTrail:
    Type: AWS::CloudTrail::Trail
    Properties:
      TrailName: org-audit-trail
      S3BucketName: example-org-cloudtrail-logs
      IsLogging: true
      IsMultiRegionTrail: true
      IncludeGlobalServiceEvents: true
      EnableLogFileValidation: true
      KMSKeyId: !GetAtt TrailKey.Arn
\`\`\`

The bucket \`example-org-cloudtrail-logs\` must already exist with a bucket policy that lets CloudTrail deliver to it (see TG016).

## Equivalent checks
None known (Checkov, Trivy and Prowler do not check that a key policy lets CloudTrail use the key).

## References
- AWS CloudTrail User Guide: "Configure AWS KMS key policies for CloudTrail", "Granting encrypt permissions for trails", "Default KMS key policy created in CloudTrail console".
- AWS KMS Developer Guide: "Key policies in AWS KMS", "Encryption context".
- AWS CloudTrail API Reference: \`GetTrailStatus\` (\`LatestDeliveryError\`).
`;var bw={meta:{id:"TG020",...F("TG020"),name:"trail-kms-key-policy-blocks-cloudtrail",level:"error",summary:"The trail's KMS key policy does not let CloudTrail encrypt",tags:["security","cloudtrail","kms"],appliesTo:["cloudformation","terraform","live"],precision:"high",messages:{blocked:"The policy of KMS key {{key}} does not let cloudtrail.amazonaws.com run kms:GenerateDataKey* for trail {{trail}}: log delivery fails.",unknown:"KMS key {{key}}: whether its policy lets trail {{trail}} encrypt cannot be determined."}},doc:yw,check(t){for(let e of t.model.trails){let n=Uy(e);if(!n)continue;let r={key:n.label,trail:e.label},i=[{at:e,message:`trail ${e.label}`}],o=n.policy;if(o.kind==="unknown"){t.review(o,{messageId:"unknown",data:r,entity:n,related:i});continue}if(o.value===null)continue;let s=Od(o.value.document,{trailArn:zn(e.trailArn),accountId:Ma(e)});s.result==="blocked"?t.report({messageId:"blocked",data:r,at:O(!0,o.loc),entity:n,related:i}):s.result==="unknown"&&t.review({kind:"unknown",reason:"unsupported-expression",loc:o.loc},{messageId:"unknown",data:r,entity:n,related:i})}}};var ww=`# TG021 trail-kms-key-rotation-disabled
This rule checks that the customer managed KMS key a trail encrypts its logs with has automatic key rotation turned on. With rotation on, KMS creates new key material for the key on a schedule (every year by default) while keeping the old material to decrypt what it already encrypted.

## Why it matters
Audit logs are kept for years, and every log file encrypted under the same key material widens what one compromise of that material exposes. Rotation limits the amount of data protected by any one version of the key material and satisfies the key-management requirements of most frameworks (CIS 3.6, PCI DSS key lifecycle). It is transparent: the key ID, ARN, aliases and policy stay the same, nothing needs re-encrypting, and old log files remain readable. Keys created through the API, Terraform or CloudFormation have rotation off unless you ask for it.

## What fails
- The key of a trail or of an event data store (the key named by \`kms_key_id\` / \`KMSKeyId\`, resolved to a key resource, through an alias, or live with \`DescribeKey\`) is a customer managed symmetric encryption key and automatic rotation is off: \`enable_key_rotation = false\` or absent (Terraform), \`EnableKeyRotation: false\` or absent (CloudFormation), or \`GetKeyRotationStatus\` false (live). The attribute defaults to false, so leaving it out fails.
- AWS managed keys, asymmetric keys and HMAC keys are not checked: AWS rotates its managed keys itself, and the other kinds cannot use automatic rotation.
- The result points at \`enable_key_rotation\` / \`EnableKeyRotation\` (else at the key's header); the trail is a related location.
- The rule runs only where the key resolves. A key in another account, a key the scan may not read, or a value that cannot be resolved is unknown and gives no finding (\`--strict\` turns it into a \`review\`).

## How to fix
Turn on automatic rotation for the key. The rotation period can be set between 90 and 2560 days (\`rotation_period_in_days\` / \`RotationPeriodInDays\`); the default of 365 days is what CIS asks for. Nothing else changes for CloudTrail or for the people who read the logs.

\`trailguard scan --fix\` turns rotation on where it is written: it replaces a literal \`false\`, inserts the attribute when the default applies, and, for a Terraform attribute that is just \`var.NAME\` or \`local.NAME\`, edits the variable's default, its tfvars or \`--var-file\` assignment, or the literal module argument instead. When that value also feeds anything else (another attribute, module block, local or \`count\`), or comes from \`--var\` or \`TF_VAR_name\`, there is no fix and a \`fix-unavailable\` note says why. A CloudFormation parameter gets no fix.

### Terraform
\`\`\`hcl
data "aws_caller_identity" "current" {}
data "aws_region" "current" {}

locals {
  trail_name = "org-audit-trail"
  trail_arn  = "arn:aws:cloudtrail:\${data.aws_region.current.name}:\${data.aws_caller_identity.current.account_id}:trail/\${local.trail_name}"
}

data "aws_iam_policy_document" "trail_key" {
  statement {
    sid       = "AccountAdministration"
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::\${data.aws_caller_identity.current.account_id}:root"]
    }
  }

  statement {
    sid       = "CloudTrailEncryptLogs"
    actions   = ["kms:GenerateDataKey*"]
    resources = ["*"]
    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }
    condition {
      test     = "StringLike"
      variable = "kms:EncryptionContext:aws:cloudtrail:arn"
      values   = ["arn:aws:cloudtrail:*:\${data.aws_caller_identity.current.account_id}:trail/*"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceArn"
      values   = [local.trail_arn]
    }
  }

  statement {
    sid       = "CloudTrailDescribeKey"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }
  }
}

resource "aws_kms_key" "trail" {
  description         = "Encrypts the log files of org-audit-trail"
  enable_key_rotation = true
  policy              = data.aws_iam_policy_document.trail_key.json
}

resource "aws_kms_alias" "trail" {
  name          = "alias/cloudtrail/org-audit-trail"
  target_key_id = aws_kms_key.trail.key_id
}

resource "aws_cloudtrail" "main" {
  name                          = local.trail_name
  s3_bucket_name                = "example-org-cloudtrail-logs"
  is_multi_region_trail         = true
  include_global_service_events = true
  enable_log_file_validation    = true
  kms_key_id                    = aws_kms_key.trail.arn
}
\`\`\`

### CloudFormation
\`\`\`yaml
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  TrailKey:
    Type: AWS::KMS::Key
    Properties:
      Description: Encrypts the log files of org-audit-trail
      EnableKeyRotation: true
      KeyPolicy:
        Version: "2012-10-17"
        Statement:
          - Sid: AccountAdministration
            Effect: Allow
            Principal:
              AWS: !Sub "arn:\${AWS::Partition}:iam::\${AWS::AccountId}:root"
            Action: kms:*
            Resource: "*"
          - Sid: CloudTrailEncryptLogs
            Effect: Allow
            Principal:
              Service: cloudtrail.amazonaws.com
            Action: kms:GenerateDataKey*
            Resource: "*"
            Condition:
              StringLike:
                kms:EncryptionContext:aws:cloudtrail:arn: !Sub "arn:\${AWS::Partition}:cloudtrail:*:\${AWS::AccountId}:trail/*"
              StringEquals:
                aws:SourceArn: !Sub "arn:\${AWS::Partition}:cloudtrail:\${AWS::Region}:\${AWS::AccountId}:trail/org-audit-trail"
          - Sid: CloudTrailDescribeKey
            Effect: Allow
            Principal:
              Service: cloudtrail.amazonaws.com
            Action: kms:DescribeKey
            Resource: "*"

  TrailKeyAlias:
    Type: AWS::KMS::Alias
    Properties:
      AliasName: alias/cloudtrail/org-audit-trail
      TargetKeyId: !Ref TrailKey

  AuditTrail:
    Type: AWS::CloudTrail::Trail
    Properties:
      TrailName: org-audit-trail
      S3BucketName: example-org-cloudtrail-logs
      IsLogging: true
      IsMultiRegionTrail: true
      IncludeGlobalServiceEvents: true
      EnableLogFileValidation: true
      KMSKeyId: !GetAtt TrailKey.Arn
\`\`\`

The bucket \`example-org-cloudtrail-logs\` must already exist with a bucket policy that lets CloudTrail deliver to it (see TG016).

## Equivalent checks
- Checkov: CKV_AWS_7 (any customer managed key)
- Trivy: AVD-AWS-0065 (any customer managed key)
- Prowler: \`kms_cmk_rotation_enabled\` (any customer managed key)

## References
- AWS KMS Developer Guide: "Rotate AWS KMS keys", "Automatic key rotation".
- AWS KMS API Reference: \`EnableKeyRotation\`, \`GetKeyRotationStatus\`.
- CIS AWS Foundations Benchmark v3.0.0: 3.6 (rotation for customer-created symmetric CMKs is enabled).
- AWS Security Hub: KMS.4.
`;var kw={meta:{id:"TG021",...F("TG021"),name:"trail-kms-key-rotation-disabled",level:"warning",summary:"The trail's KMS key does not rotate automatically",tags:["security","cloudtrail","kms"],appliesTo:["cloudformation","terraform","live"],precision:"very-high",messages:{off:"KMS key {{key}} encrypts the logs of {{trail}} but has automatic rotation off.",unknown:"KMS key {{key}}: whether automatic rotation is on cannot be determined."},fix:"safe"},doc:ww,check(t){let e=new Map;for(let n of[...t.model.trails,...t.model.eventDataStores]){let r=La(n.kmsKey);r&&e.set(r,[...e.get(r)??[],n.label])}for(let[n,r]of e){if(n.customerManaged.kind!=="known"||!n.customerManaged.value||n.keySpec.kind!=="known"||n.keySpec.value!=="SYMMETRIC_DEFAULT")continue;let i={key:n.label,trail:r.join(", ")};xt(t,n.rotationEnabled,{off:"off",unknown:"unknown",data:i,entity:n})}}};function vx(t,e,n){for(let r of t.model.logObjects??[]){if(r.problem!==e)continue;let i={object:r.key.endsWith("/")?`s3://${r.bucket}/${r.key}`:r.key.slice(r.key.lastIndexOf("/")+1),trail:r.trailArn.slice(r.trailArn.indexOf(":trail/")+7),detail:r.detail,from:r.from??"",to:r.to??""},o=r.listedBy?[{at:{arn:r.listedBy,address:r.listedBy,path:[]},message:"the digest file that lists it"}]:[];t.report({messageId:n,data:i,at:r,entity:r,related:o})}}function Ot(t){return{meta:{...t.meta,tags:["security","cloudtrail","log-integrity"],appliesTo:["live"],precision:"very-high",verify:!0,messages:{[t.messageId]:t.message}},doc:t.doc,check(e){vx(e,t.problem,t.messageId)}}}var vw=`# TG022 log-digest-missing
This rule is reported only by \`trailguard verify\`, which reads the files a trail has delivered instead of its settings. It points at a digest file that CloudTrail did deliver and that is no longer in the bucket: the digest written an hour later names it as its predecessor, so it existed, and someone or something has removed it since.

## Why it matters
With log file validation on (TG003), CloudTrail writes one digest file an hour for each account and Region into \`AWSLogs/ACCOUNT/CloudTrail-Digest/REGION/\`. A digest lists the log files delivered in its hour with the SHA-256 of each, carries a signature that only CloudTrail can produce, and records the key and the signature of the digest before it, so the digests form one chain back to the hour validation was switched on. A link that is gone is the visible trace of tampering: removing a digest is what someone does after changing or deleting the log files of that hour, so that the list of hashes that would give them away disappears too. Without it, nothing proves any more that the log files of that hour are the ones CloudTrail wrote, and files added to that hour are not noticed either (TG026 only looks at hours a digest covers). Treat the hour as untrusted until the digest is back or its events have been rebuilt from another source.

## What fails
- A digest names its predecessor in \`previousDigestS3Bucket\` and \`previousDigestS3Object\`, the predecessor belongs in the same bucket and digest folder and ends within the period verified, and the bucket has no such object (a delete marker hiding it counts as missing). The result uses the ARN of the missing object, \`arn:aws:s3:::BUCKET/KEY\`, with the digest that names it as a related location.
- A digest that was in the bucket listing and was gone when \`verify\` came to read it a moment later (deleted while it ran). This result has no related location.
- When several digests in a row are missing, this rule reports only the newest of them, the one its successor names; TG027 reports the period the others covered.
- Not findings, but notifications: a digest past the bucket's lifecycle expiration (learned from the \`x-amz-expiration\` header S3 returns with the objects it serves), which the lifecycle rule removed, not a person; a bucket or object the caller may not read (AccessDenied); a chain that continues in another bucket or prefix because the trail's destination was changed (not followed). A chain that starts again is no finding at all: the first digest after logging or validation was switched back on has no predecessor (\`previousDigestS3Object\` is null), so the hours when the trail was stopped are never reported.
- \`trailguard verify\` checks the last 24 hours unless \`--start-time\` and \`--end-time\` say otherwise, for every trail the accounts own, every account (for an organization trail, every member account under \`AWSLogs/ORG_ID/\`) and every Region. \`trailguard scan\` never reports this rule, and a trail with log file validation off (TG003) has no digests to check.

## How to fix
Find out what happened before repairing anything: a removed digest usually means that the log files of its hour were touched as well.
1. Look at the key's versions: \`aws s3api list-object-versions --bucket BUCKET --prefix KEY\`. A delete marker on top of an older version means the file was only hidden by a \`DeleteObject\` without a version ID, and the digest is still there; no version at all means it was deleted for good (or versioning was off).
2. Find out who did it: the bucket's S3 server access logs (TG015) record each DELETE request with the requester and the source address, and CloudTrail data events on the log bucket (\`DeleteObject\`, \`DeleteObjects\`), recorded by another trail or an event data store that writes elsewhere, name the IAM identity. Then check the log files the digest listed once it is back (TG024, TG025).
3. Restore it: remove the delete marker (\`aws s3api delete-object --bucket BUCKET --key KEY --version-id MARKER_VERSION_ID\`), or copy the original version back over the key (\`aws s3api copy-object --bucket BUCKET --key KEY --copy-source "BUCKET/KEY?versionId=VERSION_ID"\`). A copy keeps the object's user metadata, and with it the signature in \`x-amz-meta-signature\`. Run \`trailguard verify\` for the period again. If no version is left, the hour can no longer be proved: rebuild its management events from CloudTrail Event history (the last 90 days) or from a copy in CloudWatch Logs (TG005) or an event data store, and record the gap.
4. Make it impossible next time. Object Lock in compliance mode with a default retention (TG007) keeps every version of every log and digest file until the retention ends, whoever asks; a plain \`DeleteObject\` can still add a delete marker, but the file stays and can be brought back. MFA Delete makes removing a version, or suspending versioning, require the root user's MFA device. A bucket policy that denies \`s3:DeleteObject\`, \`s3:DeleteObjectVersion\` and \`s3:PutObject\` on the log keys to every principal but CloudTrail stops even delete markers and overwrites (keep a break-glass exception for restores, since copying a version back is a \`PutObject\`). Keep log file validation on (TG003), and keep the bucket in a separate log-archive account that the administrators of the logged accounts cannot reach.

The snippets below create a log bucket with Object Lock in compliance mode (365 days), versioning, server access logging and a public access block, and a trail with log file validation on. Object Lock can only be enabled when a bucket is created, and compliance mode cannot be shortened or removed for objects already written, even by the root user: try it in a test account first, or start with governance mode.

### Terraform
\`\`\`hcl
data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}
data "aws_region" "current" {}

locals {
  trail_name = "org-audit-trail"
  account_id = data.aws_caller_identity.current.account_id
  trail_arn  = "arn:\${data.aws_partition.current.partition}:cloudtrail:\${data.aws_region.current.name}:\${local.account_id}:trail/\${local.trail_name}"
}

# Object Lock can only be turned on when the bucket is created.
resource "aws_s3_bucket" "trail_logs" {
  bucket              = "example-org-cloudtrail-logs"
  object_lock_enabled = true

  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_s3_bucket_versioning" "trail_logs" {
  bucket = aws_s3_bucket.trail_logs.id
  versioning_configuration {
    status = "Enabled"
  }
}

# No version of a log or digest file can be deleted for 365 days, by anyone, the root user included.
resource "aws_s3_bucket_object_lock_configuration" "trail_logs" {
  bucket = aws_s3_bucket.trail_logs.id
  rule {
    default_retention {
      mode = "COMPLIANCE"
      days = 365
    }
  }
  depends_on = [aws_s3_bucket_versioning.trail_logs]
}

resource "aws_s3_bucket_logging" "trail_logs" {
  bucket        = aws_s3_bucket.trail_logs.id
  target_bucket = "example-org-s3-access-logs"
  target_prefix = "cloudtrail-logs/"
}

resource "aws_s3_bucket_public_access_block" "trail_logs" {
  bucket                  = aws_s3_bucket.trail_logs.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_policy" "trail_logs" {
  bucket = aws_s3_bucket.trail_logs.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "CloudTrailAclCheck"
        Effect    = "Allow"
        Principal = { Service = "cloudtrail.amazonaws.com" }
        Action    = "s3:GetBucketAcl"
        Resource  = aws_s3_bucket.trail_logs.arn
        Condition = { StringEquals = { "aws:SourceArn" = local.trail_arn } }
      },
      {
        Sid       = "CloudTrailWrite"
        Effect    = "Allow"
        Principal = { Service = "cloudtrail.amazonaws.com" }
        Action    = "s3:PutObject"
        Resource  = "\${aws_s3_bucket.trail_logs.arn}/AWSLogs/\${local.account_id}/*"
        Condition = {
          StringEquals = {
            "s3:x-amz-acl"  = "bucket-owner-full-control"
            "aws:SourceArn" = local.trail_arn
          }
        }
      },
    ]
  })
  depends_on = [aws_s3_bucket_public_access_block.trail_logs]
}

resource "aws_cloudtrail" "main" {
  name                          = local.trail_name
  s3_bucket_name                = aws_s3_bucket.trail_logs.id
  is_multi_region_trail         = true
  include_global_service_events = true
  enable_log_file_validation    = true

  depends_on = [aws_s3_bucket_policy.trail_logs]
}
\`\`\`

### CloudFormation
\`\`\`yaml
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  TrailLogsBucket:
    Type: AWS::S3::Bucket
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      BucketName: example-org-cloudtrail-logs
      # No version of a log or digest file can be deleted for 365 days, by anyone, the root user included.
      ObjectLockEnabled: true
      ObjectLockConfiguration:
        ObjectLockEnabled: Enabled
        Rule:
          DefaultRetention:
            Mode: COMPLIANCE
            Days: 365
      VersioningConfiguration:
        Status: Enabled
      PublicAccessBlockConfiguration:
        BlockPublicAcls: true
        BlockPublicPolicy: true
        IgnorePublicAcls: true
        RestrictPublicBuckets: true
      LoggingConfiguration:
        DestinationBucketName: example-org-s3-access-logs
        LogFilePrefix: cloudtrail-logs/

  TrailLogsBucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref TrailLogsBucket
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Sid: CloudTrailAclCheck
            Effect: Allow
            Principal:
              Service: cloudtrail.amazonaws.com
            Action: s3:GetBucketAcl
            Resource: !GetAtt TrailLogsBucket.Arn
            Condition:
              StringEquals:
                aws:SourceArn: !Sub "arn:\${AWS::Partition}:cloudtrail:\${AWS::Region}:\${AWS::AccountId}:trail/org-audit-trail"
          - Sid: CloudTrailWrite
            Effect: Allow
            Principal:
              Service: cloudtrail.amazonaws.com
            Action: s3:PutObject
            Resource: !Sub "\${TrailLogsBucket.Arn}/AWSLogs/\${AWS::AccountId}/*"
            Condition:
              StringEquals:
                s3:x-amz-acl: bucket-owner-full-control
                aws:SourceArn: !Sub "arn:\${AWS::Partition}:cloudtrail:\${AWS::Region}:\${AWS::AccountId}:trail/org-audit-trail"

  AuditTrail:
    Type: AWS::CloudTrail::Trail
    DependsOn: TrailLogsBucketPolicy
    Properties:
      TrailName: org-audit-trail
      S3BucketName: !Ref TrailLogsBucket
      IsLogging: true
      IsMultiRegionTrail: true
      IncludeGlobalServiceEvents: true
      EnableLogFileValidation: true
\`\`\`

The bucket \`example-org-s3-access-logs\` must already exist, in the same account and Region, to receive the server access logs. Encryption with a customer managed key (TG011) and delivery to CloudWatch Logs (TG005) are left out to keep the example short.

## Equivalent checks
- Checkov, Trivy and Prowler: none. They check that log file validation is on (TG003), not the digest files.
- AWS CLI: \`aws cloudtrail validate-logs\` also reports a digest that its successor names and that is not in the bucket. It verifies one trail per run, in one Region (the one the CLI uses) and, for an organization trail, one member account (\`--account-id\`), and prints text. \`trailguard verify\` covers every trail, Region and account in scope in parallel, reports catalog results in SARIF or any other format (with levels, suppressions and baselines), and also finds log files that no digest lists (TG026) and digests missing for a whole period, including the newest ones that \`GetTrailStatus\` says were delivered (TG027).

## References
- AWS CloudTrail User Guide: "Validating CloudTrail log file integrity", "CloudTrail digest file structure", "Custom implementations of CloudTrail log file integrity validation".
- AWS CloudTrail API Reference: \`ListPublicKeys\`, \`GetTrailStatus\`.
- Amazon S3 User Guide: "Locking objects with Object Lock", "Working with delete markers", "Logging requests with server access logging".
- AWS CLI: \`aws cloudtrail validate-logs\`, \`aws s3api list-object-versions\`.
`;var _w=Ot({meta:{id:"TG022",...F("TG022"),name:"log-digest-missing",level:"error",summary:"A digest file of the trail's chain is missing"},problem:"digest-missing",messageId:"missing",message:"Digest file {{object}} of trail {{trail}} is missing: {{detail}}.",doc:vw});var Sw=`# TG023 log-digest-signature-invalid
This rule is reported only by \`trailguard verify\`, which reads the files a trail has delivered instead of its settings. It points at a digest file that is where CloudTrail put it but cannot be shown to be what CloudTrail wrote: its signature does not verify, cannot be checked against any key CloudTrail publishes, is absent, or is not the one that the next digest vouches for.

## Why it matters
The signature is what turns a digest into evidence. CloudTrail signs each digest (SHA256withRSA) with a private key that it keeps for each Region and never hands out, stores the signature in hex in the object's user metadata (\`x-amz-meta-signature\`), and publishes the matching public keys through the \`ListPublicKeys\` API, each with a fingerprint that the digest names. The signed text ties together the digest's end time, its own bucket and key, the SHA-256 of its uncompressed content, and the signature of the digest before it. So whoever edits a digest (to put in the hash of a log file they have altered, or to drop a file from the list), moves it, or splices it into another chain breaks the signature, and nobody outside AWS can make a new one. A digest that fails is damaged or forged, and either way its list of log files and hashes proves nothing: \`verify\` does not use it to check the log files of its hour (TG024, TG025), which remain unverified until it is restored.

## What fails
- The signature in \`x-amz-meta-signature\` does not verify with RSA (PKCS #1 v1.5, SHA-256) over the four lines CloudTrail signs: the digest's \`digestEndTime\`; \`BUCKET/KEY\` from its \`digestS3Bucket\` and \`digestS3Object\`; the hex SHA-256 of the uncompressed digest; and its \`previousDigestSignature\` (the word \`null\` for the first digest of a chain). The public key is the one whose fingerprint the digest gives in \`digestPublicKeyFingerprint\`, listed by \`ListPublicKeys\` for the period in the digest's Region (or else in the trail's home Region).
- The digest names a key fingerprint that CloudTrail does not list for the period.
- The object has no signature metadata, or names a signature algorithm other than SHA256withRSA in \`x-amz-meta-signature-algorithm\`.
- The object is not gzip, does not hold a JSON object, or lacks a field every digest has (\`digestStartTime\`, \`digestEndTime\`, \`digestS3Bucket\`, \`digestS3Object\`, \`digestPublicKeyFingerprint\`, and a bucket, key and hash for each entry of \`logFiles\`).
- The digest says it was delivered somewhere else: its \`digestS3Bucket\` and \`digestS3Object\` are not the bucket and key it was read from, so it is a copy or was moved.
- Its signature is not the one the next digest records for its predecessor in \`previousDigestSignature\`: the file was replaced after its successor was written. The successor is then given as a related location.
- Results use the ARN of the digest, \`arn:aws:s3:::BUCKET/KEY\`. \`trailguard verify\` checks the last 24 hours unless \`--start-time\` and \`--end-time\` say otherwise, for every trail the accounts own, every account (for an organization trail, every member account under \`AWSLogs/ORG_ID/\`) and every Region; \`trailguard scan\` never reports this rule.
- Not findings, but notifications: \`ListPublicKeys\` cannot be called (for example AccessDenied), so signatures are unknown rather than bad, and the log files of those digests are not checked; a digest the caller may not read. A trail with log file validation off (TG003) has no digests to check.

## How to fix
Find out what happened before repairing anything: a digest that was tampered with usually goes with log files that were.
1. Look at the key's versions: \`aws s3api list-object-versions --bucket BUCKET --prefix KEY\`. The oldest version, written a few minutes after the hour the digest covers, is normally the one CloudTrail delivered; a newer one was written by someone else. Download both (\`aws s3api get-object ... --version-id VERSION_ID\`) and compare their content and metadata.
2. A digest without signature metadata often comes from a copy or upload that dropped the user metadata (a sync from another bucket, a \`copy-object\` with \`--metadata-directive REPLACE\`, a restore by a backup tool): the content may be intact, but it can no longer be proved. A digest that names an unknown key can be checked by hand with \`aws cloudtrail list-public-keys --start-time ... --end-time ...\` in the digest's Region.
3. Find out who wrote it: the bucket's S3 server access logs (TG015) record each PUT and COPY request with the requester and the source address, and CloudTrail data events on the log bucket (\`PutObject\`, \`CopyObject\`), recorded by another trail or an event data store that writes elsewhere, name the IAM identity.
4. Restore the version CloudTrail wrote by copying it back over the key (\`aws s3api copy-object --bucket BUCKET --key KEY --copy-source "BUCKET/KEY?versionId=VERSION_ID"\`; a copy keeps the user metadata, and so the signature) and run \`trailguard verify\` for the period again, which then checks the log files the digest lists. If no original version is left, the hour can no longer be proved: rebuild its management events from CloudTrail Event history (the last 90 days) or from a copy in CloudWatch Logs (TG005) or an event data store.
5. Make it impossible next time. Object Lock in compliance mode with a default retention (TG007) keeps every version CloudTrail writes until the retention ends, whoever asks, so the original can always be recovered. MFA Delete makes removing a version, or suspending versioning, require the root user's MFA device. A bucket policy that denies \`s3:PutObject\`, \`s3:DeleteObject\` and \`s3:DeleteObjectVersion\` on the log keys to every principal but CloudTrail stops overwrites in the first place (keep a break-glass exception for restores, since copying a version back is a \`PutObject\`). Keep log file validation on (TG003), and keep the bucket in a separate log-archive account that the administrators of the logged accounts cannot reach.

The snippets below create a log bucket with Object Lock in compliance mode (365 days), versioning, server access logging and a public access block, and a trail with log file validation on. Object Lock can only be enabled when a bucket is created, and compliance mode cannot be shortened or removed for objects already written, even by the root user: try it in a test account first, or start with governance mode.

### Terraform
\`\`\`hcl
data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}
data "aws_region" "current" {}

locals {
  trail_name = "org-audit-trail"
  account_id = data.aws_caller_identity.current.account_id
  trail_arn  = "arn:\${data.aws_partition.current.partition}:cloudtrail:\${data.aws_region.current.name}:\${local.account_id}:trail/\${local.trail_name}"
}

# Object Lock can only be turned on when the bucket is created.
resource "aws_s3_bucket" "trail_logs" {
  bucket              = "example-org-cloudtrail-logs"
  object_lock_enabled = true

  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_s3_bucket_versioning" "trail_logs" {
  bucket = aws_s3_bucket.trail_logs.id
  versioning_configuration {
    status = "Enabled"
  }
}

# No version of a log or digest file can be deleted for 365 days, by anyone, the root user included.
resource "aws_s3_bucket_object_lock_configuration" "trail_logs" {
  bucket = aws_s3_bucket.trail_logs.id
  rule {
    default_retention {
      mode = "COMPLIANCE"
      days = 365
    }
  }
  depends_on = [aws_s3_bucket_versioning.trail_logs]
}

resource "aws_s3_bucket_logging" "trail_logs" {
  bucket        = aws_s3_bucket.trail_logs.id
  target_bucket = "example-org-s3-access-logs"
  target_prefix = "cloudtrail-logs/"
}

resource "aws_s3_bucket_public_access_block" "trail_logs" {
  bucket                  = aws_s3_bucket.trail_logs.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_policy" "trail_logs" {
  bucket = aws_s3_bucket.trail_logs.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "CloudTrailAclCheck"
        Effect    = "Allow"
        Principal = { Service = "cloudtrail.amazonaws.com" }
        Action    = "s3:GetBucketAcl"
        Resource  = aws_s3_bucket.trail_logs.arn
        Condition = { StringEquals = { "aws:SourceArn" = local.trail_arn } }
      },
      {
        Sid       = "CloudTrailWrite"
        Effect    = "Allow"
        Principal = { Service = "cloudtrail.amazonaws.com" }
        Action    = "s3:PutObject"
        Resource  = "\${aws_s3_bucket.trail_logs.arn}/AWSLogs/\${local.account_id}/*"
        Condition = {
          StringEquals = {
            "s3:x-amz-acl"  = "bucket-owner-full-control"
            "aws:SourceArn" = local.trail_arn
          }
        }
      },
    ]
  })
  depends_on = [aws_s3_bucket_public_access_block.trail_logs]
}

resource "aws_cloudtrail" "main" {
  name                          = local.trail_name
  s3_bucket_name                = aws_s3_bucket.trail_logs.id
  is_multi_region_trail         = true
  include_global_service_events = true
  enable_log_file_validation    = true

  depends_on = [aws_s3_bucket_policy.trail_logs]
}
\`\`\`

### CloudFormation
\`\`\`yaml
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  TrailLogsBucket:
    Type: AWS::S3::Bucket
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      BucketName: example-org-cloudtrail-logs
      # No version of a log or digest file can be deleted for 365 days, by anyone, the root user included.
      ObjectLockEnabled: true
      ObjectLockConfiguration:
        ObjectLockEnabled: Enabled
        Rule:
          DefaultRetention:
            Mode: COMPLIANCE
            Days: 365
      VersioningConfiguration:
        Status: Enabled
      PublicAccessBlockConfiguration:
        BlockPublicAcls: true
        BlockPublicPolicy: true
        IgnorePublicAcls: true
        RestrictPublicBuckets: true
      LoggingConfiguration:
        DestinationBucketName: example-org-s3-access-logs
        LogFilePrefix: cloudtrail-logs/

  TrailLogsBucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref TrailLogsBucket
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Sid: CloudTrailAclCheck
            Effect: Allow
            Principal:
              Service: cloudtrail.amazonaws.com
            Action: s3:GetBucketAcl
            Resource: !GetAtt TrailLogsBucket.Arn
            Condition:
              StringEquals:
                aws:SourceArn: !Sub "arn:\${AWS::Partition}:cloudtrail:\${AWS::Region}:\${AWS::AccountId}:trail/org-audit-trail"
          - Sid: CloudTrailWrite
            Effect: Allow
            Principal:
              Service: cloudtrail.amazonaws.com
            Action: s3:PutObject
            Resource: !Sub "\${TrailLogsBucket.Arn}/AWSLogs/\${AWS::AccountId}/*"
            Condition:
              StringEquals:
                s3:x-amz-acl: bucket-owner-full-control
                aws:SourceArn: !Sub "arn:\${AWS::Partition}:cloudtrail:\${AWS::Region}:\${AWS::AccountId}:trail/org-audit-trail"

  AuditTrail:
    Type: AWS::CloudTrail::Trail
    DependsOn: TrailLogsBucketPolicy
    Properties:
      TrailName: org-audit-trail
      S3BucketName: !Ref TrailLogsBucket
      IsLogging: true
      IsMultiRegionTrail: true
      IncludeGlobalServiceEvents: true
      EnableLogFileValidation: true
\`\`\`

The bucket \`example-org-s3-access-logs\` must already exist, in the same account and Region, to receive the server access logs. Encryption with a customer managed key (TG011) and delivery to CloudWatch Logs (TG005) are left out to keep the example short.

## Equivalent checks
- Checkov, Trivy and Prowler: none. They check that log file validation is on (TG003), not the digest files.
- AWS CLI: \`aws cloudtrail validate-logs\` also rejects a digest whose signature fails, whose key it cannot find, that is not a readable digest, or that was moved; it does not compare a digest's signature with the one its successor records. It verifies one trail per run, in one Region (the one the CLI uses) and, for an organization trail, one member account (\`--account-id\`), and prints text. \`trailguard verify\` covers every trail, Region and account in scope in parallel, reports catalog results in SARIF or any other format (with levels, suppressions and baselines), and also finds log files that no digest lists (TG026) and digests missing for a whole period, including the newest ones that \`GetTrailStatus\` says were delivered (TG027).

## References
- AWS CloudTrail User Guide: "Validating CloudTrail log file integrity", "CloudTrail digest file structure", "Custom implementations of CloudTrail log file integrity validation".
- AWS CloudTrail API Reference: \`ListPublicKeys\`, \`GetTrailStatus\`.
- Amazon S3 User Guide: "Locking objects with Object Lock", "Logging requests with server access logging".
- AWS CLI: \`aws cloudtrail validate-logs\`, \`aws cloudtrail list-public-keys\`.
`;var Aw=Ot({meta:{id:"TG023",...F("TG023"),name:"log-digest-signature-invalid",level:"error",summary:"A digest file's signature does not verify"},problem:"digest-signature-invalid",messageId:"invalid",message:"Digest file {{object}} of trail {{trail}} fails verification: {{detail}}.",doc:Sw});var Tw=`# TG024 log-file-missing
This rule is reported only by \`trailguard verify\`, which reads the files a trail has delivered instead of its settings. It points at a log file that CloudTrail delivered and listed, with its hash, in a signed digest file, and that is no longer in the bucket.

## Why it matters
Deleting a log file is the cheapest way to make an action disappear: whatever the file held (a \`StopLogging\`, a policy change, the calls of a stolen key) is gone for every tool that reads the bucket, the SIEM, Athena queries and the investigators alike. The file leaves no trace of its own, but the digest of its hour still names it, and the digest is signed by CloudTrail, so its absence is proof that it was removed after delivery rather than never written. With versioning or Object Lock the data is often still there behind a delete marker; without them the events are lost unless another copy exists.

## What fails
- A log file listed in the \`logFiles\` of a digest whose signature verifies, for which S3 answers that the key does not exist (\`NoSuchKey\`; a delete marker hiding it counts). The result uses the ARN of the log file, \`arn:aws:s3:::BUCKET/KEY\`, with the digest that lists it as a related location.
- Only digests that verify are trusted: the log files of a digest that fails TG023, or whose signature could not be checked, are not looked at.
- \`trailguard verify\` checks the last 24 hours unless \`--start-time\` and \`--end-time\` say otherwise, for every trail the accounts own, every account (for an organization trail, every member account under \`AWSLogs/ORG_ID/\`) and every Region; \`trailguard scan\` never reports this rule, and a trail with log file validation off (TG003) has no digests to check.
- Not findings, but notifications: a log file older than the bucket's lifecycle expiration (learned from the \`x-amz-expiration\` header S3 returns with the objects it serves), which the lifecycle rule removed, not a person; an object the caller may not read (AccessDenied). Without \`s3:ListBucket\` on the bucket, S3 answers AccessDenied instead of \`NoSuchKey\` for a key that does not exist, so grant it (as \`docs/iam-policy.json\` does) or missing files show up only as notifications. For a log file encrypted with SSE-KMS, reading it also takes \`kms:Decrypt\` on the trail's key.

## How to fix
Find out what happened before repairing anything.
1. Look at the key's versions: \`aws s3api list-object-versions --bucket BUCKET --prefix KEY\`. A delete marker on top of an older version means the file was only hidden by a \`DeleteObject\` without a version ID; no version at all means it was deleted for good (or versioning was off).
2. Find out who did it: the bucket's S3 server access logs (TG015) record each DELETE request with the requester and the source address, and CloudTrail data events on the log bucket (\`DeleteObject\`, \`DeleteObjects\`), recorded by another trail or an event data store that writes elsewhere, name the IAM identity. Several files gone at once, or gone together with their digest (TG022, TG027), point to a deliberate clean-up.
3. Restore it: remove the delete marker (\`aws s3api delete-object --bucket BUCKET --key KEY --version-id MARKER_VERSION_ID\`), or copy the original version back over the key (\`aws s3api copy-object --bucket BUCKET --key KEY --copy-source "BUCKET/KEY?versionId=VERSION_ID"\`). Read what it holds: those events are what someone wanted hidden. Run \`trailguard verify\` for the period again. If no version is left, rebuild what you can from CloudTrail Event history (management events of the last 90 days), a copy in CloudWatch Logs (TG005) or an event data store, and record the loss.
4. Make it impossible next time. Object Lock in compliance mode with a default retention (TG007) keeps every version of every log and digest file until the retention ends, whoever asks; a plain \`DeleteObject\` can still add a delete marker, but the file stays and can be brought back. MFA Delete makes removing a version, or suspending versioning, require the root user's MFA device. A bucket policy that denies \`s3:DeleteObject\`, \`s3:DeleteObjectVersion\` and \`s3:PutObject\` on the log keys to every principal but CloudTrail stops even delete markers (keep a break-glass exception for restores, since copying a version back is a \`PutObject\`). Keep log file validation on (TG003), keep a lifecycle expiration no shorter than the retention you need (TG009), and keep the bucket in a separate log-archive account that the administrators of the logged accounts cannot reach.

The snippets below create a log bucket with Object Lock in compliance mode (365 days), versioning, server access logging and a public access block, and a trail with log file validation on. Object Lock can only be enabled when a bucket is created, and compliance mode cannot be shortened or removed for objects already written, even by the root user: try it in a test account first, or start with governance mode.

### Terraform
\`\`\`hcl
data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}
data "aws_region" "current" {}

locals {
  trail_name = "org-audit-trail"
  account_id = data.aws_caller_identity.current.account_id
  trail_arn  = "arn:\${data.aws_partition.current.partition}:cloudtrail:\${data.aws_region.current.name}:\${local.account_id}:trail/\${local.trail_name}"
}

# Object Lock can only be turned on when the bucket is created.
resource "aws_s3_bucket" "trail_logs" {
  bucket              = "example-org-cloudtrail-logs"
  object_lock_enabled = true

  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_s3_bucket_versioning" "trail_logs" {
  bucket = aws_s3_bucket.trail_logs.id
  versioning_configuration {
    status = "Enabled"
  }
}

# No version of a log or digest file can be deleted for 365 days, by anyone, the root user included.
resource "aws_s3_bucket_object_lock_configuration" "trail_logs" {
  bucket = aws_s3_bucket.trail_logs.id
  rule {
    default_retention {
      mode = "COMPLIANCE"
      days = 365
    }
  }
  depends_on = [aws_s3_bucket_versioning.trail_logs]
}

resource "aws_s3_bucket_logging" "trail_logs" {
  bucket        = aws_s3_bucket.trail_logs.id
  target_bucket = "example-org-s3-access-logs"
  target_prefix = "cloudtrail-logs/"
}

resource "aws_s3_bucket_public_access_block" "trail_logs" {
  bucket                  = aws_s3_bucket.trail_logs.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_policy" "trail_logs" {
  bucket = aws_s3_bucket.trail_logs.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "CloudTrailAclCheck"
        Effect    = "Allow"
        Principal = { Service = "cloudtrail.amazonaws.com" }
        Action    = "s3:GetBucketAcl"
        Resource  = aws_s3_bucket.trail_logs.arn
        Condition = { StringEquals = { "aws:SourceArn" = local.trail_arn } }
      },
      {
        Sid       = "CloudTrailWrite"
        Effect    = "Allow"
        Principal = { Service = "cloudtrail.amazonaws.com" }
        Action    = "s3:PutObject"
        Resource  = "\${aws_s3_bucket.trail_logs.arn}/AWSLogs/\${local.account_id}/*"
        Condition = {
          StringEquals = {
            "s3:x-amz-acl"  = "bucket-owner-full-control"
            "aws:SourceArn" = local.trail_arn
          }
        }
      },
    ]
  })
  depends_on = [aws_s3_bucket_public_access_block.trail_logs]
}

resource "aws_cloudtrail" "main" {
  name                          = local.trail_name
  s3_bucket_name                = aws_s3_bucket.trail_logs.id
  is_multi_region_trail         = true
  include_global_service_events = true
  enable_log_file_validation    = true

  depends_on = [aws_s3_bucket_policy.trail_logs]
}
\`\`\`

### CloudFormation
\`\`\`yaml
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  TrailLogsBucket:
    Type: AWS::S3::Bucket
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      BucketName: example-org-cloudtrail-logs
      # No version of a log or digest file can be deleted for 365 days, by anyone, the root user included.
      ObjectLockEnabled: true
      ObjectLockConfiguration:
        ObjectLockEnabled: Enabled
        Rule:
          DefaultRetention:
            Mode: COMPLIANCE
            Days: 365
      VersioningConfiguration:
        Status: Enabled
      PublicAccessBlockConfiguration:
        BlockPublicAcls: true
        BlockPublicPolicy: true
        IgnorePublicAcls: true
        RestrictPublicBuckets: true
      LoggingConfiguration:
        DestinationBucketName: example-org-s3-access-logs
        LogFilePrefix: cloudtrail-logs/

  TrailLogsBucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref TrailLogsBucket
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Sid: CloudTrailAclCheck
            Effect: Allow
            Principal:
              Service: cloudtrail.amazonaws.com
            Action: s3:GetBucketAcl
            Resource: !GetAtt TrailLogsBucket.Arn
            Condition:
              StringEquals:
                aws:SourceArn: !Sub "arn:\${AWS::Partition}:cloudtrail:\${AWS::Region}:\${AWS::AccountId}:trail/org-audit-trail"
          - Sid: CloudTrailWrite
            Effect: Allow
            Principal:
              Service: cloudtrail.amazonaws.com
            Action: s3:PutObject
            Resource: !Sub "\${TrailLogsBucket.Arn}/AWSLogs/\${AWS::AccountId}/*"
            Condition:
              StringEquals:
                s3:x-amz-acl: bucket-owner-full-control
                aws:SourceArn: !Sub "arn:\${AWS::Partition}:cloudtrail:\${AWS::Region}:\${AWS::AccountId}:trail/org-audit-trail"

  AuditTrail:
    Type: AWS::CloudTrail::Trail
    DependsOn: TrailLogsBucketPolicy
    Properties:
      TrailName: org-audit-trail
      S3BucketName: !Ref TrailLogsBucket
      IsLogging: true
      IsMultiRegionTrail: true
      IncludeGlobalServiceEvents: true
      EnableLogFileValidation: true
\`\`\`

The bucket \`example-org-s3-access-logs\` must already exist, in the same account and Region, to receive the server access logs. Encryption with a customer managed key (TG011) and delivery to CloudWatch Logs (TG005) are left out to keep the example short.

## Equivalent checks
- Checkov, Trivy and Prowler: none. They check that log file validation is on (TG003), not the files it protects.
- AWS CLI: \`aws cloudtrail validate-logs\` also reports a listed log file that is not found. It verifies one trail per run, in one Region (the one the CLI uses) and, for an organization trail, one member account (\`--account-id\`), and prints text. \`trailguard verify\` covers every trail, Region and account in scope in parallel, reports catalog results in SARIF or any other format (with levels, suppressions and baselines), tells files removed by a lifecycle rule from files removed by someone, and also finds log files that no digest lists (TG026) and digests missing for a whole period (TG027).

## References
- AWS CloudTrail User Guide: "Validating CloudTrail log file integrity", "CloudTrail digest file structure", "Custom implementations of CloudTrail log file integrity validation".
- AWS CloudTrail API Reference: \`ListPublicKeys\`, \`GetTrailStatus\`.
- Amazon S3 User Guide: "Locking objects with Object Lock", "Working with delete markers", "Logging requests with server access logging".
- AWS CLI: \`aws cloudtrail validate-logs\`, \`aws s3api list-object-versions\`.
`;var Cw=Ot({meta:{id:"TG024",...F("TG024"),name:"log-file-missing",level:"error",summary:"A log file listed by a digest is missing"},problem:"log-missing",messageId:"missing",message:"Log file {{object}} of trail {{trail}} is missing: {{detail}}.",doc:Tw});var Ew=`# TG025 log-file-modified
This rule is reported only by \`trailguard verify\`, which reads the files a trail has delivered instead of its settings. It points at a log file whose content is no longer what CloudTrail delivered: its SHA-256 differs from the hash that a signed digest file recorded for it at delivery.

## Why it matters
An edited log file is worse than a missing one, because nothing about it looks wrong. Every tool that reads the bucket trusts what it finds: an event removed from the middle of a file (a \`StopLogging\`, a \`PutBucketPolicy\`), a source address or user name changed, or a call attributed to somebody else. The digest of the file's hour holds the SHA-256 that CloudTrail computed when it delivered the file, and the digest is signed, so a file that no longer matches has been rewritten after delivery, by someone who could write to the log bucket. Until it is restored, treat every event in it, and every conclusion drawn from it, as untrusted.

## What fails
- A log file listed in the \`logFiles\` of a digest whose signature verifies, whose content, once decompressed, has a SHA-256 other than the \`hashValue\` in the digest. The hash covers the JSON inside the gzip, so compressing the same content again does not count as a change, while any changed byte of the JSON, reformatting included, does. The file is hashed as it streams in, never held whole in memory.
- A listed log file that is no longer gzip, or whose gzip data is broken or cut short.
- The result uses the ARN of the log file, \`arn:aws:s3:::BUCKET/KEY\`, with the digest that lists it as a related location.
- Only digests that verify are trusted: the log files of a digest that fails TG023, or whose signature could not be checked, are not looked at. A log file listed with a hash algorithm other than SHA-256 is not checked (a notification says so).
- \`trailguard verify\` checks the last 24 hours unless \`--start-time\` and \`--end-time\` say otherwise, for every trail the accounts own, every account (for an organization trail, every member account under \`AWSLogs/ORG_ID/\`) and every Region; \`trailguard scan\` never reports this rule, and a trail with log file validation off (TG003) has no digests to check.
- Not findings, but notifications: a log file the caller may not read (AccessDenied). For a trail that encrypts its logs with SSE-KMS (TG011), reading a log file also takes \`kms:Decrypt\` on the trail's key.

## How to fix
Keep the changed file as evidence and find out what happened before repairing anything.
1. Look at the key's versions: \`aws s3api list-object-versions --bucket BUCKET --prefix KEY\`. The oldest version, written when CloudTrail delivered the file, is normally the original; a newer one was written by someone else. Download both (\`aws s3api get-object ... --version-id VERSION_ID\`), decompress them and compare: whatever was removed or changed is what someone wanted hidden.
2. Find out who wrote it: the bucket's S3 server access logs (TG015) record each PUT and COPY request with the requester and the source address, and CloudTrail data events on the log bucket (\`PutObject\`, \`CopyObject\`), recorded by another trail or an event data store that writes elsewhere, name the IAM identity.
3. Restore the original by copying it back over the key (\`aws s3api copy-object --bucket BUCKET --key KEY --copy-source "BUCKET/KEY?versionId=VERSION_ID"\`); the changed version stays behind as a noncurrent version. Run \`trailguard verify\` for the period again. If no original version is left (versioning was off), the file can no longer be trusted: rebuild its events from CloudTrail Event history (management events of the last 90 days), a copy in CloudWatch Logs (TG005) or an event data store, and make sure downstream copies (SIEM, data lake) did not ingest the edited version as the truth.
4. Make it impossible next time. Object Lock in compliance mode with a default retention (TG007) keeps every version CloudTrail writes until the retention ends, whoever asks, so an overwrite can never destroy the original. MFA Delete makes removing a version, or suspending versioning, require the root user's MFA device. A bucket policy that denies \`s3:PutObject\`, \`s3:DeleteObject\` and \`s3:DeleteObjectVersion\` on the log keys to every principal but CloudTrail stops overwrites in the first place (keep a break-glass exception for restores, since copying a version back is a \`PutObject\`). Keep log file validation on (TG003), and keep the bucket in a separate log-archive account that the administrators of the logged accounts cannot reach.

The snippets below create a log bucket with Object Lock in compliance mode (365 days), versioning, server access logging and a public access block, and a trail with log file validation on. Object Lock can only be enabled when a bucket is created, and compliance mode cannot be shortened or removed for objects already written, even by the root user: try it in a test account first, or start with governance mode.

### Terraform
\`\`\`hcl
data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}
data "aws_region" "current" {}

locals {
  trail_name = "org-audit-trail"
  account_id = data.aws_caller_identity.current.account_id
  trail_arn  = "arn:\${data.aws_partition.current.partition}:cloudtrail:\${data.aws_region.current.name}:\${local.account_id}:trail/\${local.trail_name}"
}

# Object Lock can only be turned on when the bucket is created.
resource "aws_s3_bucket" "trail_logs" {
  bucket              = "example-org-cloudtrail-logs"
  object_lock_enabled = true

  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_s3_bucket_versioning" "trail_logs" {
  bucket = aws_s3_bucket.trail_logs.id
  versioning_configuration {
    status = "Enabled"
  }
}

# No version of a log or digest file can be deleted for 365 days, by anyone, the root user included.
resource "aws_s3_bucket_object_lock_configuration" "trail_logs" {
  bucket = aws_s3_bucket.trail_logs.id
  rule {
    default_retention {
      mode = "COMPLIANCE"
      days = 365
    }
  }
  depends_on = [aws_s3_bucket_versioning.trail_logs]
}

resource "aws_s3_bucket_logging" "trail_logs" {
  bucket        = aws_s3_bucket.trail_logs.id
  target_bucket = "example-org-s3-access-logs"
  target_prefix = "cloudtrail-logs/"
}

resource "aws_s3_bucket_public_access_block" "trail_logs" {
  bucket                  = aws_s3_bucket.trail_logs.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_policy" "trail_logs" {
  bucket = aws_s3_bucket.trail_logs.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "CloudTrailAclCheck"
        Effect    = "Allow"
        Principal = { Service = "cloudtrail.amazonaws.com" }
        Action    = "s3:GetBucketAcl"
        Resource  = aws_s3_bucket.trail_logs.arn
        Condition = { StringEquals = { "aws:SourceArn" = local.trail_arn } }
      },
      {
        Sid       = "CloudTrailWrite"
        Effect    = "Allow"
        Principal = { Service = "cloudtrail.amazonaws.com" }
        Action    = "s3:PutObject"
        Resource  = "\${aws_s3_bucket.trail_logs.arn}/AWSLogs/\${local.account_id}/*"
        Condition = {
          StringEquals = {
            "s3:x-amz-acl"  = "bucket-owner-full-control"
            "aws:SourceArn" = local.trail_arn
          }
        }
      },
    ]
  })
  depends_on = [aws_s3_bucket_public_access_block.trail_logs]
}

resource "aws_cloudtrail" "main" {
  name                          = local.trail_name
  s3_bucket_name                = aws_s3_bucket.trail_logs.id
  is_multi_region_trail         = true
  include_global_service_events = true
  enable_log_file_validation    = true

  depends_on = [aws_s3_bucket_policy.trail_logs]
}
\`\`\`

### CloudFormation
\`\`\`yaml
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  TrailLogsBucket:
    Type: AWS::S3::Bucket
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      BucketName: example-org-cloudtrail-logs
      # No version of a log or digest file can be deleted for 365 days, by anyone, the root user included.
      ObjectLockEnabled: true
      ObjectLockConfiguration:
        ObjectLockEnabled: Enabled
        Rule:
          DefaultRetention:
            Mode: COMPLIANCE
            Days: 365
      VersioningConfiguration:
        Status: Enabled
      PublicAccessBlockConfiguration:
        BlockPublicAcls: true
        BlockPublicPolicy: true
        IgnorePublicAcls: true
        RestrictPublicBuckets: true
      LoggingConfiguration:
        DestinationBucketName: example-org-s3-access-logs
        LogFilePrefix: cloudtrail-logs/

  TrailLogsBucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref TrailLogsBucket
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Sid: CloudTrailAclCheck
            Effect: Allow
            Principal:
              Service: cloudtrail.amazonaws.com
            Action: s3:GetBucketAcl
            Resource: !GetAtt TrailLogsBucket.Arn
            Condition:
              StringEquals:
                aws:SourceArn: !Sub "arn:\${AWS::Partition}:cloudtrail:\${AWS::Region}:\${AWS::AccountId}:trail/org-audit-trail"
          - Sid: CloudTrailWrite
            Effect: Allow
            Principal:
              Service: cloudtrail.amazonaws.com
            Action: s3:PutObject
            Resource: !Sub "\${TrailLogsBucket.Arn}/AWSLogs/\${AWS::AccountId}/*"
            Condition:
              StringEquals:
                s3:x-amz-acl: bucket-owner-full-control
                aws:SourceArn: !Sub "arn:\${AWS::Partition}:cloudtrail:\${AWS::Region}:\${AWS::AccountId}:trail/org-audit-trail"

  AuditTrail:
    Type: AWS::CloudTrail::Trail
    DependsOn: TrailLogsBucketPolicy
    Properties:
      TrailName: org-audit-trail
      S3BucketName: !Ref TrailLogsBucket
      IsLogging: true
      IsMultiRegionTrail: true
      IncludeGlobalServiceEvents: true
      EnableLogFileValidation: true
\`\`\`

The bucket \`example-org-s3-access-logs\` must already exist, in the same account and Region, to receive the server access logs. Encryption with a customer managed key (TG011) and delivery to CloudWatch Logs (TG005) are left out to keep the example short.

## Equivalent checks
- Checkov, Trivy and Prowler: none. They check that log file validation is on (TG003), not the files it protects.
- AWS CLI: \`aws cloudtrail validate-logs\` also reports a listed log file whose hash does not match or that cannot be decompressed. It verifies one trail per run, in one Region (the one the CLI uses) and, for an organization trail, one member account (\`--account-id\`), and prints text. \`trailguard verify\` covers every trail, Region and account in scope in parallel, reports catalog results in SARIF or any other format (with levels, suppressions and baselines), and also finds log files that no digest lists (TG026) and digests missing for a whole period (TG027).

## References
- AWS CloudTrail User Guide: "Validating CloudTrail log file integrity", "CloudTrail digest file structure", "Custom implementations of CloudTrail log file integrity validation".
- AWS CloudTrail API Reference: \`ListPublicKeys\`, \`GetTrailStatus\`.
- Amazon S3 User Guide: "Locking objects with Object Lock", "Logging requests with server access logging".
- AWS CLI: \`aws cloudtrail validate-logs\`, \`aws s3api list-object-versions\`.
`;var $w=Ot({meta:{id:"TG025",...F("TG025"),name:"log-file-modified",level:"error",summary:"A log file differs from the hash its digest lists"},problem:"log-modified",messageId:"modified",message:"Log file {{object}} of trail {{trail}} was changed after delivery: {{detail}}.",doc:Ew});var xw=`# TG026 log-file-unlisted
This rule is reported only by \`trailguard verify\`, which reads the files a trail has delivered instead of its settings. It points at a file in the trail's log folder that is named like a CloudTrail log file and dated in an hour a digest file covers, yet is listed by no digest. While validation is on, CloudTrail lists every log file it delivers, so this one was put there by someone else.

## Why it matters
A planted log file feeds invented events to everything that reads the bucket: the SIEM, Athena queries, the people investigating an incident. It can pin an action on the wrong identity, hand an alibi to the real one, or bury the calls that matter under noise, and nothing inside the file gives it away: it is just JSON in the right folder under a plausible name. It also shows that someone other than CloudTrail can write to the log bucket, which is a finding in itself. The digests are what tell it apart: CloudTrail adds each log file it delivers to the digest of the hour it was delivered in, or, when processing was delayed, to a backfill digest (its name ends in \`_backfill.json.gz\`), so a file that none of them lists was not written by CloudTrail. This is a warning rather than an error because an added file takes nothing away from the record the digests vouch for, and because the check relies on file names and delivery hours rather than on a signature.

## What fails
- An object in the trail's log folder for the account and Region (\`AWSLogs/ACCOUNT/CloudTrail/REGION/YYYY/MM/DD/\`, or \`AWSLogs/ORG_ID/ACCOUNT/...\` for an organization trail), named like a CloudTrail log file (\`ACCOUNT_CloudTrail_REGION_YYYYMMDDTHHmmZ_ID.json.gz\`), whose name time falls within the hour of a digest read in this run, and that no digest read in this run lists, backfill digests included. The result uses the ARN of the file, \`arn:aws:s3:::BUCKET/KEY\`; there is no related location, since no digest names it.
- Not looked for: files from the last two hours (a backfill digest may still list them); hours that no digest here covers (a missing digest, TG022 and TG027, or a time when validation or logging was off); objects whose names do not look like CloudTrail log files; and folders that other trails deliver to as well (seen from their digest files next to this trail's), since their log files cannot be told apart from this trail's (a notification says so).
- Another trail that writes to the same bucket and prefix with log file validation off delivers log files that no digest lists, and they are reported here: give every trail its own bucket or prefix.
- \`trailguard verify\` checks the last 24 hours unless \`--start-time\` and \`--end-time\` say otherwise, for every trail the accounts own, every account (for an organization trail, every member account under \`AWSLogs/ORG_ID/\`) and every Region; \`trailguard scan\` never reports this rule, and a trail with log file validation off (TG003) has no digests to check.

## How to fix
Keep the file as evidence and find out where it came from.
1. Find out who wrote it: the bucket's S3 server access logs (TG015) record each PUT and COPY request with the requester and the source address, and CloudTrail data events on the log bucket (\`PutObject\`, \`CopyObject\`), recorded by another trail or an event data store that writes elsewhere, name the IAM identity. CloudTrail delivers as the service principal \`cloudtrail.amazonaws.com\`; a write by any other identity is foreign. \`aws s3api list-object-versions --bucket BUCKET --prefix KEY\` shows when the object was written.
2. Read it: compare its events with CloudTrail Event history (management events of the last 90 days), a copy in CloudWatch Logs (TG005) or an event data store. Management events that appear in this file and not in Event history were not recorded by CloudTrail.
3. Keep it out of analysis: remove it from the SIEM or data lake it was loaded into and exclude its key from queries. With Object Lock it cannot be deleted before its retention ends anyway, which keeps it available as evidence.
4. Close the way in. A bucket policy that denies \`s3:PutObject\` on the log keys to every principal but CloudTrail (with a break-glass exception for restores) stops planted files; Object Lock in compliance mode with a default retention (TG007) and MFA Delete keep what CloudTrail wrote from being replaced or removed. Keep log file validation on (TG003), and keep the bucket in a separate log-archive account that the administrators of the logged accounts cannot reach.

If a folder is shared on purpose and the file is known to be harmless, suppress the result, or turn the rule off with \`--rule TG026=off\`.

The snippets below create a log bucket with Object Lock in compliance mode (365 days), versioning, server access logging and a public access block, and a trail with log file validation on. Object Lock can only be enabled when a bucket is created, and compliance mode cannot be shortened or removed for objects already written, even by the root user: try it in a test account first, or start with governance mode.

### Terraform
\`\`\`hcl
data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}
data "aws_region" "current" {}

locals {
  trail_name = "org-audit-trail"
  account_id = data.aws_caller_identity.current.account_id
  trail_arn  = "arn:\${data.aws_partition.current.partition}:cloudtrail:\${data.aws_region.current.name}:\${local.account_id}:trail/\${local.trail_name}"
}

# Object Lock can only be turned on when the bucket is created.
resource "aws_s3_bucket" "trail_logs" {
  bucket              = "example-org-cloudtrail-logs"
  object_lock_enabled = true

  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_s3_bucket_versioning" "trail_logs" {
  bucket = aws_s3_bucket.trail_logs.id
  versioning_configuration {
    status = "Enabled"
  }
}

# No version of a log or digest file can be deleted for 365 days, by anyone, the root user included.
resource "aws_s3_bucket_object_lock_configuration" "trail_logs" {
  bucket = aws_s3_bucket.trail_logs.id
  rule {
    default_retention {
      mode = "COMPLIANCE"
      days = 365
    }
  }
  depends_on = [aws_s3_bucket_versioning.trail_logs]
}

resource "aws_s3_bucket_logging" "trail_logs" {
  bucket        = aws_s3_bucket.trail_logs.id
  target_bucket = "example-org-s3-access-logs"
  target_prefix = "cloudtrail-logs/"
}

resource "aws_s3_bucket_public_access_block" "trail_logs" {
  bucket                  = aws_s3_bucket.trail_logs.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_policy" "trail_logs" {
  bucket = aws_s3_bucket.trail_logs.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "CloudTrailAclCheck"
        Effect    = "Allow"
        Principal = { Service = "cloudtrail.amazonaws.com" }
        Action    = "s3:GetBucketAcl"
        Resource  = aws_s3_bucket.trail_logs.arn
        Condition = { StringEquals = { "aws:SourceArn" = local.trail_arn } }
      },
      {
        Sid       = "CloudTrailWrite"
        Effect    = "Allow"
        Principal = { Service = "cloudtrail.amazonaws.com" }
        Action    = "s3:PutObject"
        Resource  = "\${aws_s3_bucket.trail_logs.arn}/AWSLogs/\${local.account_id}/*"
        Condition = {
          StringEquals = {
            "s3:x-amz-acl"  = "bucket-owner-full-control"
            "aws:SourceArn" = local.trail_arn
          }
        }
      },
    ]
  })
  depends_on = [aws_s3_bucket_public_access_block.trail_logs]
}

resource "aws_cloudtrail" "main" {
  name                          = local.trail_name
  s3_bucket_name                = aws_s3_bucket.trail_logs.id
  is_multi_region_trail         = true
  include_global_service_events = true
  enable_log_file_validation    = true

  depends_on = [aws_s3_bucket_policy.trail_logs]
}
\`\`\`

### CloudFormation
\`\`\`yaml
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  TrailLogsBucket:
    Type: AWS::S3::Bucket
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      BucketName: example-org-cloudtrail-logs
      # No version of a log or digest file can be deleted for 365 days, by anyone, the root user included.
      ObjectLockEnabled: true
      ObjectLockConfiguration:
        ObjectLockEnabled: Enabled
        Rule:
          DefaultRetention:
            Mode: COMPLIANCE
            Days: 365
      VersioningConfiguration:
        Status: Enabled
      PublicAccessBlockConfiguration:
        BlockPublicAcls: true
        BlockPublicPolicy: true
        IgnorePublicAcls: true
        RestrictPublicBuckets: true
      LoggingConfiguration:
        DestinationBucketName: example-org-s3-access-logs
        LogFilePrefix: cloudtrail-logs/

  TrailLogsBucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref TrailLogsBucket
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Sid: CloudTrailAclCheck
            Effect: Allow
            Principal:
              Service: cloudtrail.amazonaws.com
            Action: s3:GetBucketAcl
            Resource: !GetAtt TrailLogsBucket.Arn
            Condition:
              StringEquals:
                aws:SourceArn: !Sub "arn:\${AWS::Partition}:cloudtrail:\${AWS::Region}:\${AWS::AccountId}:trail/org-audit-trail"
          - Sid: CloudTrailWrite
            Effect: Allow
            Principal:
              Service: cloudtrail.amazonaws.com
            Action: s3:PutObject
            Resource: !Sub "\${TrailLogsBucket.Arn}/AWSLogs/\${AWS::AccountId}/*"
            Condition:
              StringEquals:
                s3:x-amz-acl: bucket-owner-full-control
                aws:SourceArn: !Sub "arn:\${AWS::Partition}:cloudtrail:\${AWS::Region}:\${AWS::AccountId}:trail/org-audit-trail"

  AuditTrail:
    Type: AWS::CloudTrail::Trail
    DependsOn: TrailLogsBucketPolicy
    Properties:
      TrailName: org-audit-trail
      S3BucketName: !Ref TrailLogsBucket
      IsLogging: true
      IsMultiRegionTrail: true
      IncludeGlobalServiceEvents: true
      EnableLogFileValidation: true
\`\`\`

The bucket \`example-org-s3-access-logs\` must already exist, in the same account and Region, to receive the server access logs. Encryption with a customer managed key (TG011) and delivery to CloudWatch Logs (TG005) are left out to keep the example short.

## Equivalent checks
- Checkov, Trivy and Prowler: none. They check that log file validation is on (TG003), not the files in the bucket.
- AWS CLI: \`aws cloudtrail validate-logs\` does not look for log files that no digest lists; it only checks the files the digests name. It verifies one trail per run, in one Region (the one the CLI uses) and, for an organization trail, one member account (\`--account-id\`), and prints text. \`trailguard verify\` covers every trail, Region and account in scope in parallel, reports catalog results in SARIF or any other format (with levels, suppressions and baselines), and also finds digests missing for a whole period (TG027).

## References
- AWS CloudTrail User Guide: "Validating CloudTrail log file integrity", "CloudTrail digest file structure", "Custom implementations of CloudTrail log file integrity validation".
- AWS CloudTrail API Reference: \`ListPublicKeys\`, \`GetTrailStatus\`.
- Amazon S3 User Guide: "Locking objects with Object Lock", "Logging requests with server access logging".
- AWS CLI: \`aws cloudtrail validate-logs\`.
`;var Rw=Ot({meta:{id:"TG026",...F("TG026"),name:"log-file-unlisted",level:"warning",summary:"A log file in the bucket is listed by no digest"},problem:"log-unlisted",messageId:"unlisted",message:"Log file {{object}} is in trail {{trail}}'s folder but no digest file lists it: {{detail}}.",doc:xw});var Iw=`# TG027 log-digest-gap
This rule is reported only by \`trailguard verify\`, which reads the files a trail has delivered instead of its settings. It reports a period, rather than a single file, for which the trail's digest files are gone although the trail was logging: a run of links missing from the middle of the chain, or the newest digests missing from its end.

## Why it matters
Every hour without its digest is an hour whose log files can no longer be checked: not for changes (TG025), not for deletions (TG024), not for files added (TG026). Removing the digests of a whole period is what someone does after rewriting or deleting the logs of that period, and removing the newest ones is the quietest way to do it, because no later digest names them and the chain that is left looks complete. CloudTrail keeps its own record of its latest digest delivery in the trail's status, outside the bucket, and that is what gives the missing end away. A period with no digests at all has to be treated as unverified, and the events in it as untrusted, until the digests are restored.

## What fails
- In the middle of a chain: a digest names a predecessor that is missing (reported by TG022), and the next older digest still present ends more than an hour (plus ten minutes for delivery) before that predecessor does, so the digests in between are missing too. The period runs from the end of the older digest present to the start of the hour the missing predecessor covers.
- At the end of a chain: \`GetTrailStatus\` gives a \`LatestDigestDeliveryTime\` more than an hour (plus ten minutes) later than the end of the newest digest in the account and Region's folder or, when there is none in the period, later than the start of the period (or the time the trail last started logging, if that is later). The period runs from there to the latest delivery, capped at the end of the period verified.
- The result uses the ARN of the digest folder of the day the gap starts, \`arn:aws:s3:::BUCKET/.../CloudTrail-Digest/REGION/YYYY/MM/DD/\`, and its message gives the start and end of the period. There is no related location; in the middle of a chain, the TG022 result for the newest missing digest points at the digest that names it.
- Not findings, but notifications: a pause in the chain while logging or log file validation was off (CloudTrail starts a new chain afterwards, whose first digest has no predecessor, so a stopped day is no finding); digests past the bucket's lifecycle expiration (learned from the \`x-amz-expiration\` header S3 returns with the objects it serves), which the lifecycle rule removed; a bucket the caller may not list. When the trail's status cannot be read, the end of the chain is not checked.
- \`LatestDigestDeliveryTime\` is one time for the whole trail, so an account or Region whose digests stopped while the trail went on (a member account that left the organization, a Region that was disabled) also shows a gap at its end. And if the first digest after a pause was itself deleted, the pause cannot be told from a gap: look for \`StopLogging\` and \`UpdateTrail\` calls in that period before concluding.
- \`trailguard verify\` checks the last 24 hours unless \`--start-time\` and \`--end-time\` say otherwise, for every trail the accounts own, every account (for an organization trail, every member account under \`AWSLogs/ORG_ID/\`) and every Region; \`trailguard scan\` never reports this rule, and a trail with log file validation off (TG003) has no digests to check.

## How to fix
Find out what happened before repairing anything.
1. Look at the versions in the digest folder of each day of the period: \`aws s3api list-object-versions --bucket BUCKET --prefix .../CloudTrail-Digest/REGION/YYYY/MM/DD/\`. Delete markers on top of older versions mean the digests were only hidden; no versions at all mean they were deleted for good (or versioning was off).
2. Find out who did it: the bucket's S3 server access logs (TG015) record each DELETE request with the requester and the source address, and CloudTrail data events on the log bucket (\`DeleteObject\`, \`DeleteObjects\`, which deletes up to a thousand keys in one call), recorded by another trail or an event data store that writes elsewhere, name the IAM identity. Check CloudTrail Event history for \`StopLogging\`, \`StartLogging\` and \`UpdateTrail\` in the period, to rule out a pause.
3. Restore the digests: remove the delete markers (\`aws s3api delete-object --bucket BUCKET --key KEY --version-id MARKER_VERSION_ID\`), or copy the original versions back over their keys (\`aws s3api copy-object --bucket BUCKET --key KEY --copy-source "BUCKET/KEY?versionId=VERSION_ID"\`; a copy keeps the user metadata, and so the signature). Run \`trailguard verify\` for the period again: with the digests back, the log files of those hours are checked as well. If no versions are left, the period can no longer be proved: rebuild its management events from CloudTrail Event history (the last 90 days), a copy in CloudWatch Logs (TG005) or an event data store, and record the gap.
4. Make it impossible next time. Object Lock in compliance mode with a default retention (TG007) keeps every version of every log and digest file until the retention ends, whoever asks; a plain \`DeleteObject\` can still add a delete marker, but the file stays and can be brought back. MFA Delete makes removing a version, or suspending versioning, require the root user's MFA device. A bucket policy that denies \`s3:DeleteObject\`, \`s3:DeleteObjectVersion\` and \`s3:PutObject\` on the log keys to every principal but CloudTrail stops even delete markers (keep a break-glass exception for restores, since copying a version back is a \`PutObject\`). Keep log file validation on (TG003), and keep the bucket in a separate log-archive account that the administrators of the logged accounts cannot reach.

The snippets below create a log bucket with Object Lock in compliance mode (365 days), versioning, server access logging and a public access block, and a trail with log file validation on. Object Lock can only be enabled when a bucket is created, and compliance mode cannot be shortened or removed for objects already written, even by the root user: try it in a test account first, or start with governance mode.

### Terraform
\`\`\`hcl
data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}
data "aws_region" "current" {}

locals {
  trail_name = "org-audit-trail"
  account_id = data.aws_caller_identity.current.account_id
  trail_arn  = "arn:\${data.aws_partition.current.partition}:cloudtrail:\${data.aws_region.current.name}:\${local.account_id}:trail/\${local.trail_name}"
}

# Object Lock can only be turned on when the bucket is created.
resource "aws_s3_bucket" "trail_logs" {
  bucket              = "example-org-cloudtrail-logs"
  object_lock_enabled = true

  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_s3_bucket_versioning" "trail_logs" {
  bucket = aws_s3_bucket.trail_logs.id
  versioning_configuration {
    status = "Enabled"
  }
}

# No version of a log or digest file can be deleted for 365 days, by anyone, the root user included.
resource "aws_s3_bucket_object_lock_configuration" "trail_logs" {
  bucket = aws_s3_bucket.trail_logs.id
  rule {
    default_retention {
      mode = "COMPLIANCE"
      days = 365
    }
  }
  depends_on = [aws_s3_bucket_versioning.trail_logs]
}

resource "aws_s3_bucket_logging" "trail_logs" {
  bucket        = aws_s3_bucket.trail_logs.id
  target_bucket = "example-org-s3-access-logs"
  target_prefix = "cloudtrail-logs/"
}

resource "aws_s3_bucket_public_access_block" "trail_logs" {
  bucket                  = aws_s3_bucket.trail_logs.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_policy" "trail_logs" {
  bucket = aws_s3_bucket.trail_logs.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "CloudTrailAclCheck"
        Effect    = "Allow"
        Principal = { Service = "cloudtrail.amazonaws.com" }
        Action    = "s3:GetBucketAcl"
        Resource  = aws_s3_bucket.trail_logs.arn
        Condition = { StringEquals = { "aws:SourceArn" = local.trail_arn } }
      },
      {
        Sid       = "CloudTrailWrite"
        Effect    = "Allow"
        Principal = { Service = "cloudtrail.amazonaws.com" }
        Action    = "s3:PutObject"
        Resource  = "\${aws_s3_bucket.trail_logs.arn}/AWSLogs/\${local.account_id}/*"
        Condition = {
          StringEquals = {
            "s3:x-amz-acl"  = "bucket-owner-full-control"
            "aws:SourceArn" = local.trail_arn
          }
        }
      },
    ]
  })
  depends_on = [aws_s3_bucket_public_access_block.trail_logs]
}

resource "aws_cloudtrail" "main" {
  name                          = local.trail_name
  s3_bucket_name                = aws_s3_bucket.trail_logs.id
  is_multi_region_trail         = true
  include_global_service_events = true
  enable_log_file_validation    = true

  depends_on = [aws_s3_bucket_policy.trail_logs]
}
\`\`\`

### CloudFormation
\`\`\`yaml
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  TrailLogsBucket:
    Type: AWS::S3::Bucket
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      BucketName: example-org-cloudtrail-logs
      # No version of a log or digest file can be deleted for 365 days, by anyone, the root user included.
      ObjectLockEnabled: true
      ObjectLockConfiguration:
        ObjectLockEnabled: Enabled
        Rule:
          DefaultRetention:
            Mode: COMPLIANCE
            Days: 365
      VersioningConfiguration:
        Status: Enabled
      PublicAccessBlockConfiguration:
        BlockPublicAcls: true
        BlockPublicPolicy: true
        IgnorePublicAcls: true
        RestrictPublicBuckets: true
      LoggingConfiguration:
        DestinationBucketName: example-org-s3-access-logs
        LogFilePrefix: cloudtrail-logs/

  TrailLogsBucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref TrailLogsBucket
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Sid: CloudTrailAclCheck
            Effect: Allow
            Principal:
              Service: cloudtrail.amazonaws.com
            Action: s3:GetBucketAcl
            Resource: !GetAtt TrailLogsBucket.Arn
            Condition:
              StringEquals:
                aws:SourceArn: !Sub "arn:\${AWS::Partition}:cloudtrail:\${AWS::Region}:\${AWS::AccountId}:trail/org-audit-trail"
          - Sid: CloudTrailWrite
            Effect: Allow
            Principal:
              Service: cloudtrail.amazonaws.com
            Action: s3:PutObject
            Resource: !Sub "\${TrailLogsBucket.Arn}/AWSLogs/\${AWS::AccountId}/*"
            Condition:
              StringEquals:
                s3:x-amz-acl: bucket-owner-full-control
                aws:SourceArn: !Sub "arn:\${AWS::Partition}:cloudtrail:\${AWS::Region}:\${AWS::AccountId}:trail/org-audit-trail"

  AuditTrail:
    Type: AWS::CloudTrail::Trail
    DependsOn: TrailLogsBucketPolicy
    Properties:
      TrailName: org-audit-trail
      S3BucketName: !Ref TrailLogsBucket
      IsLogging: true
      IsMultiRegionTrail: true
      IncludeGlobalServiceEvents: true
      EnableLogFileValidation: true
\`\`\`

The bucket \`example-org-s3-access-logs\` must already exist, in the same account and Region, to receive the server access logs. Encryption with a customer managed key (TG011) and delivery to CloudWatch Logs (TG005) are left out to keep the example short.

## Equivalent checks
- Checkov, Trivy and Prowler: none. They check that log file validation is on (TG003), not the digest files.
- AWS CLI: \`aws cloudtrail validate-logs\` reports only the one missing digest that its successor names and then goes on with the next digest it finds, so a run of missing digests shows as a single missing file; it starts from the newest digest present, so it cannot tell that newer ones were deleted. It verifies one trail per run, in one Region (the one the CLI uses) and, for an organization trail, one member account (\`--account-id\`), and prints text. \`trailguard verify\` compares the chain with the trail's status, covers every trail, Region and account in scope in parallel, reports catalog results in SARIF or any other format (with levels, suppressions and baselines), and also finds log files that no digest lists (TG026).

## References
- AWS CloudTrail User Guide: "Validating CloudTrail log file integrity", "CloudTrail digest file structure", "Custom implementations of CloudTrail log file integrity validation".
- AWS CloudTrail API Reference: \`GetTrailStatus\` (\`LatestDigestDeliveryTime\`, \`StartLoggingTime\`), \`ListPublicKeys\`.
- Amazon S3 User Guide: "Locking objects with Object Lock", "Working with delete markers", "Logging requests with server access logging".
- AWS CLI: \`aws cloudtrail validate-logs\`, \`aws s3api list-object-versions\`.
`;var Ow=Ot({meta:{id:"TG027",...F("TG027"),name:"log-digest-gap",level:"error",summary:"Digest files are missing for a period while the trail was logging"},problem:"digest-gap",messageId:"gap",message:"Trail {{trail}} has no digest files from {{from}} to {{to}} although it was logging: {{detail}}.",doc:Iw});var _t=[Dy,Vy,jy,qy,By,Yy,bb,vb,Sb,Xb,Zb,tw,rw,ow,aw,cw,dw,mw,gw,bw,kw,_w,Aw,Cw,$w,Rw,Ow];var TA=Kn(Kp(),1),CA=Kn(P_(),1);import{existsSync as Dh,readFileSync as wV,statSync as kV}from"node:fs";import Zi from"node:path";var N_={$schema:"http://json-schema.org/draft-07/schema#",$id:"https://github.com/trailguard/trailguard/schemas/config.schema.json",title:"trailguard configuration (.trailguard.yml)",type:"object",additionalProperties:!1,properties:{rules:{description:"Level per rule (ID or name): error, warning, note or off.",type:"object",propertyNames:{type:"string",enum:["TG001","TG002","TG003","TG004","TG005","TG006","TG007","TG008","TG009","TG010","TG011","TG012","TG013","TG014","TG015","TG016","TG017","TG018","TG019","TG020","TG021","TG022","TG023","TG024","TG025","TG026","TG027","no-account-trail","single-region-trail","log-file-validation-disabled","trail-not-logging","no-cloudwatch-logs","sensitive-bucket-without-data-events","log-bucket-deletable","log-bucket-public","log-bucket-short-retention","no-root-usage-alarm","trail-not-kms-encrypted","insights-disabled","management-events-excluded","global-service-events-excluded","log-bucket-access-logging-disabled","log-bucket-policy-blocks-delivery","no-organization-trail","trail-delivery-failing","monitoring-alarm-missing","trail-kms-key-policy-blocks-cloudtrail","trail-kms-key-rotation-disabled","log-digest-missing","log-digest-signature-invalid","log-file-missing","log-file-modified","log-file-unlisted","log-digest-gap"]},additionalProperties:{enum:["error","warning","note","off"]}},minRetentionDays:{description:"Minimum days logs must be kept (TG007, TG009).",type:"integer",minimum:1,default:365},requireTrail:{description:"IaC: report TG001 when the scanned files define no qualifying trail.",type:"boolean",default:!1},organization:{description:"IaC: report TG017 when the scanned files define no organization trail.",type:"boolean",default:!1},monitoring:{description:"TG019 event classes: 'cis' or a list of class IDs; [] turns TG019 off.",default:["cloudtrail-changes"],oneOf:[{const:"cis"},{type:"array",uniqueItems:!0,items:{enum:["unauthorized-api-calls","console-signin-without-mfa","iam-policy-changes","cloudtrail-changes","console-auth-failures","cmk-disable-or-deletion","s3-bucket-policy-changes","config-changes","security-group-changes","nacl-changes","network-gateway-changes","route-table-changes","vpc-changes","organizations-changes"]}}]},sensitiveBuckets:{description:"Buckets that need S3 data events (TG006).",type:"object",additionalProperties:!1,properties:{tags:{description:"Tag key -> sensitive values (case-insensitive); replaces the default tags.",type:"object",additionalProperties:{type:"array",items:{type:"string"}}},names:{description:"Bucket name globs, added to the tag test.",type:"array",items:{type:"string",minLength:1}}}},ignorePaths:{description:"Globs, relative to this file's folder, of paths not to scan.",type:"array",items:{type:"string",minLength:1},default:[]},suppressions:{type:"array",default:[],items:{type:"object",additionalProperties:!1,required:["rule","resource"],properties:{rule:{type:"string",enum:["TG001","TG002","TG003","TG004","TG005","TG006","TG007","TG008","TG009","TG010","TG011","TG012","TG013","TG014","TG015","TG016","TG017","TG018","TG019","TG020","TG021","TG022","TG023","TG024","TG025","TG026","TG027","no-account-trail","single-region-trail","log-file-validation-disabled","trail-not-logging","no-cloudwatch-logs","sensitive-bucket-without-data-events","log-bucket-deletable","log-bucket-public","log-bucket-short-retention","no-root-usage-alarm","trail-not-kms-encrypted","insights-disabled","management-events-excluded","global-service-events-excluded","log-bucket-access-logging-disabled","log-bucket-policy-blocks-delivery","no-organization-trail","trail-delivery-failing","monitoring-alarm-missing","trail-kms-key-policy-blocks-cloudtrail","trail-kms-key-rotation-disabled","log-digest-missing","log-digest-signature-invalid","log-file-missing","log-file-modified","log-file-unlisted","log-digest-gap"]},resource:{type:"string",minLength:1,description:"Glob over the Terraform address, CloudFormation logical ID or ARN."},reason:{type:"string"},expires:{type:"string",format:"date",description:"Suppresses through this day (UTC)."}}}}}};var WL=[["TG001","no-account-trail","error"],["TG002","single-region-trail","error"],["TG003","log-file-validation-disabled","error"],["TG004","trail-not-logging","error"],["TG005","no-cloudwatch-logs","warning"],["TG006","sensitive-bucket-without-data-events","error"],["TG007","log-bucket-deletable","error"],["TG008","log-bucket-public","error"],["TG009","log-bucket-short-retention","warning"],["TG010","no-root-usage-alarm","warning"],["TG011","trail-not-kms-encrypted","warning"],["TG012","insights-disabled","note"],["TG013","management-events-excluded","warning"],["TG014","global-service-events-excluded","warning"],["TG015","log-bucket-access-logging-disabled","warning"],["TG016","log-bucket-policy-blocks-delivery","error"],["TG017","no-organization-trail","warning"],["TG018","trail-delivery-failing","error"],["TG019","monitoring-alarm-missing","warning"],["TG020","trail-kms-key-policy-blocks-cloudtrail","error"],["TG021","trail-kms-key-rotation-disabled","warning"],["TG022","log-digest-missing","error"],["TG023","log-digest-signature-invalid","error"],["TG024","log-file-missing","error"],["TG025","log-file-modified","error"],["TG026","log-file-unlisted","warning"],["TG027","log-digest-gap","error"]];function Yt(t){let e=t.trim(),n=WL.find(([r,i])=>r===e.toUpperCase()||i===e.toLowerCase());return n?n[0]:null}function Bl(t){if(!t)return null;if(t.kind==="scalar")return t.value;if(t.kind==="seq")return t.items.map(Bl);let e={};for(let n of t.entries)e[n.key]=Bl(n.value);return e}function Ul(t,e){let n=t,r=t?.span[0]??0;for(let i of e){if(!n)return null;if(n.kind==="map"){let o=n.entries.find(s=>s.key===String(i));if(!o)return null;r=o.keySpan[0],n=o.value}else if(n.kind==="seq"){let o=n.items[Number(i)];if(!o)return null;r=o.span[0],n=o}else return null}return n?{node:n,keyStart:r}:null}var Vt=Kn(Nh(),1);var SA={"!Ref":"Ref","!Condition":"Condition","!Sub":"Fn::Sub","!GetAtt":"Fn::GetAtt","!If":"Fn::If","!Equals":"Fn::Equals","!Not":"Fn::Not","!And":"Fn::And","!Or":"Fn::Or","!Join":"Fn::Join","!Select":"Fn::Select","!Split":"Fn::Split","!FindInMap":"Fn::FindInMap","!ImportValue":"Fn::ImportValue","!Base64":"Fn::Base64","!Cidr":"Fn::Cidr","!GetAZs":"Fn::GetAZs","!Transform":"Fn::Transform","!Length":"Fn::Length","!ToJsonString":"Fn::ToJsonString","!ForEach":"Fn::ForEach"},hV=Object.keys(SA).flatMap(t=>[{tag:t,resolve:e=>e},{tag:t,collection:"map"},{tag:t,collection:"seq"}]),gV=/^(tag:yaml\.org,2002:|!!)/,Mn=class extends Error{constructor(n,r){super(n);this.offset=r}offset};function Qi(t,e="1.1"){let n;try{n=(0,Vt.parseDocument)(t,{version:e,uniqueKeys:!1,merge:!1,prettyErrors:!1,customTags:hV})}catch(o){return{ok:!1,error:{message:o instanceof RangeError?"document is nested too deeply":String(o),offset:0}}}let r=n.errors[0];if(r)return{ok:!1,error:{message:yV(r.message),offset:r.pos[0]}};let i=new Lh(t,n);try{return{ok:!0,root:n.contents?i.node(n.contents,0,0):null,warnings:i.warnings}}catch(o){if(o instanceof Mn)return{ok:!1,error:{message:o.message,offset:o.offset}};if(o instanceof RangeError)return{ok:!1,error:{message:"document is nested too deeply",offset:0}};throw o}}function yV(t){return t.split(`
`)[0].replace(/ at line \d+, column \d+:?$/,"")}var Lh=class{constructor(e,n){this.text=e;this.doc=n}text;doc;warnings=[];count=0;node(e,n,r){if(n>Yu)throw new Mn(`nesting deeper than ${Yu} levels`,e.range?.[0]??0);if(++this.count>ny)throw new Mn("document too large after alias expansion",e.range?.[0]??0);if((0,Vt.isAlias)(e)){let d=e.resolve(this.doc);if(!d)throw new Mn(`unknown alias *${e.source}`,e.range?.[0]??0);return this.node(d,n+1,r)}let i=e.range?.[0]??0,o=e.range?.[1]??i,s=this.plainNode(e,n,i,o),a=e.tag;if(!a||gV.test(a))return s;let l=SA[a],c=this.findTag(a,i,r);if(!l)return this.warnings.push({message:`unknown tag ${a}`,offset:c}),s;let u=s;if(l==="Fn::GetAtt"&&s.kind==="scalar"&&typeof s.value=="string"){let d=s.value.indexOf("."),f=d<0?[s.value]:[s.value.slice(0,d),s.value.slice(d+1)];u={kind:"seq",span:s.span,items:f.map(p=>({kind:"scalar",value:p,span:s.span}))}}return{kind:"map",span:[c,o],entries:[{key:l,keySpan:[c,c+a.length],value:u}]}}plainNode(e,n,r,i){if((0,Vt.isMap)(e)){let o=[],s=new Set,a=r;for(let l of e.items){let c=l.key;if(!c||!(0,Vt.isScalar)(c))throw new Mn("only scalar mapping keys are supported",c?.range?.[0]??a);let u=typeof c.value=="string"?c.value:c.source??String(c.value),d=[c.range[0],c.range[1]];if(s.has(u))throw new Mn(`Map keys must be unique: "${u}" appears twice`,d[0]);s.add(u);let f=l.value,p=f?this.node(f,n+1,d[1]):{kind:"scalar",value:null,span:[d[1],d[1]]};o.push({key:u,keySpan:d,value:p}),a=p.span[1]}return{kind:"map",span:[r,i],entries:o}}if((0,Vt.isSeq)(e)){let o=[],s=r;for(let a of e.items){let l=a?this.node(a,n+1,s):{kind:"scalar",value:null,span:[s,s]};o.push(l),s=l.span[1]}return{kind:"seq",span:[r,i],items:o}}if((0,Vt.isScalar)(e)){let o=e.value,s=typeof o=="string"||typeof o=="number"||typeof o=="boolean"||o===null?o:bV(e);return typeof s!="string"&&e.source!==void 0?{kind:"scalar",span:[r,i],value:s,raw:e.source}:{kind:"scalar",span:[r,i],value:s}}throw new Mn("unsupported YAML node",r)}findTag(e,n,r){let i=this.text.lastIndexOf(e,n);return i>=r?i:n}};function bV(t){if(!(0,Vt.isScalar)(t))return"";let e=t.value;return typeof e=="string"?e:e instanceof Date||typeof e=="object"?t.source??String(e):t.source!==void 0&&typeof e!="number"&&typeof e!="boolean"?t.source:String(e)}import AA from"node:path";function Vn(t,e){let n=AA.relative(e,t);return(n===""?".":n).split(AA.sep).join("/")}var Qr=".trailguard.yml";function Uc(t){let e=Zi.resolve(t);for(Dh(e)&&!kV(e).isDirectory()&&(e=Zi.dirname(e));;){let n=Zi.join(e,Qr);if(Dh(n))return n;if(Dh(Zi.join(e,".git")))return null;let r=Zi.dirname(e);if(r===e)return null;e=r}}var Bc=null;function vV(t){if(!Bc){let e=new TA.Ajv({allErrors:!0,strict:!0});(0,CA.default)(e),Bc=e.compile(N_)}return Bc(t)?[]:Bc.errors??[]}function _V(t){let e=t.instancePath.split("/").slice(1).map(r=>r.replace(/~1/g,"/").replace(/~0/g,"~"));if(t.keyword==="additionalProperties"){let r=String(t.params.additionalProperty);return{path:[...e,r],message:"unknown key"}}let n=t.propertyName??(t.keyword==="propertyNames"?String(t.params.propertyName):void 0);return n!==void 0?{path:[...e,n],message:e[0]==="rules"?"unknown rule ID or name":"invalid key"}:t.keyword==="enum"?{path:e,message:`must be one of ${t.params.allowedValues.map(String).slice(0,8).join(", ")}`}:{path:e,message:t.message??"invalid"}}function eo(t,e){let n=Vn(t,e),r;try{r=wV(t,"utf8")}catch(c){throw new Cn(`${n}: cannot read the configuration: ${c.message}`)}let i=new wt(r),o=Qi(r,"1.2");if(!o.ok)throw new Cn(`${n}:${i.position(o.error.offset).line}: invalid YAML: ${o.error.message}`);let s=o.root,a=Bl(s)??{},l=vV(a);if(l.length>0){let c=SV(l),u=_V(c),d=Ul(s,u.path)??Ul(s,u.path.slice(0,-1)),f=d?i.position(d.keyStart).line:1;throw new Cn(`${n}:${f}: ${u.path.join(".")||"(top level)"}: ${u.message}`)}return AV(a,s,n,Zi.dirname(t),i)}function SV(t){let e=t.filter(r=>r.keyword!=="oneOf"&&r.keyword!=="if");return[...e.length?e:t].sort((r,i)=>i.instancePath.length-r.instancePath.length)[0]}function AV(t,e,n,r,i){let o=c=>{let u=Ul(e,c),d=u?.keyStart??0,f=u?.node.span[1]??d;return{file:n,range:i.range(d,f),address:n,path:c}},s=new Map;for(let[c,u]of Object.entries(t.rules??{}))s.set(Yt(c),u);let a=t.monitoring==="cis"?[...jo]:t.monitoring??xa.monitoring,l=(t.suppressions??[]).map((c,u)=>({ruleId:Yt(c.rule),resource:c.resource,reason:c.reason?.trim()?c.reason.trim():null,expires:c.expires??null,loc:o(["suppressions",u])}));return{file:n,dir:r,levels:s,settings:{minRetentionDays:t.minRetentionDays??xa.minRetentionDays,requireTrail:t.requireTrail??!1,organization:t.organization??!1,sensitiveBuckets:{tags:t.sensitiveBuckets?.tags??null,names:t.sensitiveBuckets?.names??[]},monitoring:a},ignorePaths:t.ignorePaths??[],suppressions:l,...t.requireTrail?{requireTrailAt:o(["requireTrail"])}:{},...t.organization?{organizationAt:o(["organization"])}:{}}}function Kc(t){return JSON.parse(JSON.stringify(t))}var to=class{table=new Map;own(e){if(e.length<13)return e;let n=this.table.get(e);return n===void 0&&(n=Kc(e),this.table.set(n,n)),n}detach(e){let n=new Set,r=[e];for(;r.length>0;){let i=r.pop();if(typeof i!="object"||i===null||n.has(i))continue;n.add(i);let o=!Object.isFrozen(i);if(Array.isArray(i)){for(let l=0;l<i.length;l++){let c=i[l];typeof c=="string"?o&&c.length>=13&&(i[l]=this.own(c)):typeof c=="object"&&c!==null&&r.push(c)}continue}let s=Object.getPrototypeOf(i);if(s!==Object.prototype&&s!==null)continue;let a=i;for(let l in a){let c=a[l];typeof c=="string"?o&&c.length>=13&&(a[l]=this.own(c)):typeof c=="object"&&c!==null&&r.push(c)}}}};var TV={next:new Map};function St(t,e=t.length){let n=TV;for(let r=0;r<e;r++){let i=t[r],o=n.next.get(i);o===void 0&&n.next.set(typeof i=="string"?Kc(i):i,o={next:new Map}),n=o}return n.path??=Object.freeze(t.slice(0,e).map(r=>typeof r=="string"?Kc(r):r))}var zc=class{constructor(e,n,r){this.file=e;this.text=n;this.root=r;this.lines=new wt(n),this.parameters=nt(L(r,"Parameters")?.value),this.mappings=nt(L(r,"Mappings")?.value),this.conditions=nt(L(r,"Conditions")?.value);let i=nt(L(r,"Resources")?.value);for(let o of i?.entries??[]){let s=nt(o.value);if(!s)continue;let a=L(s,"Type")?.value,l=a?.kind==="scalar"&&typeof a.value=="string"?a.value:"";this.resources.set(o.key,{logicalId:o.key,keySpan:o.keySpan,node:s,type:l,properties:nt(L(s,"Properties")?.value)})}}file;text;root;lines;resources=new Map;parameters;mappings;conditions;notices=[];loc(e,n,r,i){let o=n;for(;o>e&&/\s/.test(this.text[o-1]);)o--;return{file:this.file,range:this.lines.range(e,o),address:r,path:St(i)}}notice(e,n,r,i){this.notices.push({level:e,id:n,message:r,offset:i})}};function nt(t){return t&&t.kind==="map"?t:null}function Hc(t,e){return e?CV(t,n=>n==="AWSTemplateFormatVersion"||n==="Resources"):/^(?:AWSTemplateFormatVersion|Resources|["']AWSTemplateFormatVersion["']|["']Resources["'])\s*:/m.test(t)}function CV(t,e){let n=0,r=!1;for(let i=0;i<t.length;i++){let o=t[i];if(o==='"'){let s=i+1;for(;s<t.length&&t[s]!=='"';)s+=t[s]==="\\"?2:1;if(n===1&&r&&e(t.slice(i+1,s)))return!0;r=!1,i=s}else o==="{"||o==="["?(n++,r=n===1&&o==="{"):o==="}"||o==="]"?n--:o===","&&n===1&&(r=!0);if(n===0&&i>0&&(o==="}"||o==="]"))break}return!1}function EA(t){return!t||t.kind!=="map"?!1:L(t,"AWSTemplateFormatVersion")?!0:!!nt(L(t,"Resources")?.value)?.entries.some(n=>{let r=nt(n.value)&&L(n.value,"Type")?.value;return!!r&&r.kind==="scalar"&&typeof r.value=="string"&&r.value.startsWith("AWS::")})}function Hs(t){let e=t.toLowerCase();return e.endsWith(".tf")||e.endsWith(".tofu")?"terraform":e.endsWith(".tf.json")||e.endsWith(".tofu.json")?"terraform-json":e.endsWith(".tfvars")?"tfvars":e.endsWith(".tfvars.json")?"tfvars-json":e.endsWith(".json")?"maybe-json":e.endsWith(".yaml")||e.endsWith(".yml")||e.endsWith(".template")?"maybe-yaml":null}function $A(t){let e=Math.min(t.length,8e3);for(let n=0;n<e;n++)if(t[n]===0)return!0;return!1}function xA(t,e,n){let r=e.trimStart();return n==="maybe-yaml"&&t.toLowerCase().endsWith(".template")&&r.startsWith("{")?Hc(e,!0)?"cloudformation-json":null:n==="maybe-json"?/"format_version"\s*:/.test(e.slice(0,4096))&&e.includes('"planned_values"')?"plan":Hc(e,!0)?"cloudformation-json":null:Hc(e,!1)?"cloudformation-yaml":null}var hT=Kn(BA(),1),gT=Kn(Zh(),1);import{existsSync as mT,readFileSync as VF,readdirSync as FF,statSync as eg}from"node:fs";import bt from"node:path";var jF=new Set(["node_modules",".git",".terraform"]);function WF(t){let e=bt.resolve(t);for(mT(e)&&!eg(e).isDirectory()&&(e=bt.dirname(e));;){if(mT(bt.join(e,".git")))return e;let n=bt.dirname(e);if(n===e)return null;e=n}}function tg(t,e){let n=(0,hT.default)(),r=!1;for(let i of e)try{n.add(VF(bt.join(t,i),"utf8")),r=!0}catch{}return r?{dir:t,ig:n}:null}function ru(t,e,n){let r=!1;for(let i of t){let o=bt.relative(i.dir,e).split(bt.sep).join("/");if(!o||o.startsWith(".."))continue;let s=i.ig.test(n?o+"/":o);s.ignored?r=!0:s.unignored&&(r=!1)}return r}function qF(t,e){if(!e)return[];let n=[];for(let o=t;n.unshift(o),!(o===e||bt.dirname(o)===o);o=bt.dirname(o));let r=[],i=tg(e,[]);i&&r.push(i);for(let o of n){let s=tg(o,o===e?[".gitignore",".git/info/exclude"]:[".gitignore"]);s&&r.push(s)}return r}function yT(t,e,n,r){let i=[],o=new Set,s=n.length?(0,gT.default)(n.map(c=>c.replace(/\/$/,"/**")),{dot:!0}):null,a=c=>{if(!s)return!1;let u=bt.relative(r,c).split(bt.sep).join("/");return!u.startsWith("..")&&(s(u)||s(u+"/"))},l=(c,u)=>{o.has(c)||(o.add(c),i.push({abs:c,rel:Vn(c,e),explicit:u}))};for(let c of t){let u=bt.resolve(e,c);if(!eg(u).isDirectory()){a(u)||l(u,!0);continue}let f=WF(u),p=qF(u,f);p.length&&ru(p,u,!0)&&(p=p.filter(m=>!bt.relative(u,m.dir).startsWith("..")));let h=[{dir:u,layers:p,inCdkOut:!1}];for(;h.length;){let{dir:m,layers:g,inCdkOut:b}=h.pop(),y;try{y=FF(m,{withFileTypes:!0})}catch{continue}y.sort((w,k)=>w.name<k.name?-1:w.name>k.name?1:0);for(let w of y){let k=bt.join(m,w.name);if(w.isDirectory()){if(jF.has(w.name)||a(k))continue;let S=b||w.name==="cdk.out";if(b&&w.name.startsWith("asset.")||!S&&ru(g,k,!0))continue;let $=f?tg(k,[".gitignore"]):null;h.push({dir:k,layers:$?[...g,$]:g,inCdkOut:S})}else if(w.isFile()){if(b){w.name.endsWith(".template.json")&&!a(k)&&l(k,!1);continue}if(!Hs(w.name)||a(k)||ru(g,k,!1))continue;l(k,!1)}else if(w.isSymbolicLink()&&Hs(w.name))try{eg(k).isFile()&&!a(k)&&!ru(g,k,!1)&&l(k,!1)}catch{}}}}return i.sort((c,u)=>c.rel<u.rel?-1:c.rel>u.rel?1:0),i}import{existsSync as GF,readFileSync as BF,readdirSync as UF}from"node:fs";import ei from"node:path";var KF=/\.(tf|tofu)(\.json)?$|\.tfvars(\.json)?$/;function iu(t){try{return BF(t,"utf8")}catch{return}}function bT(t,e,n,r){let i=[];for(let s of e){let a=s.indexOf("=");i.push({kind:"var",name:a<0?s:s.slice(0,a),value:a<0?"":s.slice(a+1)})}for(let s of n){let a=iu(ei.resolve(t,s));if(a===void 0)throw new B(`--var-file: cannot read ${s}`);i.push({kind:"var-file",file:{path:s.split(ei.sep).join("/"),text:a}})}let o={};for(let[s,a]of Object.entries(r))s.startsWith("TF_VAR_")&&a!==void 0&&(o[s.slice(7)]=a);return{readFolder(s){let a=ei.resolve(t,s),l;try{l=UF(a)}catch{return}let c=[];for(let u of l.sort()){if(!KF.test(u))continue;let d=iu(ei.join(a,u));d!==void 0&&c.push({path:ei.posix.join(s,u),text:d})}return c},readFile:s=>iu(ei.resolve(t,s)),modulesManifest(s){let a=ei.resolve(t,s,".terraform/modules/modules.json");return GF(a)?iu(a):void 0},cliVariables:i,environment:o}}import{readFileSync as HF}from"node:fs";import ta from"node:path";function zF(t){let e=[],n=/^\s*module\s+"[^"]*"\s*\{/gm;for(let r=n.exec(t);r;r=n.exec(t)){let i=1,o=r.index+r[0].length,s=o;for(;o<t.length&&i>0;o++){let c=t[o];if(c==='"')for(o++;o<t.length&&t[o]!=='"';o++)t[o]==="\\"&&o++;else c==="{"?i++:c==="}"&&i--}let a=t.slice(s,o),l=/(?:^|\n)\s*source\s*=\s*"([^"]+)"/.exec(a);l&&/^\.\.?\//.test(l[1])&&e.push(l[1])}return e}function ou(t,e){return t.endsWith(".json")?[...e.matchAll(/"source"\s*:\s*"(\.\.?\/[^"]+)"/g)].map(n=>n[1]):zF(e)}var YF=/\.(tf|tofu)(\.json)?$/,wT=/\.(tf|tofu)(\.json)?$|\.tfvars(\.json)?$/;function kT(t,e,n){let r=o=>n.some(s=>!ta.relative(s,o).startsWith("..")),i=new Set;for(let o of e)wT.test(o)&&i.add(ta.dirname(o));if(i.size){let o=new Map;for(let a of t){if(!YF.test(a.abs))continue;let l;try{l=HF(a.abs,"utf8")}catch{continue}let c=ta.dirname(a.abs);for(let u of ou(a.abs,l)){let d=ta.resolve(c,u);o.set(d,(o.get(d)??new Set).add(c))}}let s=[...i];for(;s.length;)for(let a of o.get(s.pop())??[])i.has(a)||(i.add(a),s.push(a))}return t.filter(o=>e.has(o.abs)||r(o.abs)||wT.test(o.abs)&&i.has(ta.dirname(o.abs)))}import{createHash as JF}from"node:crypto";function vT(t,e,n){let r=[t,e.arn?"":e.file??"",e.arn??e.address,e.path.join("."),n];return JF("sha256").update(r.join("\0")).digest("hex").slice(0,32)}var au=Kn(Zh(),1);function XF(t,e){return t?t.length<=e.length&&t.every((n,r)=>String(n)===String(e[r])):!0}function QF(t,e,n){return n.has(e.ruleId)?t.alsoAddresses?.includes(e.loc.address)?!0:e.loc.file!==t.file||e.loc.address!==t.address?!1:XF(t.path,e.loc.path):!1}function ZF(t,e){let n=t.split(":"),r=e.split(":");if(n.length<6||r.length<6)return!1;let i=n.slice(0,5),o=r.slice(0,5);for(let l=0;l<5;l++)if(o[l]==="*"){if(i[l]!=="*")return!1}else if(!au.default.isMatch(o[l],i[l],{dot:!0}))return!1;let s=n.slice(5).join(":"),a=r.slice(5).join(":");return au.default.isMatch(a,s,{dot:!0})}function ej(t,e){if(t.ruleId!==e.ruleId)return!1;if(t.resource.startsWith("arn:")){let r=e.arn??e.entityArn;return!!r&&ZF(t.resource,r)}return[e.address,...e.instances??[]].some(r=>au.default.isMatch(r,t.resource,{dot:!0}))}function _T(t,e,n,r){let i=[],o=new Set,s=(c,u)=>{o.has(c)||(o.add(c),i.push(u))},a=new Map;for(let c of e){let u=new Set;for(let d of c.rules){let f=Yt(d);f?u.add(f):s(c,{level:"warning",id:"invalid-suppression",message:`suppression names no rule: '${d}'`,...su(c.loc)})}a.set(c,u)}return{results:t.map(c=>{let u=null;for(let d of e)if(QF(d,c,a.get(d))){if(!d.reason){s(d,{level:"warning",id:"suppression-without-reason",message:`suppression of ${d.rules.join(", ")} has no reason, so it does not suppress; add one after "--"`,...su(d.loc)});continue}u={kind:"inSource",reason:d.reason};break}if(!u){for(let d of n)if(ej(d,c)){if(d.expires!==null&&d.expires<r){s(d,{level:"warning",id:"suppression-expired",message:`suppression of ${d.ruleId} for '${d.resource}' expired on ${d.expires} and no longer suppresses`,...su(d.loc)});continue}if(!d.reason){s(d,{level:"warning",id:"suppression-without-reason",message:`suppression of ${d.ruleId} for '${d.resource}' has no reason, so it does not suppress`,...su(d.loc)});continue}u={kind:"external",reason:d.reason};break}}return u?{...c,suppression:u}:c}),notifications:i}}function su(t){return t.file&&t.range?{file:t.file,line:t.range.startLine,column:t.range.startColumn}:t.file?{file:t.file}:{}}function pr(t,e,n){return n.overrides.get(t)??n.config.levels.get(t)??e}function tj(t,e){return pr(t.rule.meta.id,t.level??t.rule.meta.level,e)}function ao(t,e,n){let r=[],i=new Map;for(let c of t){let u=tj(c,n);if(u==="off"||c.kind==="review"&&!n.strict||n.reportFiles&&!(c.loc.file&&n.reportFiles.has(c.loc.file)))continue;let d=c.entity?.instances&&c.entity.address===c.loc.address?c.entity.instances:null,f=nj(c),p=i.get(f);if(p!==void 0){let h=r[p];d&&(r[p]={...h,instances:[...new Set([...h.instances??[],...d])]});continue}i.set(f,r.length),r.push({ruleId:c.rule.meta.id,ruleName:c.rule.meta.name,messageId:c.messageId,kind:c.kind,level:u,message:c.message,loc:c.loc,related:c.related,address:c.loc.address,instances:d?[...d]:null,arn:c.loc.arn??null,entityArn:c.entity?.arn??null,account:c.entity?.account??null,region:c.entity?.region??null,key:c.key,fingerprint:vT(c.rule.meta.id,c.loc,c.key),fixable:!1,fix:c.fix,suppression:null})}let{results:o,notifications:s}=_T(r,e,n.config.suppressions,n.today),a=0,l=n.baseline?o.filter(c=>n.baseline.has(c.fingerprint)?(a++,!1):!0):o;return l.sort(rj),{results:l,notifications:s,baselined:a}}function nj(t){let e=t.loc.range;return[t.rule.meta.id,t.kind,t.key,t.loc.file??"",t.loc.arn??"",e?`${e.startLine}:${e.startColumn}:${e.endLine}:${e.endColumn}`:""].join("\0")}function rj(t,e){let n=[t.loc.file??"",t.account??"",t.region??"",t.loc.arn??""],r=[e.loc.file??"",e.account??"",e.region??"",e.loc.arn??""];for(let s=0;s<n.length;s++)if(n[s]!==r[s])return n[s]<r[s]?-1:1;let i=t.loc.range,o=e.loc.range;if(i&&o){if(i.startLine!==o.startLine)return i.startLine-o.startLine;if(i.startColumn!==o.startColumn)return i.startColumn-o.startColumn}return t.ruleId!==e.ruleId?t.ruleId<e.ruleId?-1:1:t.key<e.key?-1:t.key>e.key?1:0}function lo(t,e,n){let r={error:0,warning:0,note:0,review:0,suppressed:0,baselined:e,files:n};for(let i of t)i.suppression?r.suppressed++:i.kind==="review"?r.review++:r[i.level]++;return r}var ST={error:3,warning:2,note:1};function co(t,e){return e==="none"?!1:t.some(n=>!n.suppression&&n.kind==="fail"&&ST[n.level]>=ST[e])}var ij=10;function oj(t,e,n){return t.replace(/\{\{\s*(\w+)\s*\}\}/g,(r,i)=>{let o=e?.[i];if(o===void 0)throw new Error(`${n}: message placeholder {{${i}}} has no data`);return Zg(o)})}function sj(t){return Co(t)?t:null}function uo(t,e,n){let r=[],i=[];for(let o of e){let s=(a,l,c,u,d)=>{let f=o.meta.messages[l.messageId];if(f===void 0)throw new Error(`${o.meta.id}: unknown messageId '${l.messageId}'`);let p=[...(l.related??[]).slice(0,ij),...(d?.via??[]).map(m=>({at:m,message:"module call"}))].map(m=>({loc:md(m.at),message:m.message})),h=!l.fix||o.meta.fix!=="safe"||!c?null:"add"in l.fix?Co(c)?{request:l.fix,origin:"default"}:null:Co(c)?null:{request:l.fix,origin:c.origin};return{rule:o,messageId:l.messageId,level:l.level??null,kind:a,message:oj(f,l.data,o.meta.id),loc:u,related:p,entity:d,key:l.key??"",fix:h}};try{o.check({model:t,settings:n,report(a){if("kind"in a.at&&a.at.kind!=="known")throw new Error(`${o.meta.id}: reported an unknown value`);r.push(s("fail",a,a.at,md(a.at),a.entity??sj(a.at)))},review(a,l){r.push(s("review",l,null,a.loc,l.entity??null))}})}catch(a){i.push({level:"error",id:"rule-error",message:`${o.meta.id} ${o.meta.name} failed: ${a instanceof Error?a.message:String(a)}`})}}return{results:r,notifications:i}}import fo from"node:path";var lu=class{constructor(e,n){this.kind=e;this.text=n}kind;text;lineIndex=null;tree=void 0;get lines(){return this.lineIndex??=new wt(this.text)}get root(){if(this.tree===void 0){let e=this.kind==="cloudformation-json"?Ao(this.text):Qi(this.text);this.tree=e.ok?e.root:null}return this.tree}},AT=/^(?:true|false|"(?:true|false)"|'(?:true|false)'|True|False|"True"|"False")$/;function mn(t,e,n){return t.lineStart(e)+n-1}function Ft(t,e){let n=t.lastIndexOf(`
`,e-1)+1;return/^[ \t]*/.exec(t.slice(n))[0]}function ng(t,e,n,r,i){let o=t.indexOf(r,e);if(o<0||o>=n)return null;let s=o+r.length;for(;s<n&&/\s/.test(t[s]);)s++;let a=t.slice(s,n).trim();return AT.test(a)?{start:s,end:s+a.length,text:i}:null}function aj(t,e,n,r,i){let o=n.range,s=mn(e,o.startLine,o.startColumn),a=mn(e,o.endLine,o.endColumn);if(r==="explicit")return ng(t,s,a,"=","true");if(n.path.length!==1||t[a-1]!=="{")return null;let l=Ft(t,s)+"  ",c=/^[ \t]*\}/.test(t.slice(a));return{start:a,end:a,text:`
${l}${i} = true${c?`
`+Ft(t,s):""}`}}function rg(t,e){if(!t||t.kind!=="map")return null;let n=L(t,"Resources")?.value,r=n?.kind==="map"?L(n,e)?.value:void 0;return r?.kind==="map"?r:null}function lj(t,e,n,r){let{text:i,lines:o}=t,s=e.range,a=mn(o,s.startLine,s.startColumn),l=mn(o,s.endLine,s.endColumn);if(n==="explicit")return ng(i,a,l,":","true");if(e.path.length!==1)return null;let c=rg(t.root,e.address);if(!c)return null;let u=L(c,"Properties");if(!u){let m=L(c,"Type");if(!m)return null;let g=i.indexOf(`
`,m.value.span[1]),b=Ft(i,m.keySpan[0]),y=g<0?i.length:g+1;return{start:y,end:y,text:`${g<0?`
`:""}${b}Properties:
${b}  ${r}: true
`}}let d=u.value;if(d.kind!=="map")return null;if(i[d.span[0]]==="{"){let m=d.entries.length===0;return{start:d.span[0]+1,end:d.span[0]+1,text:m?` ${r}: true `:` ${r}: true,`}}let p=d.entries[0];if(!p)return null;let h=i.lastIndexOf(`
`,p.keySpan[0]-1)+1;return{start:h,end:h,text:`${Ft(i,p.keySpan[0])}${r}: true
`}}function cj(t,e,n,r){let{text:i,lines:o}=t,s=e.range,a=mn(o,s.startLine,s.startColumn),l=mn(o,s.endLine,s.endColumn);if(n==="explicit")return ng(i,a,l,":","true");if(e.path.length!==1)return null;let c=rg(t.root,e.address);if(!c)return null;let u=L(c,"Properties")?.value,d=u?.kind==="map"?u:c,f=d===c?`"Properties": { "${r}": true }`:`"${r}": true`,p=d.span[0]+1,h=d.entries[0];return h?i.slice(p,h.keySpan[0]).includes(`
`)?{start:p,end:p,text:`
${Ft(i,h.keySpan[0])}${f},`}:{start:p,end:p,text:` ${f},`}:{start:p,end:p,text:` ${f} `}}function TT(t,e,n){if(!e.file||!e.range)return null;let r=String(e.path[e.path.length-1]??"");return r?t.kind==="terraform"?aj(t.text,t.lines,e,n,r):t.kind==="cloudformation-yaml"?lj(t,e,n,r):t.kind==="cloudformation-json"?cj(t,e,n,r):null:null}function CT(t,e){let n=mn(t.lines,e.startLine,e.startColumn),r=mn(t.lines,e.endLine,e.endColumn),i=t.text.slice(n,r);return!AT.test(i)||/true/i.test(i)?null:{start:n,end:r,text:"true"}}var cu=["BlockPublicAcls","BlockPublicPolicy","IgnorePublicAcls","RestrictPublicBuckets"],uj=["block_public_acls","block_public_policy","ignore_public_acls","restrict_public_buckets"];function uu(t,e){return e.length>t.length&&e.startsWith(t)?e.slice(t.length):"  "}function ET(t,e,n){return!e.file||!e.range?null:t.kind==="terraform"?dj(t,e,n):t.kind==="cloudformation-yaml"?fj(t,e):t.kind==="cloudformation-json"?pj(t,e):null}function dj(t,e,n){let r=/^aws_s3_bucket\.([A-Za-z_][\w-]*)$/.exec(e.address);if(!r||!e.block)return null;let{text:i,lines:o}=t,s=mn(o,e.block.startLine,e.block.startColumn),a=mn(o,e.block.endLine,e.block.endColumn);if(i[a-1]!=="}")return null;let l=i.slice(s,a);if(/^[ \t]*(count|for_each)[ \t]*=/m.test(l))return null;let c=r[1],u=[c,`${c}_public_access_block`].find(S=>!n(S));if(!u)return null;let d=Ft(i,s),f=l.split(`
`)[1],p=f!==void 0&&f.trim()!==""&&f.trim()!=="}"?uu(d,/^[ \t]*/.exec(f)[0]):"  ",h=/^[ \t]*provider[ \t]*=(.*)$/m.exec(l),m=h?/^[ \t]*([A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)?)[ \t]*(?:(?:#|\/\/).*)?$/.exec(h[1])?.[1]:void 0;if(h&&!m)return null;let g=[...m?[["provider",m]]:[],["bucket",`aws_s3_bucket.${c}.id`],...uj.map(S=>[S,"true"])],b=Math.max(...g.map(([S])=>S.length)),y=[`${d}resource "aws_s3_bucket_public_access_block" "${u}" {`,...g.map(([S,$])=>`${d}${p}${S.padEnd(b)} = ${$}`),`${d}}`].join(`
`),w=i.indexOf(`
`,a),k=w<0?i.length:w;return{start:k,end:k,text:`

${y}`}}function fj(t,e){let{text:n}=t,r=t.root,i=r?.kind==="map"?L(r,"Resources"):void 0,o=i?.value.kind==="map"?L(i.value,e.address):void 0,s=o?.value;if(!o||s?.kind!=="map")return null;let a=L(s,"Type");if(a?.value.kind!=="scalar"||a.value.value!=="AWS::S3::Bucket")return null;let l=(m,g)=>cu.map(b=>`${m}${g}${b}: true
`).join(""),c=L(s,"Properties");if(!c){if(n[s.span[0]]==="{")return null;let m=Ft(n,a.keySpan[0]),g=uu(Ft(n,o.keySpan[0]),m),b=n.indexOf(`
`,a.value.span[1]),y=b<0?n.length:b+1;return{start:y,end:y,text:`${b<0?`
`:""}${m}Properties:
${m}${g}PublicAccessBlockConfiguration:
${l(m+g,g)}`}}let u=c.value;if(u.kind!=="map")return null;if(n[u.span[0]]==="{"){let m=`PublicAccessBlockConfiguration: { ${cu.map(b=>`${b}: true`).join(", ")} }`,g=u.span[0]+1;return{start:g,end:g,text:u.entries.length===0?` ${m} `:` ${m},`}}let d=u.entries[0];if(!d)return null;let f=Ft(n,d.keySpan[0]),p=uu(Ft(n,c.keySpan[0]),f),h=n.lastIndexOf(`
`,d.keySpan[0]-1)+1;return{start:h,end:h,text:`${f}PublicAccessBlockConfiguration:
${l(f,p)}`}}function pj(t,e){let{text:n}=t,r=rg(t.root,e.address);if(!r)return null;let i=L(r,"Type")?.value;if(i?.kind!=="scalar"||i.value!=="AWS::S3::Bucket")return null;let o=L(r,"Properties")?.value;if(o&&o.kind!=="map")return null;let s=o??r,a=s.span[0]+1,l=s.entries[0],c=()=>{let m=`"PublicAccessBlockConfiguration": { ${cu.map(g=>`"${g}": true`).join(", ")} }`;return s===r?`"Properties": { ${m} }`:m};if(!l)return{start:a,end:a,text:` ${c()} `};if(!n.slice(a,l.keySpan[0]).includes(`
`))return{start:a,end:a,text:` ${c()},`};let u=Ft(n,l.keySpan[0]),d=uu(Ft(n,s.span[0]),u),f=(m,g)=>`{
${g.map(b=>`${m}${d}${b}`).join(`,
`)}
${m}}`,p=s===r?u+d:u,h=`"PublicAccessBlockConfiguration": ${f(p,cu.map(m=>`"${m}": true`))}`;return s===r&&(h=`"Properties": ${f(u,[h])}`),{start:a,end:a,text:`
${u}${h},`}}var $T=/(^|\/)(\.terraform|cdk\.out)\//,xT=/\.(tf|tofu)(\.json)?$/;function RT(t,e,n){let r=new Map(e.map(d=>[d.rel,d])),i=d=>({refused:`${d.rel} changed on disk during the scan`}),o=new Map,s=d=>{let f=o.get(d.rel);return f||o.set(d.rel,f=new lu(d.kind,d.text)),f},a=new Map,l=[],c=d=>{if(d.kind==="cli")return{refused:`${d.name} is given with --var on the command line`};if(d.kind==="environment")return{refused:`${d.name} is given by the environment variable TF_VAR_${d.name.slice(4)}`};if(d.others.length)return{refused:mj(d.others,n)};let f=Vn(fo.resolve(n,d.file),n);if($T.test(f))return{refused:`${d.name} is written in ${f}:${d.range.startLine}, inside a downloaded module`};let p=r.get(f);if(!p)return{refused:`${d.name} is written in ${f}:${d.range.startLine}, which is not among the scanned files`};if(p.stale)return i(p);if(d.kind==="var-file"){let m=hj(e,d.name.slice(4),d.rootDir);if(m)return{refused:`the --var-file ${f} also sets the variable declared at ${m}`}}let h=CT(s(p),d.range);return h?{file:p,edit:h,description:`Set ${d.name} to true where it is written (${f}:${d.range.startLine})`}:null};return{results:t.map(d=>{if(!d.fix||d.suppression||!d.loc.file)return d;let f=d.fix.request,p=r.get(d.loc.file),h=null;if(!("add"in f)&&f.value===!0&&d.loc.written)h=c(d.loc.written);else{if(!p||$T.test(p.rel))return d;if(p.stale)h=i(p);else if("add"in f){let m=ET(s(p),d.loc,g=>gj(e,fo.posix.dirname(p.rel),g));h=m?{file:p,edit:m,description:"Add a public access block with its four settings on"}:null}else if(f.value===!0){let m=TT(s(p),d.loc,d.fix.origin);h=m?{file:p,edit:m}:null}}return h===null?d:"refused"in h?(l.push({level:"note",id:"fix-unavailable",message:`${d.ruleId}: not fixed: ${h.refused}; change it by hand`,file:d.loc.file,...d.loc.range?{line:d.loc.range.startLine,column:d.loc.range.startColumn}:{}}),d):(a.set(d.fingerprint,{file:h.file.rel,edit:h.edit,before:h.file.text,...h.description?{description:h.description}:{}}),{...d,fixable:!0})}),fixes:a,notifications:l}}function mj(t,e){let n=new Map;for(let r of t)n.set(r.reads,[...n.get(r.reads)??[],r]);return[...n].map(([r,i])=>{let o=i.slice(0,3).map(l=>`${l.what} (${Vn(fo.resolve(e,l.file),e)}:${l.line})`),s=i.length>3?" and more":"",a=o.length>1&&!s?`${o.slice(0,-1).join(", ")} and ${o[o.length-1]}`:o.join(", ")+s;return`${r} also feeds ${a}`}).join("; ")}function IT(t){return fo.posix.dirname(t)}function hj(t,e,n){let r=fo.posix.normalize(n),i=new RegExp(`^[ \\t]*variable[ \\t]+"${OT(e)}"[ \\t]*\\{`,"m");for(let o of t){if(!xT.test(o.rel)||fo.posix.normalize(IT(o.rel))===r)continue;let s=o.kind==="terraform"?i.exec(o.text):o.text.includes('"variable"')&&o.text.includes(`"${e}"`)?{index:o.text.indexOf(`"${e}"`)}:null;if(s)return`${o.rel}:${o.text.slice(0,s.index).split(`
`).length}`}}function gj(t,e,n){let r=new RegExp(`resource\\s+"aws_s3_bucket_public_access_block"\\s+"${OT(n)}"`);return t.some(i=>xT.test(i.rel)&&IT(i.rel)===e&&(r.test(i.text)||i.kind==="terraform-json"&&i.text.includes('"aws_s3_bucket_public_access_block"')&&i.text.includes(`"${n}"`)))}function OT(t){return t.replace(/[.*+?^${}()|[\]\\]/g,"\\$&")}function Fn(){return{trails:[],eventDataStores:[],buckets:[],keys:[],logGroups:[],metricFilters:[],alarms:[],topics:[],directives:[]}}function PT(t){let e=Fn();for(let n of t)for(let r of Object.keys(e))e[r].push(...n[r]);return e}function be(t){if(typeof t=="boolean")return t;if(typeof t=="string"){let e=t.toLowerCase();if(e==="true")return!0;if(e==="false")return!1}return x(t)?t:new v("invalid","expected a boolean")}function qe(t){return typeof t=="string"?t:typeof t=="number"||typeof t=="boolean"?String(t):x(t)?t:new v("invalid","expected a string")}function jt(t){return typeof t=="number"?t:typeof t=="string"&&t.trim()!==""&&Number.isFinite(Number(t))?Number(t):x(t)?t:new v("invalid","expected a number")}function hn(t,e,n){let r=e(t);return r instanceof v?Z(r.reason,n,r.detail):O(r,n,"explicit")}function Je(t,e,n){return O(t,{...e,path:St(n)},"default")}var gn=new v("invalid","AWS::NoValue"),yj={"AWS::AccountId":le("AWS::AccountId"),"AWS::Region":le("AWS::Region"),"AWS::StackName":le("AWS::StackName"),"AWS::StackId":le("AWS::StackId"),"AWS::Partition":"aws","AWS::URLSuffix":"amazonaws.com","AWS::NotificationARNs":new v("unsupported-expression","AWS::NotificationARNs")},ti=le("AWS::AccountId"),po=le("AWS::Region"),fu=class{constructor(e){this.t=e}t;conditionCache=new Map;visiting=new Set;value(e,n=0){if(n>200)return new v("unsupported-expression","nesting too deep");if(e.kind==="scalar")return e.value;if(e.kind==="seq"){let o=[];for(let s of e.items){let a=this.value(s,n+1);a!==gn&&o.push(a)}return o}let r=e.entries.length===1?e.entries[0]:null;if(r&&(r.key==="Ref"||r.key.startsWith("Fn::")))return this.call(r.key,r.value,e,n);let i={};for(let o of e.entries){let s=this.value(o.value,n+1);s!==gn&&(i[o.key]=s)}return i}call(e,n,r,i){switch(e){case"Ref":return n.kind==="scalar"?this.ref(yi(n),r.span[0]):na("Ref");case"Fn::GetAtt":return this.getAtt(n,i);case"Fn::Sub":return this.sub(n,i);case"Fn::Join":return this.join(n,i);case"Fn::Select":return this.select(n,i);case"Fn::Split":return this.split(n,i);case"Fn::If":return this.fnIf(n,i);case"Fn::FindInMap":return this.findInMap(n,i);case"Fn::Base64":{let o=this.value(n,i+1);return typeof o=="string"&&!x(o)?Buffer.from(o,"utf8").toString("base64"):Ct(o,"Fn::Base64")}case"Fn::ToJsonString":{let o=this.value(n,i+1);return ra(o)?new v("unsupported-expression","Fn::ToJsonString"):JSON.stringify(o)}case"Fn::Length":{let o=this.value(n,i+1);return Array.isArray(o)?o.length:Ct(o,"Fn::Length")}case"Fn::Equals":case"Fn::Not":case"Fn::And":case"Fn::Or":return this.condition(r,i);case"Fn::ImportValue":return new v("import-value","Fn::ImportValue");default:return new v("unsupported-expression",e)}}ref(e,n){if(e==="AWS::NoValue")return gn;let r=yj[e];if(r!==void 0)return r;let i=this.t.parameters&&L(this.t.parameters,e);if(i)return this.parameter(e,i.value);let o=this.t.resources.get(e);return o?this.resourceRef(o):(this.t.notice("warning","unresolved-reference",`Ref to '${e}', which is not a parameter or resource of this template`,n),new v("not-found",e))}parameter(e,n){let r=nt(n)&&L(n,"Default");if(!r)return new v("unset-variable",e);let i=this.value(r.value),o=L(n,"Type")?.value,s=o?.kind==="scalar"?String(o.value):"String";return(s.startsWith("List<")||s==="CommaDelimitedList")&&typeof i=="string"?i.split(",").map(a=>a.trim()):i}resourceRef(e){switch(e.type){case"AWS::S3::Bucket":return this.nameOf(e,"BucketName");case"AWS::CloudTrail::Trail":return this.nameOf(e,"TrailName");case"AWS::Logs::LogGroup":return this.nameOf(e,"LogGroupName");case"AWS::KMS::Alias":return this.nameOf(e,"AliasName");case"AWS::SNS::Topic":return`arn:aws:sns:${po}:${ti}:${du(this.nameOf(e,"TopicName"))}`;case"AWS::CloudTrail::EventDataStore":return this.getAttOf(e,"EventDataStoreArn");default:return le(e.logicalId)}}nameOf(e,n){let r=e.properties&&L(e.properties,n);if(!r)return le(e.logicalId);if(this.visiting.has(e.logicalId))return this.t.notice("warning","cyclic-reference",`cyclic reference through resource '${e.logicalId}'`,r.keySpan[0]),new v("cycle",e.logicalId);this.visiting.add(e.logicalId);try{let i=this.value(r.value);return i===gn?le(e.logicalId):i}finally{this.visiting.delete(e.logicalId)}}getAttOf(e,n){let r=o=>du(this.nameOf(e,o)),i=(...o)=>o.find(x)??o.join("");switch(`${e.type}.${n}`){case"AWS::S3::Bucket.Arn":return i("arn:aws:s3:::",r("BucketName"));case"AWS::CloudTrail::Trail.Arn":return i(`arn:aws:cloudtrail:${po}:${ti}:trail/`,r("TrailName"));case"AWS::Logs::LogGroup.Arn":return i(`arn:aws:logs:${po}:${ti}:log-group:`,r("LogGroupName"),":*");case"AWS::KMS::Key.Arn":return`arn:aws:kms:${po}:${ti}:key/${le(e.logicalId)}`;case"AWS::KMS::Key.KeyId":return le(e.logicalId);case"AWS::SNS::Topic.TopicArn":return i(`arn:aws:sns:${po}:${ti}:`,r("TopicName"));case"AWS::SNS::Topic.TopicName":return r("TopicName");case"AWS::IAM::Role.Arn":return i(`arn:aws:iam::${ti}:role/`,r("RoleName"));case"AWS::CloudTrail::EventDataStore.EventDataStoreArn":return`arn:aws:cloudtrail:${po}:${ti}:eventdatastore/${le(e.logicalId)}`;default:return le(`${e.logicalId}.${n}`)}}getAtt(e,n){let r;if(e.kind==="scalar"&&typeof e.value=="string"){let a=e.value.indexOf(".");r=a<0?[e.value]:[e.value.slice(0,a),e.value.slice(a+1)]}else{let a=this.value(e,n+1);if(!Array.isArray(a))return na("Fn::GetAtt");r=[...a]}let[i,o]=r;if(typeof i!="string"||typeof o!="string")return Ct(o??null,"Fn::GetAtt");let s=this.t.resources.get(i);return s?this.getAttOf(s,o):(this.t.notice("warning","unresolved-reference",`Fn::GetAtt names '${i}', which is not a resource of this template`,e.span[0]),new v("not-found",i))}sub(e,n){let r,i={};if(e.kind==="seq"){r=e.items[0]?this.value(e.items[0],n+1):null;let l=e.items[1]?this.value(e.items[1],n+1):{};M(l)&&(i={...l})}else r=this.value(e,n+1);if(typeof r!="string")return Ct(r,"Fn::Sub");let o="",s=0,a=/\$\{([^}]*)\}/g;for(let l=a.exec(r);l;l=a.exec(r)){o+=r.slice(s,l.index),s=l.index+l[0].length;let c=l[1].trim();if(c.startsWith("!")){o+="${"+c.slice(1)+"}";continue}let u;if(c in i)u=i[c];else if(c.includes(".")&&!c.startsWith("AWS::")){let f=c.indexOf("."),p=this.t.resources.get(c.slice(0,f));u=p?this.getAttOf(p,c.slice(f+1)):this.ref(c,e.span[0])}else u=this.ref(c,e.span[0]);let d=du(u);if(x(d))return d;o+=d}return o+r.slice(s)}join(e,n){let r=this.value(e,n+1);if(!Array.isArray(r)||r.length!==2)return Ct(r,"Fn::Join");let[i,o]=r;if(typeof i!="string")return Ct(i??null,"Fn::Join");if(!Array.isArray(o))return Ct(o??null,"Fn::Join");let s=[];for(let a of o){let l=du(a);if(x(l))return l;s.push(l)}return s.join(i)}select(e,n){let r=this.value(e,n+1);if(!Array.isArray(r)||r.length!==2)return Ct(r,"Fn::Select");let[i,o]=r,s=typeof i=="string"?Number(i):i;return typeof s!="number"||!Array.isArray(o)?Ct(Array.isArray(o)?i??null:o??null,"Fn::Select"):o[s]??na("Fn::Select")}split(e,n){let r=this.value(e,n+1);if(!Array.isArray(r)||r.length!==2)return Ct(r,"Fn::Split");let[i,o]=r;return typeof i!="string"||typeof o!="string"?Ct(typeof i=="string"?o??null:i??null,"Fn::Split"):o.split(i)}fnIf(e,n){if(e.kind!=="seq"||e.items.length!==3)return na("Fn::If");let r=e.items[0],i=r.kind==="scalar"?this.namedCondition(yi(r),r.span[0]):new v("invalid","Fn::If");if(i===!0)return this.value(e.items[1],n+1);if(i===!1)return this.value(e.items[2],n+1);let o=this.value(e.items[1],n+1),s=this.value(e.items[2],n+1);return pu(o,s)?o:new v("condition",r.kind==="scalar"?String(r.value):"Fn::If")}findInMap(e,n){let r=this.value(e,n+1);if(!Array.isArray(r)||r.length<3)return Ct(r,"Fn::FindInMap");let[i,o,s,a]=r;if(typeof i!="string"||typeof o!="string"||typeof s!="string")return Ct([i,o,s].find(x)??null,"Fn::FindInMap");let l=this.t.mappings&&nt(L(this.t.mappings,i)?.value),c=l&&nt(L(l,o)?.value),u=c&&L(c,s);return u?this.value(u.value,n+1):M(a)&&"DefaultValue"in a?a.DefaultValue:new v("not-found",`Fn::FindInMap ${i}.${o}.${s}`)}namedCondition(e,n){let r=this.conditionCache.get(e);if(r!==void 0)return r;let i=this.t.conditions&&L(this.t.conditions,e);if(!i)return this.t.notice("warning","unresolved-reference",`condition '${e}' is not defined in Conditions`,n),new v("not-found",e);if(this.visiting.has(`condition:${e}`))return this.t.notice("warning","cyclic-reference",`condition '${e}' refers to itself`,i.keySpan[0]),new v("cycle",e);this.visiting.add(`condition:${e}`);let o=this.condition(i.value,0);this.visiting.delete(`condition:${e}`);let s=typeof o=="boolean"||o instanceof v?o:new v("invalid",e);return this.conditionCache.set(e,s),s}condition(e,n){if(n>100)return new v("unsupported-expression","condition nesting");let r=e.kind==="map"&&e.entries.length===1?e.entries[0]:null;if(!r){let o=this.value(e,n+1);return typeof o=="boolean"?o:o==="true"?!0:o==="false"?!1:new v("invalid","condition")}if(r.key==="Condition"){let o=r.value;return o.kind==="scalar"?this.namedCondition(yi(o),o.span[0]):new v("invalid","Condition")}let i=r.value.kind==="seq"?r.value.items:[];switch(r.key){case"Fn::Equals":{if(i.length!==2)return new v("invalid","Fn::Equals");let o=this.value(i[0],n+1),s=this.value(i[1],n+1);return ra(o)||ra(s)?new v("condition","Fn::Equals"):String(o)===String(s)||pu(o,s)}case"Fn::Not":{let o=i[0]?this.condition(i[0],n+1):new v("invalid","Fn::Not");return typeof o=="boolean"?!o:o}case"Fn::And":case"Fn::Or":{let o=r.key==="Fn::Or",s=null;for(let a of i){let l=this.condition(a,n+1);if(l===o)return o;l instanceof v&&(s=l)}return s??!o}default:{let o=this.value(e,n+1);return typeof o=="boolean"?o:new v("condition",r.key)}}}};function du(t){return typeof t=="string"?t:typeof t=="number"||typeof t=="boolean"?String(t):x(t)?t:new v("invalid","expected a string")}function na(t){return new v("invalid",t)}function Ct(t,e){return x(t)?t:na(e)}function ra(t){return x(t)?!0:Array.isArray(t)?t.some(ra):M(t)?Object.values(t).some(ra):!1}function pu(t,e){if(x(t)||x(e))return!1;if(Array.isArray(t)&&Array.isArray(e))return t.length===e.length&&t.every((n,r)=>pu(n,e[r]));if(M(t)&&M(e)){let n=Object.keys(t);return n.length===Object.keys(e).length&&n.every(r=>r in e&&pu(t[r],e[r]))}return t===e}function bj(t){return t.kind==="map"&&t.entries.length===1&&(t.entries[0].key==="Ref"||t.entries[0].key.startsWith("Fn::"))}var mu=class{constructor(e,n,r){this.t=e;this.ev=n;this.res=r;this.header=e.loc(r.keySpan[0],r.keySpan[1],r.logicalId,[])}t;ev;res;header;get(e){let n=this.res.properties;if(!n)return null;let r=0,i=0,o=0,s=()=>o===0?this.header:this.t.loc(r,i,this.res.logicalId,e.slice(0,o));for(let l=0;l<e.length;l++){let c=e[l];if(bj(n))return this.navigate(this.ev.value(n),e.slice(l),s());if(n.kind==="map"&&typeof c=="string"){let u=n.entries.find(d=>d.key===c);if(!u)return null;r=u.keySpan[0],i=u.value.span[1],n=u.value}else if(n.kind==="seq"&&typeof c=="number"){let u=n.items[c];if(!u)return null;r=u.span[0],i=u.span[1],n=u}else return null;o=l+1}let a=this.ev.value(n);return a===gn?null:{value:a,loc:s()}}navigate(e,n,r){let i=e;for(let o of n){if(i===gn)return null;if(x(i))return{value:i,loc:r};if(typeof o=="number"&&Array.isArray(i))i=i[o]??gn;else if(typeof o=="string"&&M(i))i=o in i?i[o]:gn;else return null}return i===gn?null:{value:i,loc:r}}read(e,n,r){let i=this.get(e);return i?hn(i.value,n,i.loc):r===void 0?Z("not-found",{...this.header,path:St(e)},"absent"):Je(r,this.header,e)}locOf(e){for(let n=e.length;n>0;n--){let r=this.get(e.slice(0,n));if(r)return r.loc}return this.header}};function mr(t){return Array.isArray(t)||x(t)?t:new v("invalid","expected a list")}var mo=t=>t===null?null:qe(t),LT=le("AWS::Region"),DT=le("AWS::AccountId");function MT(t){let e=new fu(t),n=Fn(),r=[];for(let l of t.resources.values()){if(!wj(t,e,l))continue;let c=new mu(t,e,l);r.push(c),n.directives.push(...kj(t,l))}let i=l=>r.filter(c=>c.res.type===l),o=i("AWS::KMS::Alias"),s=i("AWS::S3::BucketPolicy"),a=i("AWS::SNS::Subscription");return n.keys=i("AWS::KMS::Key").map(l=>Lj(l,o)),n.logGroups=i("AWS::Logs::LogGroup").map(Dj),n.buckets=i("AWS::S3::Bucket").map(l=>$j(l,s)),n.metricFilters=i("AWS::Logs::MetricFilter").map(Mj),n.alarms=i("AWS::CloudWatch::Alarm").map(Vj),n.topics=i("AWS::SNS::Topic").map(l=>Fj(l,a)),n.trails=i("AWS::CloudTrail::Trail").map(l=>_j(l,n)),n.eventDataStores=i("AWS::CloudTrail::EventDataStore").map(l=>Cj(l,n)),n}function wj(t,e,n){let r=L(n.node,"Condition")?.value;return!r||r.kind!=="scalar"?!0:e.namedCondition(yi(r),r.span[0])!==!1}function kj(t,e){let n=nt(L(e.node,"Metadata")?.value),r=n&&nt(L(n,"trailguard")?.value),i=r&&L(r,"ignore")?.value;if(!i||i.kind!=="seq")return[];let o=[];for(let s of i.items){let a=nt(s),l=a&&NT(L(a,"id")?.value);if(!a||!l){t.notice("warning","invalid-suppression","trailguard ignore entries need an `id`",s.span[0]);continue}let c=NT(L(a,"reason")?.value);o.push({rules:l.split(",").map(u=>u.trim()),reason:c&&c.trim()?c.trim():null,loc:t.loc(s.span[0],s.span[1],e.logicalId,[]),file:t.file,address:e.logicalId})}return o}function NT(t){return t&&t.kind==="scalar"&&t.value!==null?String(t.value):null}function vj(t,e){return t.kind==="known"&&!ge(t.value)?t.value:e}function ia(t,e){let n=t.get([e]);return n?hn(n.value,qe,n.loc):O(le(t.res.logicalId),{...t.header,path:St([e])},"default")}function hu(t){return t.kind==="known"&&!ge(t.value)?t.value:"*"}function oa(t,e,n){return{address:t.res.logicalId,source:"cloudformation",loc:t.header,label:vj(e,t.res.logicalId),arn:n}}function _j(t,e){let n=ia(t,"TrailName"),r=t.read(["S3BucketName"],qe,void 0),i=t.read(["KMSKeyId"],mo,null),o=t.read(["CloudWatchLogsLogGroupArn"],mo,null),s=t.ev.getAttOf(t.res,"Arn");return{type:"trail",...oa(t,n,`arn:aws:cloudtrail:*:*:trail/${hu(n)}`),name:n,trailArn:hn(s,qe,n.loc),isMultiRegion:t.read(["IsMultiRegionTrail"],be,!1),logFileValidation:t.read(["EnableLogFileValidation"],be,!1),isLogging:t.read(["IsLogging"],be,void 0),includeGlobalServiceEvents:t.read(["IncludeGlobalServiceEvents"],be,!0),isOrganizationTrail:t.read(["IsOrganizationTrail"],be,!1),kmsKeyId:i,kmsKey:gi(i,e.keys),cloudWatchLogsGroupArn:o,cloudWatchLogsRoleArn:t.read(["CloudWatchLogsRoleArn"],mo,null),logGroup:Ta(o,e.logGroups),bucketName:r,bucket:Aa(r,e.buckets),s3KeyPrefix:t.read(["S3KeyPrefix"],mo,null),selectors:Sj(t),insights:Tj(t)}}function Sj(t){let e=t.get(["AdvancedEventSelectors"]);if(e)return VT(t,e.value,e.loc,["AdvancedEventSelectors"]);let n=t.get(["EventSelectors"]);if(!n)return Je({kind:"none"},t.header,["EventSelectors"]);let r=mr(n.value);if(x(r))return Z(r.reason,n.loc,r.detail);if(r.length===0)return O({kind:"none"},n.loc);let i=r.map((o,s)=>{let a=M(o)?o:{},l=a.DataResources,c=Array.isArray(l)?l.map(u=>M(u)?{type:u.Type??null,values:u.Values??null}:{type:u,values:u}):l??[];return{readWriteType:a.ReadWriteType??"All",includeManagementEvents:a.IncludeManagementEvents??!0,excludeManagementEventSources:a.ExcludeManagementEventSources??[],dataResources:c,loc:x(o)?n.loc:t.locOf(["EventSelectors",s])}});return O({kind:"basic",selectors:i},n.loc)}function VT(t,e,n,r){let i=mr(e);if(x(i))return Z(i.reason,n,i.detail);let o=i.map((s,a)=>{let l=M(s)?s:{},c=l.FieldSelectors,u=Array.isArray(c)?c.map(d=>Aj(M(d)?d:{})):c??(x(s)?s:[]);return{name:l.Name??null,fieldSelectors:u,loc:x(s)?n:t.locOf([...r,a])}});return O({kind:"advanced",selectors:o},n)}function Aj(t){return{field:t.Field??null,equals:t.Equals??null,notEquals:t.NotEquals??null,startsWith:t.StartsWith??null,notStartsWith:t.NotStartsWith??null,endsWith:t.EndsWith??null,notEndsWith:t.NotEndsWith??null}}function Tj(t){let e=t.get(["InsightSelectors"]);if(!e)return Je([],t.header,["InsightSelectors"]);let n=mr(e.value);if(x(n))return Z(n.reason,e.loc,n.detail);let r=[];for(let i of n){let o=M(i)?i.InsightType:i;if(x(o))return Z(o.reason,e.loc,o.detail);(o==="ApiCallRateInsight"||o==="ApiErrorRateInsight")&&r.push(o)}return O(r,e.loc)}function Cj(t,e){let n=ia(t,"Name"),r=t.read(["KmsKeyId"],mo,null),i=t.get(["AdvancedEventSelectors"]);return{type:"event-data-store",...oa(t,n,"arn:aws:cloudtrail:*:*:eventdatastore/*"),name:n,isMultiRegion:t.read(["MultiRegionEnabled"],be,!0),isOrganization:t.read(["OrganizationEnabled"],be,!1),ingesting:t.read(["IngestionEnabled"],be,!0),selectors:i?VT(t,i.value,i.loc,["AdvancedEventSelectors"]):Je({kind:"none"},t.header,["AdvancedEventSelectors"]),kmsKeyId:r,kmsKey:gi(r,e.keys)}}function Ej(t){let e=t.get(["Tags"]);if(!e)return Je({},t.header,["Tags"]);let n=mr(e.value);if(x(n))return Z(n.reason,e.loc,n.detail);let r={};for(let i of n){if(!M(i))continue;let o=i.Key;if(typeof o=="string")r[o]=i.Value??null;else if(x(o))return Z(o.reason,e.loc,o.detail)}return O(r,e.loc)}function $j(t,e){let n=ia(t,"BucketName"),r=t.get(["VersioningConfiguration","Status"]);return{type:"bucket",...oa(t,n,`arn:aws:s3:::${hu(n)}`),name:n,tags:Ej(t),versioningEnabled:r?hn(r.value,i=>x(i)?i:i==="Enabled",r.loc):Je(!1,t.header,["VersioningConfiguration"]),mfaDelete:Je(!1,t.header,["VersioningConfiguration","MfaDelete"]),objectLock:xj(t),publicAccessBlock:Ij(t),policy:Nj(t,n,e),acl:t.read(["AccessControl"],mo,null),aclGranteeUris:Je([],t.header,["AccessControl"]),lifecycle:Oj(t),accessLogging:Pj(t)}}function xj(t){let e=t.get(["ObjectLockConfiguration"]),n=t.get(["ObjectLockEnabled"]);if(!e&&!n)return Je(null,t.header,["ObjectLockConfiguration"]);let r=e?t.get(["ObjectLockConfiguration","ObjectLockEnabled"]):null,i=r?r.value:n?be(n.value):!1,o=e?.loc??n.loc;if(x(i))return Z(i.reason,o,i.detail);let s=i===!0||i==="Enabled",a=t.get(["ObjectLockConfiguration","Rule","DefaultRetention"]);if(!s)return O({enabled:!1,mode:null,defaultRetentionDays:null},o);if(!a)return O({enabled:!0,mode:null,defaultRetentionDays:null},o);let l=M(a.value)?a.value:null;if(!l)return Z(x(a.value)?a.value.reason:"invalid",a.loc);let c=l.Days!==void 0?jt(l.Days):l.Years!==void 0?Rj(jt(l.Years)):null,u=l.Mode??null;return x(c)?Z(c.reason,a.loc,c.detail):x(u)?Z(u.reason,a.loc,u.detail):O({enabled:!0,mode:typeof u=="string"?u:null,defaultRetentionDays:c},a.loc)}function Rj(t){return typeof t=="number"?t*365:t}function Ij(t){let e=t.get(["PublicAccessBlockConfiguration"]);if(!e)return Je(null,t.header,["PublicAccessBlockConfiguration"]);if(x(e.value))return Z(e.value.reason,e.loc,e.value.detail);let n=r=>{let i=t.get(["PublicAccessBlockConfiguration",r]);return i?hn(i.value,be,i.loc):O(!1,{...e.loc,path:St(["PublicAccessBlockConfiguration",r])},"default")};return O({blockPublicAcls:n("BlockPublicAcls"),ignorePublicAcls:n("IgnorePublicAcls"),blockPublicPolicy:n("BlockPublicPolicy"),restrictPublicBuckets:n("RestrictPublicBuckets")},e.loc)}function Oj(t){let e=t.get(["LifecycleConfiguration","Rules"]);if(!e)return Je([],t.header,["LifecycleConfiguration"]);let n=mr(e.value);if(x(n))return Z(n.reason,e.loc,n.detail);let r=n.map((i,o)=>{let s=M(i)?i:{},a=s.Status,c=s.TagFilters!==void 0?null:s.Prefix??"",u=s.ExpirationInDays;return{id:s.Id??null,enabled:x(a)?a:a==="Enabled",prefix:c,expirationDays:u===void 0?null:jt(u),loc:t.locOf(["LifecycleConfiguration","Rules",o,"ExpirationInDays"])}});return O(r,e.loc)}function Pj(t){let e=t.get(["LoggingConfiguration"]);return e?O(!0,e.loc):Je(!1,t.header,["LoggingConfiguration"])}function FT(t,e,n){let r=n.value,i=M(r)?r.Statement:void 0,o=Array.isArray(i)?i.length:i===void 0?0:1,s=[];for(let a=0;a<o;a++)s.push(Array.isArray(i)?t.locOf([...e,"Statement",a]):t.locOf([...e,"Statement"]));return{document:r,statementLocs:s}}function Nj(t,e,n){for(let r of n){let i=r.get(["Bucket"]);if(!i||x(i.value)||e.kind!=="known"||i.value!==e.value)continue;let o=r.get(["PolicyDocument"]);return o?O(FT(r,["PolicyDocument"],o),o.loc):Z("not-found",r.header,"PolicyDocument")}return Je(null,t.header,["Policy"])}function Lj(t,e){let n=O(le(t.res.logicalId),t.header,"default"),r=[];for(let o of e){let s=o.get(["TargetKeyId"]),a=o.get(["AliasName"]);if(!s||!a||typeof a.value!="string")continue;let l=typeof s.value=="string"?s.value:null;l&&(l===n.value||l.endsWith(`key/${n.value}`))&&r.push(a.value)}let i=t.get(["KeyPolicy"]);return{type:"key",address:t.res.logicalId,source:"cloudformation",loc:t.header,label:r[0]??t.res.logicalId,arn:"arn:aws:kms:*:*:key/*",keyId:n,aliases:r,rotationEnabled:t.read(["EnableKeyRotation"],be,!1),policy:i?O(FT(t,["KeyPolicy"],i),i.loc):Je(null,t.header,["KeyPolicy"]),keySpec:t.read(["KeySpec"],qe,"SYMMETRIC_DEFAULT"),customerManaged:O(!0,t.header,"default")}}function Dj(t){let e=ia(t,"LogGroupName"),n=e.kind==="known"?O(`arn:aws:logs:${LT}:${DT}:log-group:${e.value}:*`,e.loc,e.origin):e;return{type:"log-group",...oa(t,e,`arn:aws:logs:*:*:log-group:${hu(e)}`),name:e,logGroupArn:n,retentionDays:t.read(["RetentionInDays"],r=>r===null?null:jt(r),null)}}function Mj(t){let e=t.get(["MetricTransformations"]),n;if(!e)n=Z("not-found",t.header,"MetricTransformations");else{let r=mr(e.value);n=x(r)?Z(r.reason,e.loc,r.detail):O(r.map(i=>M(i)?{name:i.MetricName??null,namespace:i.MetricNamespace??null,value:i.MetricValue??null}:{name:i,namespace:i,value:i}),e.loc)}return{type:"metric-filter",address:t.res.logicalId,source:"cloudformation",loc:t.header,label:t.res.logicalId,logGroupName:t.read(["LogGroupName"],qe,void 0),pattern:t.read(["FilterPattern"],qe,void 0),metrics:n}}function Vj(t){let e=t.get(["AlarmActions"]),n;if(!e)n=Je([],t.header,["AlarmActions"]);else{let i=mr(e.value);n=x(i)?Z(i.reason,e.loc,i.detail):O(i,e.loc)}let r=i=>i===null?null:qe(i);return{type:"alarm",address:t.res.logicalId,source:"cloudformation",loc:t.header,label:t.res.logicalId,metricName:t.read(["MetricName"],r,null),namespace:t.read(["Namespace"],r,null),statistic:t.read(["Statistic"],r,null),threshold:t.read(["Threshold"],i=>i===null?null:jt(i),null),comparison:t.read(["ComparisonOperator"],qe,void 0),actionsEnabled:t.read(["ActionsEnabled"],be,!0),alarmActions:n}}function Fj(t,e){let n=ia(t,"TopicName"),r=n.kind==="known"?O(`arn:aws:sns:${LT}:${DT}:${n.value}`,n.loc,n.origin):n,i=t.get(["Subscription"]),o=i&&Array.isArray(i.value)?i.value.length:0;for(let s of e){let a=s.get(["TopicArn"]);a&&r.kind==="known"&&a.value===r.value&&o++}return{type:"topic",...oa(t,n,`arn:aws:sns:*:*:${hu(n)}`),name:n,topicArn:r,subscriptions:O(o,t.header,"default")}}import{posix as Mu}from"node:path";var Zt=class extends v{constructor(n,r,i){super(r,i);this.document=n}document},ni=class extends v{constructor(n,r,i){super(r,i);this.element=n}element},WT=new WeakSet;function jj(t){return WT.add(t),t}function gu(t){return Array.isArray(t)&&WT.has(t)}function yu(t){let e=[];for(let n of t)e.some(r=>sa(r,n))||e.push(n);return e.sort(Wj),jj(e)}function Wj(t,e){return typeof t=="number"&&typeof e=="number"?t-e:typeof t=="string"&&typeof e=="string"?t<e?-1:t>e?1:0:0}function j(t){let e=jn(t);return e===void 0?new v("unsupported-expression"):e.detail===void 0?new v(e.reason):new v(e.reason,e.detail)}function jn(t){if(t instanceof v)return t;if(Array.isArray(t))for(let e of t){let n=jn(e);if(n!==void 0)return n}else if(M(t))for(let e of Object.values(t)){let n=jn(e);if(n!==void 0)return n}}function Te(t){let e={};for(let[n,r]of t)n==="__proto__"?Object.defineProperty(e,n,{value:r,writable:!0,enumerable:!0,configurable:!0}):e[n]=r;return e}function Re(t,e){return Object.hasOwn(t,e)?t[e]:void 0}function Wn(t){return Object.keys(t).sort((e,n)=>e<n?-1:e>n?1:0)}function Ie(t){if(t===null)return"null";if(t instanceof v)return"unknown";if(Array.isArray(t))return"list";switch(typeof t){case"string":return"string";case"number":return"number";case"boolean":return"bool";default:return"object"}}function Ge(t){if(!Number.isFinite(t))return t>0?"+Inf":t<0?"-Inf":"NaN";if(Object.is(t,-0))return"0";let e=String(t);if(!/e/i.test(e))return e;let[n="",r="0"]=e.split(/e/i),i=Number(r),o=n.startsWith("-"),s=n.replace("-","").replace(".",""),a=(n.replace("-","").indexOf(".")+1||n.replace("-","").length+1)-1+i,l;return a<=0?l="0."+"0".repeat(-a)+s:a>=s.length?l=s+"0".repeat(a-s.length):l=s.slice(0,a)+"."+s.slice(a),(o?"-":"")+l}function bn(t){return!Number.isFinite(t)||Number.isInteger(t)?t:Number(t.toPrecision(14))}function sa(t,e){if(t===e)return!0;if(t instanceof v||e instanceof v)return t instanceof v&&e instanceof v&&t.reason===e.reason&&t.detail===e.detail;if(Array.isArray(t)){if(!Array.isArray(e))return!1;let n=t,r=e;return n.length===r.length&&n.every((i,o)=>sa(i,r[o]))}if(M(t)){if(!M(e))return!1;let n=Object.keys(t),r=Object.keys(e);return n.length===r.length&&n.every(i=>Object.hasOwn(e,i)&&sa(t[i],e[i]))}return!1}function yn(t,e){if(t instanceof v)return j(t);if(e instanceof v)return j(e);if(typeof t=="string"&&typeof e=="string")return qj(t,e);if(Array.isArray(t)||Array.isArray(e)){if(!Array.isArray(t)||!Array.isArray(e))return!1;let n=t,r=e;return n.length!==r.length?!1:jT(n.map((i,o)=>yn(i,r[o])))}if(M(t)||M(e)){if(!M(t)||!M(e))return!1;let n=Object.keys(t);return n.length!==Object.keys(e).length||!n.every(r=>Object.hasOwn(e,r))?!1:jT(n.map(r=>yn(t[r],e[r])))}return t===e}function jT(t){let e;for(let n of t){if(n===!1)return!1;n instanceof v&&(e??=n)}return e??!0}function qj(t,e){if(t===e)return!0;if(!ge(t)&&!ge(e))return!1;let n=u=>u.slice(0,u.indexOf("")<0?u.length:u.indexOf("")),r=u=>u.lastIndexOf("")<0?u:u.slice(u.lastIndexOf("")+1),i=n(t),o=n(e),s=Math.min(i.length,o.length);if(i.slice(0,s)!==o.slice(0,s))return!1;let a=r(t),l=r(e),c=Math.min(a.length,l.length);return a.slice(a.length-c)!==l.slice(l.length-c)?!1:new v("known-after-apply","comparison with a value known only by identity")}var ri=t=>t===null?null:qe(t),ig=class{constructor(e){this.res=e;this.header={file:e.file,range:e.header,address:e.address,path:St([]),...e.block?{block:e.block}:{}}}res;header;loc(e,n){return{file:this.res.file,range:e,address:this.res.address,path:St(n)}}at(e,n=this.header){return{...n,path:St(e)}}attrLoc(e,n){let r=this.loc(e.range,n);return e.written?{...r,written:e.written}:r}read(e,n,r,i,o=this.header){let s=String(n[n.length-1]),a=e.attr(s);return a?hn(a.value,r,this.attrLoc(a,n)):i===void 0?Z("not-found",this.at(n,o),"absent"):O(i,this.at(n,o),"default")}top(e,n,r){return this.read(this.res,[e],n,r)}};function Gj(t,e){return t.kind==="known"&&!ge(t.value)?t.value:e}function bu(t){return t.kind==="known"&&!ge(t.value)?t.value:"*"}function ho(t,e){let n=t.res.attr(e);if(n)return hn(n.value,qe,t.attrLoc(n,[e]));let r=t.res.computed(e);return typeof r=="string"?O(r,t.at([e]),"default"):Z("known-after-apply",t.at([e]))}function wu(t,e){let n=t.res.computed(e);return typeof n=="string"?O(n,t.at([e]),"default"):Z(x(n)?n.reason:"known-after-apply",t.at([e]))}function aa(t,e,n){return{address:t.res.address,source:t.res.source,loc:t.header,label:Gj(e,t.res.address),arn:n,...t.res.instances.length?{instances:t.res.instances}:{},...t.res.via.length?{via:t.res.via}:{}}}function Bj(t){if(t instanceof Zt)return t.document;if(x(t))return t;if(typeof t=="string")try{return JSON.parse(t)}catch{return new v("invalid","policy is not valid JSON")}return M(t)?t:new v("invalid","policy")}function GT(t,e){let n=Bj(t.value);if(x(n))return Z(n.reason,e,n.detail);let r=M(n)?n.Statement:void 0,i=Array.isArray(r)?r.length:r===void 0?0:1;return O({document:n,statementLocs:Array.from({length:i},()=>e)},e)}function Uj(t,e){return e.map((n,r)=>({readWriteType:n.attr("read_write_type")?.value??"All",includeManagementEvents:n.attr("include_management_events")?.value??!0,excludeManagementEventSources:n.attr("exclude_management_event_sources")?.value??[],dataResources:n.blocks("data_resource").map(i=>({type:i.attr("type")?.value??null,values:i.attr("values")?.value??null})),loc:t.loc(n.range,["event_selector",r])}))}function BT(t,e){return e.map((n,r)=>({name:n.attr("name")?.value??null,fieldSelectors:n.blocks("field_selector").map(i=>({field:i.attr("field")?.value??null,equals:i.attr("equals")?.value??null,notEquals:i.attr("not_equals")?.value??null,startsWith:i.attr("starts_with")?.value??null,notStartsWith:i.attr("not_starts_with")?.value??null,endsWith:i.attr("ends_with")?.value??null,notEndsWith:i.attr("not_ends_with")?.value??null})),loc:t.loc(n.range,["advanced_event_selector",r])}))}function Kj(t){let e=t.res.blocks("advanced_event_selector");if(e.length)return O({kind:"advanced",selectors:BT(t,e)},t.loc(e[0].range,["advanced_event_selector"]));let n=t.res.blocks("event_selector");return n.length?O({kind:"basic",selectors:Uj(t,n)},t.loc(n[0].range,["event_selector"])):O({kind:"none"},t.at(["event_selector"]),"default")}function zj(t){let e=t.res.blocks("insight_selector");if(!e.length)return O([],t.at(["insight_selector"]),"default");let n=[];for(let r of e){let i=r.attr("insight_type")?.value;if(x(i))return Z(i.reason,t.loc(r.range,["insight_selector"]),i.detail);(i==="ApiCallRateInsight"||i==="ApiErrorRateInsight")&&n.push(i)}return O(n,t.loc(e[0].range,["insight_selector"]))}function Hj(t,e,n){let r=ho(t,"bucket"),i=e.of("aws_s3_bucket_versioning"),o=t.res.blocks("versioning")[0],s,a;if(i){let l=i.res.blocks("versioning_configuration")[0],c=l?i.loc(l.range,["versioning_configuration"]):i.header;s=l?i.read(l,["versioning_configuration","status"],u=>x(u)?u:u==="Enabled",void 0,c):Z("not-found",i.header),a=l?i.read(l,["versioning_configuration","mfa_delete"],u=>x(u)?u:u==="Enabled",!1,c):O(!1,i.header,"default")}else if(o){let l=t.loc(o.range,["versioning"]);s=t.read(o,["versioning","enabled"],be,!1,l),a=t.read(o,["versioning","mfa_delete"],be,!1,l)}else s=O(!1,t.at(["versioning"]),"default"),a=O(!1,t.at(["versioning","mfa_delete"]),"default");return{type:"bucket",...aa(t,r,`arn:aws:s3:::${bu(r)}`),name:r,tags:t.top("tags",l=>x(l)||M(l)?l:{},{}),versioningEnabled:s,mfaDelete:a,objectLock:Jj(t,e.of("aws_s3_bucket_object_lock_configuration")),publicAccessBlock:Xj(e.of("aws_s3_bucket_public_access_block"),t),policy:Qj(t,e.of("aws_s3_bucket_policy")),acl:Zj(t,e.of("aws_s3_bucket_acl")),aclGranteeUris:eW(t,e.of("aws_s3_bucket_acl")),lifecycle:tW(t,e.of("aws_s3_bucket_lifecycle_configuration")),accessLogging:nW(t,e.of("aws_s3_bucket_logging"),n)}}function Yj(t){let e=t.attr("days")?.value,n=t.attr("years")?.value;if(e!==void 0)return jt(e);if(n!==void 0){let r=jt(n);return typeof r=="number"?r*365:r}return null}function Jj(t,e){let n=t.res.attr("object_lock_enabled"),r=t.res.blocks("object_lock_configuration")[0],i=e??(r?t:void 0),o=e?e.res:r;if(!i||!o){if(!n)return O(null,t.at(["object_lock_enabled"]),"default");let f=be(n.value),p=t.attrLoc(n,["object_lock_enabled"]);return x(f)?Z(f.reason,p):O(f?{enabled:!0,mode:null,defaultRetentionDays:null}:null,p)}let s=e?e.header:t.loc(r.range,["object_lock_configuration"]),a=o.attr("object_lock_enabled")?.value??"Enabled";if(x(a))return Z(a.reason,s);if(a!=="Enabled"&&a!==!0)return O({enabled:!1,mode:null,defaultRetentionDays:null},s);let l=o.blocks("rule")[0]?.blocks("default_retention")[0];if(!l)return O({enabled:!0,mode:null,defaultRetentionDays:null},s);let c=Yj(l),u=l.attr("mode")?.value??null,d=i.loc(l.range,["rule","default_retention"]);return x(c)?Z(c.reason,d,c.detail):x(u)?Z(u.reason,d,u.detail):O({enabled:!0,mode:typeof u=="string"?u:null,defaultRetentionDays:c},d)}function UT(t){let e=n=>t.top(n,be,!1);return{blockPublicAcls:e("block_public_acls"),ignorePublicAcls:e("ignore_public_acls"),blockPublicPolicy:e("block_public_policy"),restrictPublicBuckets:e("restrict_public_buckets")}}function Xj(t,e){return t?O(UT(t),t.header):O(null,e.at(["public_access_block"]),"default")}function Qj(t,e){let n=e??t,r=n.res.attr("policy");return r?GT(r,n.attrLoc(r,["policy"])):O(null,t.at(["policy"]),"default")}function Zj(t,e){return e&&e.res.attr("acl")?e.top("acl",ri,null):t.top("acl",ri,null)}function eW(t,e){let n=e?.res.blocks("access_control_policy")[0],r=n?n.blocks("grant"):t.res.blocks("grant"),i=n?e:t,o=[];for(let s of r){let l=s.blocks("grantee")[0]?.attr("uri")?.value??s.attr("uri")?.value;if(x(l))return Z(l.reason,i.loc(s.range,["grant"]));typeof l=="string"&&o.push(l)}return O(o,r[0]?i.loc(r[0].range,["grant"]):t.at(["grant"]),r.length?"explicit":"default")}function qT(t,e,n,r){let i=r?e.attr("status")?.value:e.attr("enabled")?.value,o=e.blocks("filter")[0],s=e.attr("prefix")?.value??"";if(o){let c=o.blocks("and")[0];s=o.blocks("tag").length>0||c&&c.attr("tags")!==void 0?null:o.attr("prefix")?.value??c?.attr("prefix")?.value??"",(o.attr("object_size_greater_than")||o.attr("object_size_less_than"))&&(s=new v("unsupported-expression","size filter"))}let l=e.blocks("expiration")[0]?.attr("days");return{id:e.attr("id")?.value??null,enabled:x(i)?i:r?i==="Enabled":i===!0,prefix:s,expirationDays:l?jt(l.value):null,loc:l?t.attrLoc(l,["rule",n,"expiration","days"]):t.loc(e.range,["rule",n])}}function tW(t,e){if(e){let r=e.res.blocks("rule");return O(r.map((i,o)=>qT(e,i,o,!0)),e.header)}let n=t.res.blocks("lifecycle_rule");return n.length?O(n.map((r,i)=>qT(t,r,i,!1)),t.loc(n[0].range,["lifecycle_rule"])):O([],t.at(["lifecycle_rule"]),"default")}function nW(t,e,n){if(e)return O(!0,e.header);let r=t.res.blocks("logging")[0];return r?O(!0,t.loc(r.range,["logging"])):O(!1,t.at(["logging"]),"default")}function rW(t,e){let n=wu(t,"key_id"),r=t.res.computed("arn"),i=[];for(let s of e){let a=s.res.attr("target_key_id")?.value,l=s.res.attr("name")?.value;typeof l!="string"||typeof a!="string"||(n.kind==="known"&&a===n.value||a===r)&&i.push(l)}let o=t.res.attr("policy");return{type:"key",address:t.res.address,source:t.res.source,loc:t.header,label:i[0]??t.res.address,arn:"arn:aws:kms:*:*:key/*",...t.res.instances.length?{instances:t.res.instances}:{},...t.res.via.length?{via:t.res.via}:{},keyId:n,aliases:i,rotationEnabled:t.top("enable_key_rotation",be,!1),policy:o?GT(o,t.attrLoc(o,["policy"])):O(null,t.at(["policy"]),"default"),keySpec:t.top("customer_master_key_spec",qe,"SYMMETRIC_DEFAULT"),customerManaged:O(!0,t.header,"default")}}function iW(t){let e=ho(t,"name");return{type:"log-group",...aa(t,e,`arn:aws:logs:*:*:log-group:${bu(e)}`),name:e,logGroupArn:wu(t,"arn"),retentionDays:t.top("retention_in_days",n=>n===null?null:jt(n),null)}}function oW(t){let e=t.res.blocks("metric_transformation");return{type:"metric-filter",address:t.res.address,source:t.res.source,loc:t.header,label:t.res.address,...t.res.instances.length?{instances:t.res.instances}:{},logGroupName:t.top("log_group_name",qe,void 0),pattern:t.top("pattern",qe,void 0),metrics:e.length?O(e.map(n=>({name:n.attr("name")?.value??null,namespace:n.attr("namespace")?.value??null,value:n.attr("value")?.value??null})),t.loc(e[0].range,["metric_transformation"])):Z("not-found",t.header,"metric_transformation")}}function sW(t){let e=i=>i===null?null:qe(i),n=t.res.attr("alarm_actions"),r;return n?x(n.value)?r=Z(n.value.reason,t.attrLoc(n,["alarm_actions"])):r=O(Array.isArray(n.value)?n.value:[n.value],t.attrLoc(n,["alarm_actions"])):r=O([],t.at(["alarm_actions"]),"default"),{type:"alarm",address:t.res.address,source:t.res.source,loc:t.header,label:t.res.address,...t.res.instances.length?{instances:t.res.instances}:{},metricName:t.top("metric_name",e,null),namespace:t.top("namespace",e,null),statistic:t.top("statistic",e,null),threshold:t.top("threshold",i=>i===null?null:jt(i),null),comparison:t.top("comparison_operator",qe,void 0),actionsEnabled:t.top("actions_enabled",be,!0),alarmActions:r}}function aW(t,e){let n=ho(t,"name"),r=wu(t,"arn"),i=e.filter(o=>r.kind==="known"&&o.res.attr("topic_arn")?.value===r.value).length;return{type:"topic",...aa(t,n,`arn:aws:sns:*:*:${bu(n)}`),name:n,topicArn:r,subscriptions:O(i,t.header,"default")}}function lW(t,e){let n=ho(t,"name"),r=t.top("s3_bucket_name",qe,void 0),i=t.top("kms_key_id",ri,null),o=t.top("cloud_watch_logs_group_arn",ri,null);return{type:"trail",...aa(t,n,`arn:aws:cloudtrail:*:*:trail/${bu(n)}`),name:n,trailArn:wu(t,"arn"),isMultiRegion:t.top("is_multi_region_trail",be,!1),logFileValidation:t.top("enable_log_file_validation",be,!1),isLogging:t.top("enable_logging",be,!0),includeGlobalServiceEvents:t.top("include_global_service_events",be,!0),isOrganizationTrail:t.top("is_organization_trail",be,!1),kmsKeyId:i,kmsKey:gi(i,e.keys),cloudWatchLogsGroupArn:o,cloudWatchLogsRoleArn:t.top("cloud_watch_logs_role_arn",ri,null),logGroup:Ta(o,e.logGroups),bucketName:r,bucket:Aa(r,e.buckets),s3KeyPrefix:t.top("s3_key_prefix",ri,null),selectors:Kj(t),insights:zj(t)}}function cW(t,e){let n=ho(t,"name"),r=t.top("kms_key_id",ri,null),i=t.res.blocks("advanced_event_selector");return{type:"event-data-store",...aa(t,n,"arn:aws:cloudtrail:*:*:eventdatastore/*"),name:n,isMultiRegion:t.top("multi_region_enabled",be,!0),isOrganization:t.top("organization_enabled",be,!1),ingesting:O(!0,t.header,"default"),selectors:i.length?O({kind:"advanced",selectors:BT(t,i)},t.loc(i[0].range,["advanced_event_selector"])):O({kind:"none"},t.at(["advanced_event_selector"]),"default"),kmsKeyId:r,kmsKey:gi(r,e.keys)}}var uW=["aws_s3_bucket_versioning","aws_s3_bucket_object_lock_configuration","aws_s3_bucket_policy","aws_s3_bucket_public_access_block","aws_s3_bucket_acl","aws_s3_bucket_lifecycle_configuration","aws_s3_bucket_logging","aws_s3_bucket_server_side_encryption_configuration"],dW={aws_s3_bucket_versioning:["versioningEnabled","mfaDelete"],aws_s3_bucket_object_lock_configuration:["objectLock"],aws_s3_bucket_policy:["policy"],aws_s3_bucket_public_access_block:["publicAccessBlock"],aws_s3_bucket_acl:["acl","aclGranteeUris"],aws_s3_bucket_lifecycle_configuration:["lifecycle"],aws_s3_bucket_logging:["accessLogging"]};function fW(t,e,n){let r={};for(let[i,o]of e)if(!n.some(s=>s.res.type===i))for(let s of dW[i]??[]){let a=t[s];a.kind==="known"&&a.origin==="default"&&(r[s]=Z(o.reason,a.loc,`${i} for a bucket that cannot be resolved`))}return{...t,...r}}function ku(t){let e=Fn(),n=t.map(c=>new ig(c)),r=c=>n.filter(u=>u.res.type===c),i=new Map,o=new Map;for(let c of uW)for(let u of r(c)){let d=u.res.attr("bucket")?.value;x(d)&&o.set(c,d),typeof d=="string"&&i.set(d,[...i.get(d)??[],u])}let s=new Map;e.keys=r("aws_kms_key").map(c=>rW(c,r("aws_kms_alias"))),e.logGroups=r("aws_cloudwatch_log_group").map(iW),e.buckets=r("aws_s3_bucket").map(c=>{let u=ho(c,"bucket"),d=u.kind==="known"?i.get(u.value)??[]:[];return s.set(c.res.address,d.map(f=>f.res.address)),fW(Hj(c,{of:f=>d.find(p=>p.res.type===f),all:d},e),o,d)}),e.metricFilters=r("aws_cloudwatch_log_metric_filter").map(oW),e.alarms=r("aws_cloudwatch_metric_alarm").map(sW);let a=r("aws_sns_topic_subscription");e.topics=r("aws_sns_topic").map(c=>aW(c,a)),e.trails=r("aws_cloudtrail").map(c=>lW(c,e)),e.eventDataStores=r("aws_cloudtrail_event_data_store").map(c=>cW(c,e));let l=r("aws_s3_account_public_access_block")[0];return{part:e,accountPublicAccessBlock:l?O(UT(l),l.header):null,splitsOf:s}}function KT(t,e){return{attr(n){let r=t.attributes.get(n);return r?{value:r.value,range:e(r.range),...r.written?{written:r.written}:{}}:void 0},blocks(n){return t.blocks.filter(r=>r.type===n).map(r=>pW(r,e))}}}function pW(t,e){if(t.dynamic?.unknownCount)return zT(t,j(t.dynamic.key),e);let{attr:n,blocks:r}=KT(t.body,e);return{attr:n,blocks:r,range:e(t.range)}}function zT(t,e,n){return{attr:r=>({value:e,range:n(t.body.attributes.get(r)?.range??t.range)}),blocks:r=>t.body.blocks.filter(i=>i.type===r).map(i=>zT(i,e,n)),range:n(t.range)}}function mW(t){return{file:t.file,range:t.headerRange,address:`module.${t.name}`,path:[]}}function HT(t){let e=t.moduleCalls.find(a=>a.downloaded),n=e?()=>e.headerRange:a=>a,r={file:t.file,range:t.headerRange,address:t.configAddress,path:[]},i=t.moduleCalls.filter(a=>a!==e).map(mW);e&&i.push(r);let{attr:o,blocks:s}=KT(t.body,n);return{attr:o,blocks:s,source:"terraform",type:t.type,address:e?`module.${e.name}`:t.configAddress,instances:[t.address],module:t.module,file:e?e.file:t.file,header:e?e.headerRange:t.headerRange,...e?{}:{block:t.range},via:i,computed:a=>t.attributes[a]}}import{posix as ci}from"node:path";var D=class extends Error{constructor(n,r){super(n);this.range=r}range},YT="\0splat",hW=1500;function wn(t,e){let n=t.bindings;for(let[r,i]of e)n={name:r,value:i,next:n};return{...t,bindings:n}}function JT(t,e){for(let n=t.bindings;n!==void 0;n=n.next)if(n.name===e)return n}function qn(t,e,n,r="error"){t.muted||t.diagnostics.push({file:t.file,range:e,message:n,severity:r})}function Be(t,e){try{return me(t,e)}catch(n){if(n instanceof D)return qn(e,n.range,n.message),new v("invalid",n.message);if(n instanceof RangeError)return qn(e,t.range,"expression too complex to evaluate (nesting too deep)"),new v("invalid","nesting too deep");throw n}}function me(t,e){let n=e.depth;if(n!==void 0){if(n.n>=hW)throw new D("expression nested too deeply to evaluate",t.range);n.n++}try{return gW(t,e)}finally{n!==void 0&&n.n--}}function gW(t,e){switch(t.kind){case"literal":return t.value;case"parens":return me(t.expr,e);case"template":return $W(t.parts,t.unwrap,e);case"tuple":return t.items.map(n=>me(n,e));case"object":return yW(t,e);case"variable":case"getattr":case"index":return bW(t,e);case"splat-item":{let n=JT(e,YT);if(n===void 0)throw new D("splat item outside a splat expression",t.range);return n.value}case"splat":return _W(t.source,t.each,e);case"call":return RW(t,e);case"unary":return SW(t.op,me(t.operand,e),t.range);case"binary":return AW(t,e);case"conditional":return CW(t.condition,t.whenTrue,t.whenFalse,e);case"for":return EW(t,e);case"invalid":throw new D(t.message,t.range)}}function yW(t,e){let n=[];for(let r of t.items){let i=me(r.key,e);if(i instanceof v)return j(i);let o=me(r.value,e);n.push([ag(i,r.key.range),o])}return Te(n)}function ag(t,e){if(typeof t=="string")return t;if(typeof t=="number")return Ge(t);if(typeof t=="boolean")return String(t);throw t===null?new D("object key is null",e):new D(`object key must be a string, not a ${Ie(t)}`,e)}function bW(t,e){let n=[],r=t;for(;r.kind==="getattr"||r.kind==="index";)n.push(r),r=r.target;n.reverse();let i=n.map(a=>a.kind==="getattr"?{kind:"attr",name:a.name}:{kind:"index",key:me(a.key,e)}),o,s=0;if(r.kind==="variable"){let a=JT(e,r.name);if(a!==void 0)o=a.value;else{let l=e.refs?.resolve(r.name,i,t.range);if(l===void 0)throw new D(`unknown variable ${JSON.stringify(r.name)}`,r.range);o=l.value,s=l.consumed}}else o=me(r,e);for(let a=s;a<i.length;a++)o=wW(o,i[a],n[a].range);return o}function wW(t,e,n){return e.kind==="attr"?kW(t,e.name,n):vW(t,e.key,n)}var lg=new WeakSet;function XT(t){return lg.add(t),t}function kW(t,e,n){if(t instanceof v)return j(t);if(M(t)){let r=Re(t,e);if(r!==void 0)return r;if(lg.has(t))return new v("known-after-apply",e);throw new D(`this object has no attribute named ${JSON.stringify(e)}`,n)}throw t===null?new D(`cannot read attribute ${JSON.stringify(e)} of a null value`,n):Array.isArray(t)?new D(`cannot read attribute ${JSON.stringify(e)} of a list (did you mean [*].${e}?)`,n):new D(`cannot read attribute ${JSON.stringify(e)} of a ${Ie(t)}`,n)}function vW(t,e,n){if(t instanceof ni)return t.element;if(t instanceof v)return j(t);if(t===null)throw new D("cannot index a null value",n);if(e instanceof v){if(Array.isArray(t)||M(t))return j(e);throw new D(`cannot index a ${Ie(t)}`,n)}if(Array.isArray(t)){if(gu(t))throw new D("elements of a set have no index; convert it with tolist() first",n);let r=typeof e=="number"?e:typeof e=="string"&&/^-?\d+$/.test(e)?Number(e):NaN;if(!Number.isInteger(r))throw new D(`a list index must be a whole number, not ${yo(e)}`,n);let i=t;if(r<0||r>=i.length)throw new D(`index ${r} is out of range for a list of ${i.length}`,n);return i[r]}if(M(t)){let r=typeof e=="string"?e:typeof e=="number"||typeof e=="boolean"?ag(e,n):null;if(r===null)throw new D(`a map key must be a string, not ${Ie(e)}`,n);let i=Re(t,r);if(i!==void 0)return i;if(lg.has(t))return new v("known-after-apply",r);throw new D(`the map has no element with the key ${JSON.stringify(r)}`,n)}throw new D(`cannot index a ${Ie(t)}`,n)}function _W(t,e,n){let r=me(t,n);return r instanceof v?j(r):r===null?[]:(Array.isArray(r)?r:[r]).map(o=>me(e,wn(n,[[YT,o]])))}function og(t,e){if(typeof t=="number")return t;if(typeof t=="string"){if(ge(t))throw new la;let n=ii(t);if(n!==void 0)return n;throw new D(`cannot use ${yo(t)} as a number`,e)}throw t===null?new D("a null value cannot be used as a number",e):new D(`a ${Ie(t)} cannot be used as a number`,e)}function ii(t){return/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(t.trim())?Number(t):void 0}function hr(t,e){if(typeof t=="boolean")return t;if(t==="true"||t==="1")return!0;if(t==="false"||t==="0")return!1;throw t===null?new D("a null value cannot be used as a bool",e):new D(`${yo(t)} cannot be used as a bool`,e)}var la=class extends Error{};function SW(t,e,n){if(e instanceof v)return j(e);if(t==="!")return!hr(e,n);try{return-og(e,n)}catch(r){if(r instanceof la)return QT();throw r}}function QT(){return new v("known-after-apply","arithmetic on a value known only by identity")}function AW(t,e){let{op:n,range:r}=t;if(n==="&&"||n==="||")return TW(t,e);let i=me(t.left,e),o=me(t.right,e);if(n==="=="||n==="!="){let l=yn(i,o);return l instanceof v||n==="=="?l:!l}if(i instanceof v)return j(i);if(o instanceof v)return j(o);let s,a;try{s=og(i,t.left.range),a=og(o,t.right.range)}catch(l){if(l instanceof la)return QT();throw l}switch(n){case"+":return bn(s+a);case"-":return bn(s-a);case"*":return bn(s*a);case"/":if(a===0)throw new D("division by zero",r);return bn(s/a);case"%":if(a===0)throw new D("modulo by zero",r);return bn(s%a);case"<":return s<a;case"<=":return s<=a;case">":return s>a;case">=":return s>=a}}function TW(t,e){let n=t.op==="||",r=me(t.left,e);if(r!==null&&!(r instanceof v)&&hr(r,t.left.range)===n)return n;let i=me(t.right,e);return i!==null&&!(i instanceof v)&&hr(i,t.right.range)===n?n:r instanceof v?j(r):i instanceof v?j(i):(hr(r,t.left.range),hr(i,t.right.range),!n)}function CW(t,e,n,r){let i=me(t,r);if(i instanceof v){let a=go(e,r),l=go(n,r);return a.ok&&l.ok&&sa(a.value,l.value)?a.value:j(i)}if(i===null)throw new D("the condition is null",t.range);let o=hr(i,t.range),s=me(o?e:n,r);if(typeof s=="number"||typeof s=="boolean"){let a=go(o?n:e,r);if(a.ok&&typeof a.value=="string")return typeof s=="number"?Ge(s):String(s)}return s}function go(t,e){try{return{ok:!0,value:me(t,{...e,muted:!0})}}catch(n){if(n instanceof D)return{ok:!1,error:n};throw n}}function _u(t,e){if(t===null)throw new D("cannot iterate over a null value",e);if(Array.isArray(t)){let n=t;return gu(t)?n.map(r=>[r,r]):n.map((r,i)=>[i,r])}if(M(t))return Wn(t).map(n=>[n,t[n]]);throw new D(`cannot iterate over a ${Ie(t)}`,e)}function EW(t,e){let n=me(t.collection,e);if(n instanceof v)return j(n);let r=_u(n,t.collection.range),i=t.keyExpr!==void 0,o=[],s=new Map,a=new Map;for(let[l,c]of r){let u=[[t.valueVar,c]];t.keyVar!==void 0&&u.push([t.keyVar,l]);let d=wn(e,u);if(t.condition!==void 0){let m=me(t.condition,d);if(m instanceof v)return j(m);if(m===null)throw new D("the for expression's condition is null",t.condition.range);if(!hr(m,t.condition.range))continue}if(!i){o.push(me(t.valueExpr,d));continue}let f=me(t.keyExpr,d);if(f instanceof v)return j(f);let p=ag(f,t.keyExpr.range),h=me(t.valueExpr,d);if(t.grouping){let m=a.get(p);m===void 0?a.set(p,[h]):m.push(h)}else{if(s.has(p))throw new D(`duplicate key ${JSON.stringify(p)} in a for expression (add ... to group values)`,t.keyExpr.range);s.set(p,h)}}return i?Te(t.grouping?a:s):o}function $W(t,e,n){let r=t[0];return e&&t.length===1&&r?.kind==="interpolation"?me(r.expr,n):sg(t,n)}function sg(t,e){let n="",r;for(let i of t){let o;switch(i.kind){case"literal":o=i.value;break;case"interpolation":o=xW(me(i.expr,e),i.range);break;case"if":{let s=me(i.condition,e);if(s instanceof v)o=j(s);else{if(s===null)throw new D("the template condition is null",i.condition.range);o=sg(hr(s,i.condition.range)?i.then:i.else,e)}break}case"for":{let s=me(i.collection,e);if(s instanceof v)o=j(s);else{o="";for(let[a,l]of _u(s,i.collection.range)){let c=[[i.valueVar,l]];i.keyVar!==void 0&&c.push([i.keyVar,a]);let u=sg(i.body,wn(e,c));if(u instanceof v){o=u;break}o+=u}}break}}o instanceof v?r??=o:n+=o}return r??n}function xW(t,e){if(t instanceof v)return j(t);if(typeof t=="string")return t;if(typeof t=="number")return Ge(t);if(typeof t=="boolean")return String(t);throw t===null?new D("a template interpolation value is null",e):new D(`cannot include a ${Ie(t)} in a string template`,e)}function RW(t,e){let n=t.name.startsWith("core::")?t.name.slice(6):t.name;if(n==="try")return IW(t.args,e,t.range);if(n==="can")return OW(t.args,e,t.range);let r=e.functions.get(n);if(r===void 0)return qn(e,t.nameRange,`function ${t.name} is not supported; its result is unknown`,"warning"),new v("unsupported-expression",t.name);let i=t.args.map(o=>me(o,e));if(t.expandFinal){let o=i[i.length-1];if(o instanceof v)return j(o);if(!Array.isArray(o))throw new D("the argument before ... must be a list",t.args[i.length-1].range);i=[...i.slice(0,-1),...o]}if(i.length<r.min||i.length>r.max){let o=r.min===r.max?`${r.min}`:r.max===1/0?`at least ${r.min}`:`${r.min} to ${r.max}`;throw new D(`${t.name} takes ${o} argument${o==="1"?"":"s"}, not ${i.length}`,t.range)}if(!r.partial)for(let o of i){let s=vu(o);if(s!==void 0)return s}return r.impl(i,{name:t.name,range:t.range,ctx:e})}function vu(t){if(t instanceof v)return j(t);if(Array.isArray(t))for(let e of t){let n=vu(e);if(n!==void 0)return n}else if(M(t))for(let e in t){let n=vu(t[e]);if(n!==void 0)return n}}function IW(t,e,n){if(t.length===0)throw new D("try needs at least one argument",n);let r;for(let i of t){let o=ZT(i,e);if(o!==void 0)return o;let s=go(i,e);if(s.ok)return s.value;r=s.error}throw new D(`no argument of try could be evaluated: ${r?.message??""}`,n)}function OW(t,e,n){if(t.length!==1)throw new D("can takes 1 argument",n);let r=ZT(t[0],e);return r!==void 0?r:go(t[0],e).ok}function ZT(t,e){for(let n of PW(t,new Set)){let r=go(n,e);if(!r.ok)continue;let i=vu(r.value);if(i!==void 0)return i}}function PW(t,e){let n=[],r=(o,s)=>{switch(o.kind){case"variable":case"getattr":case"index":{let a=o,l=[];for(;a.kind==="getattr"||a.kind==="index";)l.push(a),a=a.target;if(a.kind!=="variable"){r(a,s);for(let u of l)u.kind==="index"&&r(u.key,s);return}if(s.has(a.name)){for(let u of l)u.kind==="index"&&r(u.key,s);return}let c=a;for(let u=l.length-1;u>=0;u--){let d=l[u];if(d.kind==="index"&&(r(d.key,s),d.key.kind!=="literal"))break;c=d}n.push(c);return}case"for":{r(o.collection,s);let a=new Set(s);a.add(o.valueVar),o.keyVar!==void 0&&a.add(o.keyVar),o.keyExpr!==void 0&&r(o.keyExpr,a),r(o.valueExpr,a),o.condition!==void 0&&r(o.condition,a);return}case"template":for(let a of o.parts)i(a,s);return;default:for(let a of Su(o))r(a,s)}},i=(o,s)=>{if(o.kind==="interpolation")r(o.expr,s);else if(o.kind==="if"){r(o.condition,s);for(let a of[...o.then,...o.else])i(a,s)}else if(o.kind==="for"){r(o.collection,s);let a=new Set(s);a.add(o.valueVar),o.keyVar!==void 0&&a.add(o.keyVar);for(let l of o.body)i(l,a)}};return r(t,e),n}function Su(t){switch(t.kind){case"tuple":return t.items;case"object":return t.items.flatMap(e=>[e.key,e.value]);case"getattr":return[t.target];case"index":return[t.target,t.key];case"splat":return[t.source,t.each];case"call":return t.args;case"unary":return[t.operand];case"binary":return[t.left,t.right];case"conditional":return[t.condition,t.whenTrue,t.whenFalse];case"parens":return[t.expr];case"for":return t.condition===void 0?[t.collection,t.valueExpr]:[t.collection,t.valueExpr,t.condition];default:return[]}}function yo(t){return t instanceof v?"(unknown)":typeof t=="string"?JSON.stringify(t):typeof t=="number"?Ge(t):t===null||typeof t=="boolean"?String(t):Array.isArray(t)?"a list":"an object"}function ug(t,e){if(!t.json)return t;let n=[],r=[...t.blocks];for(let i of t.attributes){let o=i.expr;if(i.name==="dynamic"&&o.kind==="object"){for(let a of o.items){let l=nC(a.key);if(l!==void 0)for(let c of eC(a.value))r.push(tC("dynamic",[l],[a.key.range],a.key.range,c,a.value))}continue}let s=e(i.name)?eC(o):[];if(s.length>0){for(let a of s)r.push(tC(i.name,[],[],i.nameRange,a,o));continue}n.push(i)}return{attributes:n,blocks:r,range:t.range,json:!0}}function eC(t){return t.kind==="object"?[t]:t.kind==="tuple"&&t.items.length>0&&t.items.every(e=>e.kind==="object")?t.items:[]}function nC(t){return t.kind==="literal"&&typeof t.value=="string"?t.value:void 0}function tC(t,e,n,r,i,o){let s=[];for(let u of i.items){let d=nC(u.key);d===void 0||d==="//"||s.push({name:d,nameRange:u.key.range,expr:u.value,range:cg(u.key.range,u.value.range)})}let l=o===i?r:i.range,c={...i.range,endLine:i.range.startLine,endColumn:i.range.startColumn+1};return{type:t,typeRange:r,labels:e,labelRanges:n,body:{attributes:s,blocks:[],range:i.range,json:!0},range:cg(l,i.range),headerRange:cg(l,c)}}function cg(t,e){return{startLine:t.startLine,startColumn:t.startColumn,endLine:e.endLine,endColumn:e.endColumn}}var NW=new Set(["dynamic","content","lifecycle","provisioner","connection","timeouts","precondition","postcondition","event_selector","data_resource","advanced_event_selector","field_selector","insight_selector","versioning","versioning_configuration","logging","lifecycle_rule","rule","filter","and","tag","expiration","noncurrent_version_expiration","transition","noncurrent_version_transition","abort_incomplete_multipart_upload","server_side_encryption_configuration","apply_server_side_encryption_by_default","object_lock_configuration","default_retention","grant","grantee","owner","access_control_policy","target_grant","target_object_key_format","partitioned_prefix","simple_prefix","cors_rule","website","replication_configuration","destination","statement","principals","not_principals","condition","metric_transformation","metric_query","metric","inline_policy"]);function dg(t){return NW.has(t)}var rC=new Set(["count","for_each","depends_on","provider"]),iC=new Set(["lifecycle","provisioner","connection"]),oC=new Set(["source","version","count","for_each","providers","depends_on"]);function Au(t,e,n={}){let r=ug(t,dg),i=new Map;for(let s of r.attributes){if(n.skipAttributes?.has(s.name))continue;let a=Be(s.expr,e);if(a===null)continue;let l=typeof a=="boolean"||a==="true"||a==="false"?e.refs?.written?.(s.expr,e.file):void 0;i.set(s.name,{name:s.name,value:a,range:s.range,nameRange:s.nameRange,valueRange:s.expr.range,...l?{written:l}:{}})}let o=[];for(let s of r.blocks)n.skipBlocks?.has(s.type)||(s.type==="dynamic"?o.push(...LW(s,e)):o.push({type:s.type,labels:s.labels,range:s.range,headerRange:s.headerRange,body:Au(s.body,e)}));return{attributes:i,blocks:o,range:r.range}}function LW(t,e){let n=t.labels[0],r=ug(t.body,f=>f==="content"||dg(f)),i=r.blocks.find(f=>f.type==="content");if(n===void 0||i===void 0)return qn(e,t.headerRange,"a dynamic block needs a label and a content block"),[];let o=r.attributes.find(f=>f.name==="for_each");if(o===void 0)return qn(e,t.headerRange,"a dynamic block needs for_each"),[];let s=r.attributes.find(f=>f.name==="iterator"),a=DW(s?.expr)??n,l=r.attributes.find(f=>f.name==="labels"),c=(f,p,h)=>{let m=wn(e,[[a,Te([["key",f],["value",p]])]]),g=l===void 0?[]:MW(Be(l.expr,m));return{type:n,labels:g,range:t.range,headerRange:t.headerRange,body:Au(i.body,m),dynamic:{key:f,unknownCount:h}}},u=Be(o.expr,e);if(u instanceof v){let f=j(u);return[c(f,f,!0)]}if(u===null)return[];let d;try{d=_u(u,o.expr.range)}catch{return qn(e,o.expr.range,"the for_each of a dynamic block must be a collection"),[]}return d.map(([f,p])=>c(f,p,!1))}function DW(t){if(t===void 0)return;if(t.kind==="variable")return t.name;if(t.kind==="literal"&&typeof t.value=="string")return t.value;let e=t.kind==="template"&&t.parts.length===1?t.parts[0]:void 0;if(e?.kind==="literal")return e.value}function MW(t){return Array.isArray(t)?t.map(e=>typeof e=="string"?e:""):[]}function fg(t){let e=[];for(let[r,i]of t.attributes)e.push([r,i.value]);let n=new Map;for(let r of t.blocks){let i=n.get(r.type)??[];i.push(r.dynamic?.unknownCount?j(r.dynamic.key):fg(r.body)),n.set(r.type,i)}for(let[r,i]of n)t.attributes.has(r)||e.push([r,i]);return Te(e)}var bo=class extends Error{};function z(t,e){throw new D(`${t.name}: ${e}`,t.range)}function q(t,e){return typeof t=="string"?t:typeof t=="number"?Ge(t):typeof t=="boolean"?String(t):(t===null&&z(e,"argument must not be null"),z(e,`a string is required, not a ${Ie(t)}`))}function Me(t,e){let n=q(t,e);if(ge(n))throw new bo;return n}function rt(t,e){if(typeof t=="number")return t;if(typeof t=="string"){if(ge(t))throw new bo;let n=ii(t);if(n!==void 0)return n}return z(e,`a number is required, not ${yo(t)}`)}function Gn(t,e){let n=rt(t,e);return Number.isInteger(n)||z(e,`a whole number is required, not ${Ge(n)}`),n}function Tu(t,e){return typeof t=="boolean"?t:t==="true"||t==="1"?!0:t==="false"||t==="0"?!1:z(e,`a bool is required, not ${yo(t)}`)}function ke(t,e){return Array.isArray(t)?t:(t===null&&z(e,"argument must not be null"),z(e,`a list is required, not a ${Ie(t)}`))}function gr(t,e){return M(t)?t:(t===null&&z(e,"argument must not be null"),z(e,`a map or object is required, not a ${Ie(t)}`))}function Cu(t){for(let e of t)if(e instanceof v)return new v(e.reason,e.detail)}var VW=new Intl.Segmenter(void 0,{granularity:"grapheme"});function yr(t){return/^[\x00-\x7f]*$/.test(t)?t.split(""):Array.from(VW.segment(t),e=>e.segment)}function ca(t){let e=[],n=/\uE000[^\uE001]*\uE001/g,r=0;for(let i of t.matchAll(n))i.index>r&&e.push({text:t.slice(r,i.index),token:!1}),e.push({text:i[0],token:!0}),r=i.index+i[0].length;return r<t.length&&e.push({text:t.slice(r),token:!1}),e}var Q=(t,e,n,r=!1)=>({min:t,max:e,impl:n,partial:r}),at=t=>(e,n)=>Cu(e)??t(e,n),sC={length:Q(1,1,at(([t],e)=>typeof t=="string"?FW(Me(t,e)):Array.isArray(t)?t.length:M(t)?Object.keys(t).length:z(e,`cannot take the length of ${t===null?"null":Ie(t)}`)),!0),concat:Q(0,1/0,at((t,e)=>t.flatMap(n=>ke(n,e))),!0),merge:Q(0,1/0,at((t,e)=>{let n=new Map;for(let r of t){if(r===null)continue;let i=gr(r,e);for(let o of Object.keys(i))n.set(o,i[o])}return Te(n)}),!0),lookup:Q(2,3,at(([t,e,n],r)=>{let i=Re(gr(t,r),q(e,r));return i!==void 0?i:n!==void 0?n:z(r,`the map has no key ${JSON.stringify(q(e,r))}`)}),!0),element:Q(2,2,at(([t,e],n)=>{let r=ke(t,n);r.length===0&&z(n,"cannot use element on an empty list");let i=Gn(e,n);return i<0&&z(n,"the index must not be negative"),r[i%r.length]}),!0),index:Q(2,2,([t,e],n)=>{let r=ke(t,n).findIndex(i=>yn(i,e)===!0);return r<0&&z(n,"the item was not found in the list"),r}),keys:Q(1,1,at(([t],e)=>Wn(gr(t,e))),!0),values:Q(1,1,at(([t],e)=>{let n=gr(t,e);return Wn(n).map(r=>n[r])}),!0),contains:Q(2,2,at(([t,e],n)=>{let r;for(let i of ke(t,n)){let o=yn(i,e);if(o===!0)return!0;o instanceof v&&(r??=o)}return r??!1}),!0),compact:Q(1,1,([t],e)=>ke(t,e).filter(n=>n!==null&&n!=="").map(n=>q(n,e))),distinct:Q(1,1,([t],e)=>{let n=[];for(let r of ke(t,e))n.some(i=>yn(r,i)===!0)||n.push(r);return n}),flatten:Q(1,1,([t],e)=>aC(ke(t,e))),coalesce:Q(1,1/0,(t,e)=>{for(let n of t){if(n instanceof v)return j(n);if(!(n===null||n===""))return typeof n!="string"&&t.some(r=>typeof r=="string")?q(n,e):n}return z(e,"no non-null, non-empty argument")},!0),coalescelist:Q(1,1/0,(t,e)=>{for(let n of t){if(n instanceof v)return j(n);if(ke(n,e).length>0)return n}return z(e,"no non-empty list argument")},!0),tolist:Q(1,1,at(([t],e)=>t===null?null:[...ke(t,e)]),!0),toset:Q(1,1,at(([t],e)=>t===null?null:Eu(ke(t,e),e)),!0),tomap:Q(1,1,at(([t],e)=>t===null?null:gr(t,e)),!0),setunion:Q(1,1/0,(t,e)=>Eu(t.flatMap(n=>ke(n,e)),e)),setintersection:Q(1,1/0,(t,e)=>{let[n=[],...r]=t.map(i=>ke(i,e));return Eu(n.filter(i=>r.every(o=>o.some(s=>yn(i,s)===!0))),e)}),setsubtract:Q(2,2,([t,e],n)=>Eu(ke(t,n).filter(r=>!ke(e,n).some(i=>yn(r,i)===!0)),n)),zipmap:Q(2,2,at(([t,e],n)=>{let r=ke(t,n),i=ke(e,n);r.length!==i.length&&z(n,"the lists of keys and values must have the same length");let o=r.find(s=>s instanceof v);return o!==void 0?j(o):Te(r.map((s,a)=>[q(s,n),i[a]]))}),!0),slice:Q(3,3,at(([t,e,n],r)=>{let i=ke(t,r),o=Gn(e,r),s=Gn(n,r);return(o<0||s>i.length||o>s)&&z(r,`invalid range [${o}, ${s}) for a list of ${i.length}`),i.slice(o,s)}),!0),reverse:Q(1,1,at(([t],e)=>[...ke(t,e)].reverse()),!0),sort:Q(1,1,([t],e)=>ke(t,e).map(n=>q(n,e)).sort((n,r)=>n<r?-1:n>r?1:0)),one:Q(1,1,at(([t],e)=>{if(t===null)return null;let n=ke(t,e);return n.length>1&&z(e,`must have no more than one element, not ${n.length}`),n[0]??null}),!0),alltrue:Q(1,1,([t],e)=>ke(t,e).every(n=>Tu(n,e))),anytrue:Q(1,1,([t],e)=>ke(t,e).some(n=>Tu(n,e))),sum:Q(1,1,([t],e)=>{let n=ke(t,e);return n.length===0&&z(e,"cannot sum an empty list"),bn(n.reduce((r,i)=>r+rt(i,e),0))}),range:Q(1,3,(t,e)=>jW(t.map(n=>rt(n,e)),e)),min:Q(1,1/0,(t,e)=>Math.min(...t.map(n=>rt(n,e)))),max:Q(1,1/0,(t,e)=>Math.max(...t.map(n=>rt(n,e)))),abs:Q(1,1,([t],e)=>Math.abs(rt(t,e))),ceil:Q(1,1,([t],e)=>Math.ceil(rt(t,e))),floor:Q(1,1,([t],e)=>Math.floor(rt(t,e))),signum:Q(1,1,([t],e)=>Math.sign(rt(t,e))),pow:Q(2,2,([t,e],n)=>bn(rt(t,n)**rt(e,n))),parseint:Q(2,2,([t,e],n)=>{let r=Gn(e,n),i=Me(t,n),o=parseInt(i,r);return(Number.isNaN(o)||!new RegExp("^[-+]?[0-9a-z]+$","i").test(i))&&z(n,`cannot parse ${JSON.stringify(i)} in base ${r}`),o}),tonumber:Q(1,1,([t],e)=>t===null?null:rt(t,e)),tobool:Q(1,1,([t],e)=>t===null?null:Tu(t,e))};function FW(t){if(/^[\x00-\x7f]*$/.test(t))return t.length;let e=0;for(let n of new Intl.Segmenter(void 0,{granularity:"grapheme"}).segment(t))e++;return e}function aC(t){let e=[];for(let n of t)Array.isArray(n)?e.push(...aC(n)):e.push(n);return e}function Eu(t,e){if(t.find(o=>jn(o)!==void 0)!==void 0)return t;let i=t.some(o=>typeof o=="string")?t.map(o=>o===null||typeof o=="object"?o:q(o,e)):t;return yu(i)}function jW(t,e){let[n=0,r,i]=t,o=t.length===1?0:n,s=t.length===1?n:r,a=i??(o<=s?1:-1);a===0&&z(e,"step must not be zero"),(a>0&&o>s||a<0&&o<s)&&z(e,"step goes the wrong way");let l=[];for(let c=o;a>0?c<s:c>s;c=bn(c+a))l.push(c),l.length>1024&&z(e,"more than 1024 elements");return l}var uC=Kn(Nh(),1);import{createHash as cC}from"node:crypto";import{posix as ua}from"node:path";var Ue=(t,e,n,r=!1)=>({min:t,max:e,impl:n,partial:r}),$u=t=>Ue(1,1,([e],n)=>cC(t).update(Me(e,n),"utf8").digest("hex")),dC={jsonencode:Ue(1,1,([t])=>{let e=jn(t);return e===void 0?oi(t):t instanceof v?j(t):new Zt(t,e.reason,e.detail)},!0),jsondecode:Ue(1,1,([t],e)=>t instanceof Zt?t.document:t instanceof v?j(t):WW(q(t,e),e),!0),yamldecode:Ue(1,1,([t],e)=>{try{return xu((0,uC.parse)(Me(t,e)),e)}catch(n){if(n instanceof D)throw n;return z(e,`invalid YAML: ${n.message.split(`
`)[0]??""}`)}}),base64encode:Ue(1,1,([t],e)=>Buffer.from(Me(t,e),"utf8").toString("base64")),base64decode:Ue(1,1,([t],e)=>{let n=Me(t,e);return(!/^[A-Za-z0-9+/]*={0,2}$/.test(n)||n.length%4!==0)&&z(e,"invalid base64 data"),Buffer.from(n,"base64").toString("utf8")}),base64sha256:Ue(1,1,([t],e)=>cC("sha256").update(Me(t,e),"utf8").digest("base64")),sha1:$u("sha1"),sha256:$u("sha256"),sha512:$u("sha512"),md5:$u("md5"),urlencode:Ue(1,1,([t],e)=>encodeURIComponent(Me(t,e)).replace(/[!'()*]/g,n=>"%"+n.charCodeAt(0).toString(16).toUpperCase()).replace(/%20/g,"+")),file:Ue(1,1,([t],e)=>fC(q(t,e),e)),fileexists:Ue(1,1,([t],e)=>e.ctx.host?.readFile(Ru(q(t,e),e))!==void 0?!0:new v("not-found",q(t,e))),templatefile:Ue(2,2,(t,e)=>Cu(t.slice(0,1))??qW(t[0],t[1],e),!0),basename:Ue(1,1,([t],e)=>ua.basename(q(t,e))),dirname:Ue(1,1,([t],e)=>ua.dirname(q(t,e))),abspath:Ue(1,1,([t],e)=>Ru(q(t,e),e)),timestamp:Ue(0,0,()=>new v("known-after-apply","timestamp()")),uuid:Ue(0,0,()=>new v("known-after-apply","uuid()")),sensitive:Ue(1,1,([t])=>t,!0),nonsensitive:Ue(1,1,([t])=>t,!0)};function oi(t){return t===null?"null":typeof t=="string"?lC(t):typeof t=="number"?Ge(t):typeof t=="boolean"?String(t):t instanceof v?"null":Array.isArray(t)?`[${t.map(oi).join(",")}]`:M(t)?`{${Wn(t).map(e=>`${lC(e)}:${oi(t[e])}`).join(",")}}`:"null"}function lC(t){return JSON.stringify(t).replace(/[<>&\u2028\u2029\b\f]/g,e=>e==="\b"?"\\u0008":e==="\f"?"\\u000c":"\\u"+e.charCodeAt(0).toString(16).padStart(4,"0"))}function WW(t,e){try{return JSON.parse(t)}catch(n){return z(e,`invalid JSON: ${n.message}`)}}function xu(t,e){return t==null?null:typeof t=="string"||typeof t=="number"||typeof t=="boolean"?t:Array.isArray(t)?t.map(n=>xu(n,e)):t instanceof Date?t.toISOString():t instanceof Map?Object.fromEntries(Array.from(t,([n,r])=>[String(n),xu(r,e)])):typeof t=="object"?Object.fromEntries(Object.entries(t).map(([n,r])=>[n,xu(r,e)])):z(e,`unsupported YAML value of type ${typeof t}`)}function Ru(t,e){let n=e.ctx.host?.rootDir??".";return ua.normalize(ua.isAbsolute(t)?t:ua.join(n,t))}function fC(t,e){let n=e.ctx.host,r=Ru(t,e),i=n?.readFile(r);return i===void 0?(qn(e.ctx,e.range,`${e.name}: file ${JSON.stringify(t)} was not provided; its content is unknown`,"warning"),new v("not-found",t)):i}function qW(t,e,n){let r=fC(q(t,n),n);if(typeof r!="string")return r;if(e instanceof v)return j(e);let i=gr(e,n),o=n.ctx.host,s=Ru(q(t,n),n);if(o.parseTemplate===void 0)return new v("unsupported-expression","templatefile");let a=o.parseTemplate(s,r),l=wn({...n.ctx,file:s,refs:void 0,bindings:void 0},Object.entries(i)),c;try{c=me(a,l)}catch(u){throw u instanceof D&&z(n,`in ${s} on line ${u.range.startLine}: ${u.message}`),u}return c instanceof v||typeof c=="string"?c:typeof c=="number"?Ge(c):typeof c=="boolean"?String(c):z(n,`the template produced a ${Ie(c)}, not a string`)}var Oe=(t,e,n,r=!1)=>({min:t,max:e,impl:n,partial:r}),gC={format:Oe(1,1/0,([t,...e],n)=>hg(Me(t,n),e,n)),formatlist:Oe(1,1/0,([t,...e],n)=>JW(Me(t,n),e,n)),join:Oe(1,1/0,([t,...e],n)=>{let r=[];for(let i of e)for(let o of ke(i,n))r.push(q(o,n));return r.join(q(t,n))}),split:Oe(2,2,([t,e],n)=>BW(q(e,n),q(t,n))),lower:Oe(1,1,([t],e)=>ca(q(t,e)).map(n=>n.token?n.text:n.text.toLowerCase()).join("")),upper:Oe(1,1,([t],e)=>Me(t,e).toUpperCase()),title:Oe(1,1,([t],e)=>Me(t,e).replace(new RegExp("(^|[^\\p{L}\\p{N}'])(\\p{L})","gu"),(n,r,i)=>r+i.toUpperCase())),strrev:Oe(1,1,([t],e)=>yr(Me(t,e)).reverse().join("")),substr:Oe(3,3,([t,e,n],r)=>GW(Me(t,r),Gn(e,r),Gn(n,r),r)),replace:Oe(3,3,([t,e,n],r)=>UW(q(t,r),q(e,r),q(n,r),r)),trimspace:Oe(1,1,([t],e)=>q(t,e).replace(new RegExp("^\\p{White_Space}+|\\p{White_Space}+$","gu"),"")),chomp:Oe(1,1,([t],e)=>q(t,e).replace(/(?:\r\n|\n|\r)+$/,"")),trim:Oe(2,2,([t,e],n)=>{let r=new Set(yr(q(e,n))),i=yr(q(t,n)),o=0,s=i.length;for(;o<s&&r.has(i[o]);)o++;for(;s>o&&r.has(i[s-1]);)s--;return i.slice(o,s).join("")}),trimprefix:Oe(2,2,([t,e],n)=>pC(q(t,n),q(e,n),"start")),trimsuffix:Oe(2,2,([t,e],n)=>pC(q(t,n),q(e,n),"end")),startswith:Oe(2,2,([t,e],n)=>pg(q(t,n),q(e,n),"start")),endswith:Oe(2,2,([t,e],n)=>pg(q(t,n),q(e,n),"end")),strcontains:Oe(2,2,([t,e],n)=>{let r=q(t,n),i=q(e,n);return r.includes(i)?!0:ge(r)?new v("known-after-apply","strcontains on a value known only by identity"):!1}),indent:Oe(2,2,([t,e],n)=>q(e,n).replace(/\n/g,`
`+" ".repeat(Gn(t,n)))),regex:Oe(2,2,([t,e],n)=>{let r=mg(Me(t,n),n,""),i=r.regexp.exec(Me(e,n));return i===null&&z(n,"pattern did not match any part of the given string"),mC(i,r.names)}),regexall:Oe(2,2,([t,e],n)=>{let r=mg(Me(t,n),n,"g");return Array.from(Me(e,n).matchAll(r.regexp),i=>mC(i,r.names))}),tostring:Oe(1,1,([t],e)=>t===null||typeof t=="string"?t:typeof t=="number"?Ge(t):typeof t=="boolean"?String(t):z(e,`cannot convert a ${Ie(t)} to a string`))};function GW(t,e,n,r){let i=yr(t),o=e<0?i.length+e:e;o<0&&(o=0),o>i.length&&z(r,"offset is beyond the end of the string");let s=n<0?i.length:Math.min(i.length,o+n);return i.slice(o,s).join("")}function BW(t,e){if(!ge(t)||e==="")return e===""?yr(t):t.split(e);let n=[""];for(let r of ca(t)){if(r.token){n[n.length-1]+=r.text;continue}let i=r.text.split(e);n[n.length-1]+=i[0],n.push(...i.slice(1))}return n}function pC(t,e,n){let r=pg(t,e,n);return r instanceof v?r:r?n==="start"?t.slice(e.length):t.slice(0,t.length-e.length):t}function pg(t,e,n){let r=ca(t),i=n==="start"?r[0]:r[r.length-1],o=i===void 0||i.token?"":i.text,s=r.length<=1&&!(i?.token??!1);return(n==="start"?o.startsWith(e):o.endsWith(e))?!0:s?!1:(n==="start"?e.startsWith(o):e.endsWith(o))?new v("known-after-apply","text known only by identity"):!1}function UW(t,e,n,r){if(e.length>=2&&e.startsWith("/")&&e.endsWith("/")){if(ge(t))return new v("known-after-apply","replace on a value known only by identity");let{regexp:i}=mg(e.slice(1,-1),r,"g");return t.replace(i,(...o)=>KW(n,o))}return e===""?t:ca(t).map(i=>i.token?i.text:i.text.split(e).join(n)).join("")}function KW(t,e){let n=typeof e[e.length-1]=="object"?e[e.length-1]:{};return t.replace(/\$(\$|\{(\w+)\}|(\w+))/g,(r,i,o,s)=>{if(i==="$")return"$";let a=o??s??"";if(/^\d+$/.test(a)){let l=e[Number(a)];return typeof l=="string"?l:""}return n[a]??""})}function mg(t,e,n){let r=t.replace(/\(\?P</g,"(?<"),i=n,o=/^\(\?([imsU]+)\)/.exec(r);if(o!==null){for(let a of o[1])a!=="U"&&!i.includes(a)&&(i+=a);r=r.slice(o[0].length)}r=r.replace(/\\A/g,"^").replace(/\\z/g,"$(?![\\s\\S])");let s=Array.from(r.matchAll(/\(\?<([A-Za-z_]\w*)>/g),a=>a[1]);for(let a of[i+"u",i])try{return{regexp:new RegExp(r,a),names:s}}catch{}return z(e,`invalid regular expression ${JSON.stringify(t)}`)}function mC(t,e){return e.length>0?Object.fromEntries(e.map(n=>[n,t.groups?.[n]??""])):t.length>1?t.slice(1).map(n=>n??""):t[0]}function hg(t,e,n){let r="",i=0,o=0,s=/%(?:%|(\[\d+\])?([-+# 0]*)(\d+)?(?:\.(\d*))?([a-zA-Z]))/g,a=0;for(let l of t.matchAll(s)){if(r+=t.slice(a,l.index),a=l.index+l[0].length,l[0]==="%%"){r+="%";continue}let[,c,u="",d,f,p=""]=l;c!==void 0&&(i=Number(c.slice(1,-1))-1),(i>=e.length||i<0)&&z(n,`not enough arguments for ${l[0]}`);let h=e[i++];o=Math.max(o,i),r+=YW(zW(h,p,u,f,n),u,d)}return r+=t.slice(a),o<e.length&&z(n,`too many arguments; only ${o} used by the format string`),r}function zW(t,e,n,r,i){let o=r===void 0?void 0:r===""?0:Number(r);switch(e){case"v":return n.includes("#")?oi(t):t===null?"null":typeof t=="object"?oi(t):q(t,i);case"s":{let s=q(t,i);return o===void 0?s:yr(s).slice(0,o).join("")}case"q":return JSON.stringify(q(t,i));case"t":return typeof t!="boolean"&&z(i,`%t requires a bool, not ${Ie(t)}`),String(t);case"d":case"b":case"o":case"x":case"X":{let s=rt(t,i);Number.isInteger(s)||z(i,`%${e} requires a whole number`);let a=e==="d"?10:e==="b"?2:e==="o"?8:16,l=Math.abs(s).toString(a);return e==="X"&&(l=l.toUpperCase()),hC(s,n)+l}case"f":case"F":case"e":case"E":case"g":case"G":{let s=rt(t,i),a=Math.abs(s),l;return e==="f"||e==="F"?l=a.toFixed(o??6):e==="e"||e==="E"?l=HW(a.toExponential(o??6)):l=o===void 0?Ge(a):String(Number(a.toPrecision(o||1))),(e==="E"||e==="G")&&(l=l.toUpperCase()),hC(s,n)+l}default:return M(t)||Array.isArray(t)?oi(t):z(i,`unsupported format verb %${e}`)}}function HW(t){return t.replace(/e([+-])(\d)$/,"e$10$2")}function hC(t,e){return t<0?"-":e.includes("+")?"+":e.includes(" ")?" ":""}function YW(t,e,n){let r=n===void 0?0:Number(n),i=yr(t).length;if(i>=r)return t;if(e.includes("-"))return t+" ".repeat(r-i);if(e.includes("0")&&/^[+\- ]?\d/.test(t)){let o=/^[+\- ]/.test(t)?t[0]:"";return o+"0".repeat(r-i)+t.slice(o.length)}return" ".repeat(r-i)+t}function JW(t,e,n){let r;for(let o of e){if(!Array.isArray(o))continue;let s=o.length;r!==void 0&&r!==s&&z(n,"all list arguments must have the same length"),r=s}if(r===void 0)return[hg(t,e,n)];let i=[];for(let o=0;o<r;o++)i.push(hg(t,e.map(s=>Array.isArray(s)?s[o]:s),n));return i}function XW(t,e){return{...e,impl:(n,r)=>{try{return e.impl(n,r)}catch(i){if(i instanceof bo)return new v("known-after-apply",`${t} of a value known only by identity`);throw i instanceof RangeError||i instanceof TypeError?new D(`${t}: ${i.message}`,r.range):i}}}}var da=new Map(Object.entries({...gC,...sC,...dC}).map(([t,e])=>[t,XW(t,e)]));import{posix as si}from"node:path";var QW=/\.(tf|tofu)(\.json)?$/,ZW=/(^|_)override\.(tf|tofu)(\.json)?$/;function fa(t,e,n){return`${t}:${e}.${n}`}function bC(t,e,n,r,i){let o=new Map(n.map(g=>[si.basename(g.path),g])),s=n.filter(g=>{let b=si.basename(g.path);return!(!QW.test(b)||/\.tf(\.json)?$/.test(b)&&o.has(b.replace(/\.tf(\.json)?$/,".tofu$1")))}).sort((g,b)=>g.path<b.path?-1:g.path>b.path?1:0),a=new Map,l=new Map,c=new Map,u=[],d=new Map,f=new Map,p=[],h=(g,b,y)=>{let w="headerRange"in b?b.headerRange:b.range;i.push({file:g,range:w,message:`duplicate ${y}; the first one is used`,severity:"error"})};for(let g of s){let b=Iu(t,g,r,i),y=si.basename(g.path);if(ZW.test(y)){i.push({file:g.path,range:b.body.range,message:"override files are not merged into the configuration; this file is ignored",severity:"warning"});continue}p.push(b);for(let w of b.body.blocks){let[k,S]=w.labels;switch(w.type){case"variable":if(k===void 0)break;a.has(k)?h(g.path,w,`variable "${k}"`):a.set(k,{node:w,file:g.path});break;case"output":if(k===void 0)break;c.has(k)?h(g.path,w,`output "${k}"`):c.set(k,{node:w,file:g.path});break;case"module":if(k===void 0)break;f.has(k)?h(g.path,w,`module "${k}"`):f.set(k,{node:w,file:g.path});break;case"locals":for(let $ of w.body.attributes)l.has($.name)?h(g.path,$,`local value "${$.name}"`):l.set($.name,{node:$,file:g.path});break;case"resource":case"data":{if(k===void 0||S===void 0)break;let $=w.type==="data"?"data":"managed",P=fa($,k,S);if(d.has(P)){h(g.path,w,`${w.type} "${k}" "${S}"`);break}let T={mode:$,type:k,name:S,block:w,file:g.path};u.push(T),d.set(P,T);break}}}}let m=n.filter(g=>/^terraform\.tfvars(\.json)?$|\.auto\.tfvars(\.json)?$/.test(si.basename(g.path))).sort((g,b)=>yC(g.path)-yC(b.path)||(si.basename(g.path)<si.basename(b.path)?-1:1)).map(g=>Iu(t,g,r,i));return{dir:e,variables:a,locals:l,outputs:c,resources:u,resourceIndex:d,calls:f,autoVarFiles:m,files:p}}function yC(t){let e=si.basename(t);return e==="terraform.tfvars"?0:e==="terraform.tfvars.json"?1:2}function Iu(t,e,n,r){let i=n.get(e.path);if(i!==void 0)return i;let o=t.parseFile(e.path,e.text);n.set(e.path,o);for(let s of o.errors)r.push({file:e.path,range:s.range,message:s.message,severity:"error"});return o}function SC(t){let e=AC(t);if(e instanceof v)return{json:e,minified_json:e};let n=jn(e);if(n!==void 0){let r=new Zt(e,n.reason,n.detail);return{json:r,minified_json:r}}return{json:JSON.stringify(e,null,2),minified_json:JSON.stringify(e)}}function AC(t){let e=l=>t.attributes.get(l)?.value,n=[],r=wC(e("source_policy_documents"));if(r instanceof v)return r;for(let l of r)n.push(...l);let i=t.blocks.filter(l=>l.type==="statement").map(eq);n=vC(n,i);let o=wC(e("override_policy_documents"));if(o instanceof v)return o;for(let l of o)n=vC(n,l);let s=[["Version",e("version")??"2012-10-17"]],a=e("policy_id");return a!==void 0&&s.push(["Id",a]),s.push(["Statement",n]),Te(s)}function wC(t){if(t==null)return[];if(t instanceof v)return j(t);if(!Array.isArray(t))return new v("invalid","policy documents must be a list");let e=[];for(let n of t){let r;if(n instanceof Zt)r=n.document;else{if(n instanceof v)return j(n);if(typeof n=="string")try{r=JSON.parse(n)}catch{return new v("invalid","a policy document is not valid JSON")}else return new v("invalid","a policy document must be a JSON string")}let i=M(r)?Re(r,"Statement"):void 0;if(i instanceof v)return j(i);e.push(Array.isArray(i)?[...i]:M(i)?[i]:[])}return e}function kC(t){if(!M(t))return;let e=Re(t,"Sid");return typeof e=="string"&&e!==""?e:void 0}function vC(t,e){let n=[...t];for(let r of e){let i=kC(r),o=i===void 0?-1:n.findIndex(s=>kC(s)===i);o>=0?n[o]=r:n.push(r)}return n}function eq(t){if(t.dynamic?.unknownCount)return j(t.dynamic.key);let e=a=>t.body.attributes.get(a)?.value,n=[],r=e("sid");r!==void 0&&r!==""&&n.push(["Sid",r]),n.push(["Effect",e("effect")??"Allow"]);for(let[a,l]of[["actions","Action"],["not_actions","NotAction"],["resources","Resource"],["not_resources","NotResource"]]){let c=e(a);c!==void 0&&n.push([l,gg(c)])}let i=_C(t.body.blocks.filter(a=>a.type==="principals"));i!==void 0&&n.push(["Principal",i]);let o=_C(t.body.blocks.filter(a=>a.type==="not_principals"));o!==void 0&&n.push(["NotPrincipal",o]);let s=tq(t.body.blocks.filter(a=>a.type==="condition"));return s!==void 0&&n.push(["Condition",s]),Te(n)}function gg(t){return Array.isArray(t)&&t.length===1?t[0]:t}function _C(t){if(t.length===0)return;let e=new Map;for(let r of t){if(r.dynamic?.unknownCount)return j(r.dynamic.key);let i=r.body.attributes.get("type")?.value,o=r.body.attributes.get("identifiers")?.value;if(i instanceof v)return j(i);if(typeof i!="string")continue;let s=e.get(i)??[];o instanceof v?s.push(j(o)):Array.isArray(o)?s.push(...o):o!==void 0&&s.push(o),e.set(i,s)}let n=e.get("*");return e.size===1&&n!==void 0&&n.length===1&&n[0]==="*"?"*":Te([...e].map(([r,i])=>[r,gg(i)]))}function tq(t){if(t.length===0)return;let e=new Map;for(let n of t){if(n.dynamic?.unknownCount)return j(n.dynamic.key);let r=n.body.attributes.get("test")?.value,i=n.body.attributes.get("variable")?.value,o=n.body.attributes.get("values")?.value;if(r instanceof v)return j(r);if(i instanceof v)return j(i);if(typeof r!="string"||typeof i!="string")continue;let s=e.get(r)??new Map,a=s.get(i)??[];o instanceof v?a.push(j(o)):Array.isArray(o)?a.push(...o):o!==void 0&&a.push(o),s.set(i,a),e.set(r,s)}return Te([...e].map(([n,r])=>[n,Te([...r].map(([i,o])=>[i,gg(o)]))]))}var yg=le("aws:region"),en=le("aws:account"),Et="aws";function TC(t,e,n,r){let i=fg(r),o=t==="managed"?rq(e,n,i):iq(e,i,r),s=i;for(let[a,l]of Object.entries(o)){let c=Re(i,a);(c===void 0||c instanceof v&&typeof l=="string")&&(s[a]=l)}return XT(i)}function wo(t,e,n){let r=Re(t,e);return typeof r=="string"?r:le(`${n}.${e}`)}function nq(t){let e=Re(t,"region");return typeof e=="string"?e:yg}function rq(t,e,n){let r=nq(n);switch(t){case"aws_s3_bucket":{let i=wo(n,"bucket",e);return{id:i,bucket:i,arn:`arn:${Et}:s3:::${i}`,bucket_domain_name:`${i}.s3.amazonaws.com`,bucket_regional_domain_name:`${i}.s3.${r}.amazonaws.com`,region:r}}case"aws_cloudtrail":{let i=wo(n,"name",e),o=`arn:${Et}:cloudtrail:${r}:${en}:trail/${i}`,s=Re(n,"sns_topic_name"),a={name:i,arn:o,id:o,home_region:r};return typeof s=="string"&&(a.sns_topic_arn=s.startsWith("arn:")?s:`arn:${Et}:sns:${r}:${en}:${s}`),a}case"aws_kms_key":{let i=le(`${e}.key_id`);return{id:i,key_id:i,arn:`arn:${Et}:kms:${r}:${en}:key/${i}`}}case"aws_kms_alias":{let i=wo(n,"name",e),o=Re(n,"target_key_id"),s={id:i,name:i,arn:`arn:${Et}:kms:${r}:${en}:${i}`};return typeof o=="string"&&(s.target_key_arn=o.startsWith("arn:")?o:`arn:${Et}:kms:${r}:${en}:key/${o}`),s}case"aws_cloudwatch_log_group":{let i=wo(n,"name",e);return{id:i,name:i,arn:`arn:${Et}:logs:${r}:${en}:log-group:${i}`}}case"aws_sns_topic":{let i=wo(n,"name",e),o=`arn:${Et}:sns:${r}:${en}:${i}`;return{id:o,arn:o,name:i}}case"aws_iam_role":{let i=wo(n,"name",e),o=Re(n,"path"),s=typeof o=="string"?o.replace(/^\//,""):"";return{id:i,name:i,arn:`arn:${Et}:iam::${en}:role/${s}${i}`}}case"aws_s3_bucket_policy":case"aws_s3_bucket_versioning":case"aws_s3_bucket_public_access_block":case"aws_s3_bucket_object_lock_configuration":case"aws_s3_bucket_lifecycle_configuration":case"aws_s3_bucket_logging":case"aws_s3_bucket_acl":case"aws_s3_bucket_server_side_encryption_configuration":{let i=Re(n,"bucket");return typeof i=="string"?{id:i}:{}}default:return{}}}function iq(t,e,n){switch(t){case"aws_caller_identity":return{id:en,account_id:en,arn:le("aws:caller-arn")};case"aws_region":{let r=Re(e,"name")??Re(e,"region"),i=typeof r=="string"?r:yg;return{id:i,name:i,region:i}}case"aws_partition":return{id:Et,partition:Et,dns_suffix:"amazonaws.com",reverse_dns_prefix:"com.amazonaws"};case"aws_organizations_organization":return{id:le("aws:organization")};case"aws_iam_policy_document":return SC(n);case"aws_s3_bucket":{let r=Re(e,"bucket");return typeof r!="string"?{}:{id:r,arn:`arn:${Et}:s3:::${r}`}}case"aws_kms_key":{let r=Re(e,"key_id");return typeof r=="string"&&r.startsWith("arn:")?{arn:r}:{}}default:return{}}}var Ou={kind:"any"},kn=class extends Error{};function ai(t,e){let n=t.kind==="parens"?t.expr:t;if(n.kind==="variable"){if(n.name==="any"||n.name==="string"||n.name==="number"||n.name==="bool")return{kind:n.name};throw new kn(`unknown type ${n.name}`)}if(n.kind==="literal"&&typeof n.value=="string"){if(n.value==="string")return{kind:"string"};if(n.value==="list")return{kind:"list",element:Ou};if(n.value==="map")return{kind:"map",element:Ou}}if(n.kind==="template"&&n.unwrap&&n.parts[0]?.kind==="interpolation")return ai(n.parts[0].expr,e);if(n.kind==="call"){let[r]=n.args;if((n.name==="list"||n.name==="set"||n.name==="map")&&n.args.length===1)return{kind:n.name,element:ai(r,e)};if(n.name==="tuple"&&r?.kind==="tuple")return{kind:"tuple",elements:r.items.map(i=>ai(i,e))};if(n.name==="object"&&r?.kind==="object"){let i=new Map;for(let o of r.items){let s=e(o.key);if(typeof s!="string")throw new kn("object type attribute names must be strings");let a=o.value.kind==="parens"?o.value.expr:o.value;if(a.kind==="call"&&a.name==="optional"&&a.args.length>=1){let l=ai(a.args[0],e),c=a.args[1]===void 0?void 0:li(e(a.args[1]),l);i.set(s,c===void 0?{type:l,optional:!0}:{type:l,optional:!0,default:c})}else i.set(s,{type:ai(a,e),optional:!1})}return{kind:"object",attributes:i}}}throw new kn("invalid type constraint")}function CC(t){return t.kind==="string"||t.kind==="number"||t.kind==="bool"}function li(t,e){if(t instanceof v||e.kind==="any")return t;if(t===null)return null;switch(e.kind){case"string":if(typeof t=="string")return t;if(typeof t=="number")return Ge(t);if(typeof t=="boolean")return String(t);break;case"number":if(typeof t=="number")return t;if(typeof t=="string"){if(ge(t))return new v("known-after-apply","number known only by identity");let n=ii(t);if(n!==void 0)return n}break;case"bool":if(typeof t=="boolean")return t;if(t==="true"||t==="1")return!0;if(t==="false"||t==="0")return!1;break;case"list":case"set":if(Array.isArray(t)){let n=t.map(r=>li(r,e.element));return e.kind==="set"&&!n.some(r=>r instanceof v)?yu(n):n}break;case"tuple":if(Array.isArray(t)&&t.length===e.elements.length)return t.map((n,r)=>li(n,e.elements[r]));break;case"map":if(M(t))return Te(Object.keys(t).map(n=>[n,li(t[n],e.element)]));break;case"object":if(M(t)){let n=[];for(let[r,i]of e.attributes){let o=Re(t,r);if(o==null){if(!i.optional&&o===void 0)throw new kn(`attribute ${JSON.stringify(r)} is required`);n.push([r,i.default??null])}else n.push([r,li(o,i.type)])}return Te(n)}break}throw new kn(`a ${Ie(t)} cannot be used as ${ko(e)}`)}function ko(t){switch(t.kind){case"list":case"set":case"map":return`${t.kind}(${ko(t.element)})`;case"tuple":return`tuple([${t.elements.map(ko).join(", ")}])`;case"object":return`object({${[...t.attributes].map(([e,n])=>`${e} = ${ko(n.type)}`).join(", ")}})`;default:return t.kind}}function bg(t,e){return{file:t,functions:da,diagnostics:e,depth:{n:0}}}function EC(t,e,n){let r=bg(e.file,n),i=d=>e.node.body.attributes.find(f=>f.name===d)?.expr,o=i("type"),s=Ou;if(o!==void 0)try{s=ai(o,d=>Be(d,r))}catch(d){if(!(d instanceof kn))throw d;n.push({file:e.file,range:o.range,message:`variable "${t}": ${d.message}`,severity:"error"})}let a=i("default"),l;a!==void 0&&(l=$C(Be(a,r),s,t,e.file,a.range,n));let c=i("nullable"),u=c===void 0||Be(c,r)!==!1;return{name:t,type:s,typed:o!==void 0,default:l,...a===void 0?{}:{defaultExpr:a},nullable:u,file:e.file,block:e.node}}function $C(t,e,n,r,i,o){try{return li(t,e)}catch(s){if(!(s instanceof kn))throw s;return o.push({file:r,range:i,message:`variable "${n}" must be ${ko(e)}: ${s.message}`,severity:"error"}),new v("invalid",`variable ${n}`)}}function xC(t,e,n,r,i,o){let s=new Map,a=(u,d,f,p)=>{if(!u.typed||CC(u.type))return{value:d,source:f};let h=t.parseExpression(d),m=u.block.headerRange;return h.errors.length>0?(o.push({file:u.file,range:m,message:`${p}: the value for "${u.name}" is not a valid expression`,severity:"error"}),{value:new v("invalid",u.name),source:f}):{value:Be(h.expr,bg(u.file,o)),source:f}},l=(u,d)=>{let f=bg(u.path,o);for(let p of u.body.attributes){if(!n.has(p.name)){o.push({file:u.path,range:p.nameRange,message:`a value was given for the undeclared variable "${p.name}"`,severity:"warning"});continue}s.set(p.name,{value:Be(p.expr,f),source:d,file:u.path,range:p.range,valueRange:p.expr.range})}};for(let[u,d]of n){let f=r.environment?.[u];f!==void 0&&Object.hasOwn(r.environment,u)&&s.set(u,a(d,f,"environment",`TF_VAR_${u}`))}for(let u of e.autoVarFiles)l(u,"tfvars");for(let u of r.cliVariables??[])if(u.kind==="var-file")l(Iu(t,u.file,i,o),"cli");else{let d=n.get(u.name);if(d===void 0){o.push({file:e.dir,range:oq,message:`-var: the variable "${u.name}" is not declared`,severity:"warning"});continue}s.set(u.name,a(d,u.value,"cli","-var"))}let c=new Map;for(let[u,d]of n){let f=s.get(u);c.set(u,Pu(d,f,o))}return c}var oq={startLine:1,startColumn:1,endLine:1,endColumn:1};function Pu(t,e,n){let r=()=>t.default===void 0?{name:t.name,value:new v("unset-variable",`var.${t.name}`),source:"unset"}:{name:t.name,value:t.default,source:"default",file:t.file,range:t.block.range,...t.defaultExpr===void 0?{}:{valueRange:t.defaultExpr.range}};if(e===void 0||e.value===null&&!t.nullable&&t.default!==void 0)return r();let i=$C(e.value,t.type,t.name,e.file??t.file,e.range??t.block.headerRange,n);return{name:t.name,value:i,source:e.source,...e.file===void 0?{}:{file:e.file},...e.range===void 0?{}:{range:e.range},...e.valueRange===void 0?{}:{valueRange:e.valueRange}}}function Lu(t){let e=t;for(;;)if(e.kind==="parens")e=e.expr;else if(e.kind==="template"&&e.unwrap&&e.parts.length===1&&e.parts[0].kind==="interpolation")e=e.parts[0].expr;else break;if(e.kind==="literal")return{kind:"literal",range:e.range};if(e.kind==="template"&&e.parts.every(n=>n.kind==="literal"))return{kind:"literal",range:e.range};if(e.kind==="getattr"&&e.target.kind==="variable"&&(e.target.name==="var"||e.target.name==="local"))return{kind:"ref",root:e.target.name,name:e.name,range:e.range}}function RC(t){let e=new Map,n=(o,s)=>{let a=e.get(o);a?a.push(s):e.set(o,[s])},r=(o,s,a)=>{if(o.kind==="getattr"&&o.target.kind==="variable"&&(o.target.name==="var"||o.target.name==="local")){n(`${o.target.name}.${o.name}`,{what:s,file:a,range:o.range});return}for(let l of aq(o))r(l,s,a)},i=(o,s,a)=>{for(let l of o.attributes)r(l.expr,s,a);for(let l of o.blocks)i(l.body,s,a)};for(let o of t){for(let s of o.body.attributes)r(s.expr,s.name,o.path);for(let s of o.body.blocks){if(s.type==="locals"){for(let c of s.body.attributes)r(c.expr,`local.${c.name}`,o.path);for(let c of s.body.blocks)i(c.body,"locals",o.path);continue}let a=sq(s),l=s.type==="resource"||s.type==="data"||s.type==="module";for(let c of s.body.attributes){let u=l&&(c.name==="count"||c.name==="for_each");r(c.expr,u?`the ${c.name} of ${a}`:a,o.path)}for(let c of s.body.blocks)i(c.body,a,o.path)}}return e}function sq(t){let[e,n]=t.labels;switch(t.type){case"resource":return`${e}.${n}`;case"data":return`data.${e}.${n}`;case"module":case"output":return`${t.type}.${e}`;default:return[t.type,...t.labels.map(r=>JSON.stringify(r))].join(" ")}}function Nu(t){return t.flatMap(e=>{switch(e.kind){case"literal":return[];case"interpolation":return[e.expr];case"if":return[e.condition,...Nu(e.then),...Nu(e.else)];case"for":return[e.collection,...Nu(e.body)]}})}function aq(t){return t.kind==="template"?Nu(t.parts):t.kind==="for"&&t.keyExpr?[...Su(t),t.keyExpr]:Su(t)}var NC=32;function Ag(t,e){return new kg(t,e).evaluate()}var wg=class{constructor(e,n){this.compute=e;this.onCycle=n}compute;onCycle;state="new";value;get(){if(this.state==="done")return this.value;if(this.state==="busy")return this.onCycle();this.state="busy";try{return this.value=this.compute(),this.state="done",this.value}finally{this.state==="busy"&&(this.state="new")}}},kg=class{constructor(e,n){this.hcl=e;this.inputs=n;this.rootDir=Sg(n.dir),this.readManifest(),this.host={rootDir:this.rootDir,readFile:r=>this.texts.get(ci.normalize(r))??this.inputs.readFile?.(r),parseTemplate:(r,i)=>{let o=this.templates.get(r);if(o===void 0){let s=this.hcl.parseTemplate(i);for(let a of s.errors)this.diagnostics.push({file:r,range:a.range,message:a.message,severity:"error"});o=s.expr,this.templates.set(r,o)}return o}}}hcl;inputs;diagnostics=[];files=new Map;depth={n:0};rootDir;host;manifest=new Map;folders=new Map;texts=new Map;templates=new Map;declCache=new Map;refCache=new Map;chains=new Map;traced=[];readManifest(){let e=this.inputs.modulesManifest;if(e!==void 0)try{let n=JSON.parse(e),r=PC(n)&&Array.isArray(n.Modules)?n.Modules:[];for(let i of r)PC(i)&&typeof i.Key=="string"&&typeof i.Dir=="string"&&i.Key!==""&&this.manifest.set(i.Key,Sg(ci.join(this.rootDir,i.Dir)))}catch{let n={startLine:1,startColumn:1,endLine:1,endColumn:1};this.diagnostics.push({file:ci.join(this.rootDir,".terraform/modules/modules.json"),range:n,message:"modules.json is not valid JSON",severity:"warning"})}}folder(e){if(this.folders.has(e))return this.folders.get(e);let n=e===this.rootDir?this.inputs.files:this.inputs.readFolder?.(e),r=n===void 0?void 0:bC(this.hcl,e,n,this.files,this.diagnostics);for(let i of n??[])this.texts.set(ci.normalize(i.path),i.text);return this.folders.set(e,r),r}decls(e){let n=this.declCache.get(e);return n===void 0&&(n=new Map([...e.variables].map(([r,i])=>[r,EC(r,i,this.diagnostics)])),this.declCache.set(e,n)),n}refs(e){let n=this.refCache.get(e);return n===void 0&&this.refCache.set(e,n=RC(e.files)),n}noteInstance(e,n){let r=this.chains.get(e)??new Map;r.set(LC(n),n[n.length-1]),this.chains.set(e,r)}written(e){let n=e.at;if(!("file"in n))return n;let r=[];return this.traced.push({trace:e,others:r}),{...n,others:r}}listOtherReaders(){for(let{trace:e,others:n}of this.traced){let r=new Set,i=o=>{let s=`${o.what}\0${o.file}\0${o.line}`;!r.has(s)&&n.length<IC&&(r.add(s),n.push(o))};for(let o of e.hops)for(let s of this.refs(o.def).get(o.name)??[]){if(n.length>=IC)break;s.file===o.file&&cq(s.range,o.range)||i({what:s.what,reads:o.name,file:s.file,line:s.range.startLine})}if(e.siteDef!==void 0)for(let[o,s]of this.chains.get(e.siteDef)??[])o===e.siteChain||s===void 0||i({what:`module.${s.name}`,reads:e.at.name,file:s.file,line:s.headerRange.startLine})}}evaluate(){let e=this.folder(this.rootDir),n=this.decls(e),r=xC(this.hcl,e,n,this.inputs,this.files,this.diagnostics),i=new vg(this,e,"",[],[],[this.rootDir],s=>r.get(s)),o=[];return i.collect(o),this.listOtherReaders(),{modules:o,resources:o.flatMap(s=>s.resources),diagnostics:uq(this.diagnostics),files:this.files}}},lq=32,IC=10;function LC(t){return t.map(e=>`${e.file}:${e.range.startLine}:${e.range.startColumn}`).join(" > ")}function cq(t,e){return t.startLine===e.startLine&&t.startColumn===e.startColumn&&t.endLine===e.endLine&&t.endColumn===e.endColumn}var vg=class t{constructor(e,n,r,i,o,s,a,l){this.run=e;this.def=n;this.address=r;this.callChain=i;this.keyPath=o;this.ancestors=s;this.traceArgument=l;e.noteInstance(n,i);for(let[c,u]of e.decls(n))this.vars.set(c,this.cell(()=>a(c,u)??Pu(u,void 0,e.diagnostics),()=>({name:c,value:new v("cycle",`var.${c}`),source:"unset"}),u.file,u.block.headerRange,`var.${c}`));for(let[c,u]of n.locals)this.locals.set(c,this.cell(()=>Be(u.node.expr,this.ctx(u.file)),void 0,u.file,u.node.range,`local.${c}`));for(let[c,u]of n.outputs){let d=u.node.body.attributes.find(f=>f.name==="value")?.expr;this.outputs.set(c,this.cell(()=>d===void 0?null:Be(d,this.ctx(u.file)),void 0,u.file,u.node.headerRange,`output.${c}`))}for(let c of n.resources){let u=`${c.mode==="data"?"data.":""}${c.type}.${c.name}`;this.resources.set(fa(c.mode,c.type,c.name),this.cell(()=>this.evaluateResource(c),()=>this.cycleResource(c),c.file,c.block.headerRange,u))}for(let[c,u]of n.calls)this.calls.set(c,this.cell(()=>this.evaluateCall(c,u.node,u.file),()=>({name:c,expansion:{kind:"single"},instances:void 0}),u.file,u.node.headerRange,`module.${c}`))}run;def;address;callChain;keyPath;ancestors;traceArgument;vars=new Map;locals=new Map;outputs=new Map;resources=new Map;calls=new Map;cell(e,n,r,i,o){let s=!1;return new wg(e,()=>(s||(s=!0,this.run.diagnostics.push({file:r,range:i,message:`${o} refers to itself through a reference cycle`,severity:"error"})),n===void 0?new v("cycle",o):n()))}ctx(e){return{file:e,functions:da,refs:this,host:this.run.host,diagnostics:this.run.diagnostics,depth:this.run.depth}}written(e,n){if(e.kind!=="getattr"&&e.kind!=="template"&&e.kind!=="parens")return;let r=Lu(e);if(r?.kind!=="ref")return;let i=this.traceRef(r,n,0);return i===void 0?void 0:this.run.written(i)}traceRef(e,n,r){if(r>lq)return;let i=e.root==="var"?this.traceVar(e.name,r):this.traceLocal(e.name,r);return i&&{...i,hops:[...i.hops,{def:this.def,name:`${e.root}.${e.name}`,file:n,range:e.range}]}}traceExpr(e,n,r,i,o){let s=Lu(e);if(s!==void 0)return s.kind==="literal"?this.site(r,i,n,s.range):this.traceRef(s,n,o+1)}site(e,n,r,i){return{at:{kind:e,name:n,file:r,range:i,rootDir:this.run.rootDir,others:[]},siteDef:this.def,siteChain:LC(this.callChain),hops:[]}}traceVar(e,n){let r=this.vars.get(e)?.get(),i=this.run.decls(this.def).get(e);if(r===void 0||i===void 0)return;let o=`var.${e}`;switch(r.source){case"default":return i.defaultExpr!==void 0&&Lu(i.defaultExpr)?.kind==="literal"?this.site("default",o,i.file,i.defaultExpr.range):void 0;case"tfvars":return r.file!==void 0&&r.valueRange!==void 0?this.site("tfvars",o,r.file,r.valueRange):void 0;case"cli":return r.file===void 0?{at:{kind:"cli",name:o},hops:[]}:r.valueRange!==void 0?this.site("var-file",o,r.file,r.valueRange):void 0;case"environment":return{at:{kind:"environment",name:o},hops:[]};case"argument":return this.traceArgument?.(e,n);case"unset":return}}traceLocal(e,n){let r=this.def.locals.get(e);return r===void 0?void 0:this.traceExpr(r.node.expr,r.file,"local",`local.${e}`,n)}resolve(e,n,r){let i=n[0],o=i?.kind==="attr"?i.name:void 0;switch(e){case"var":{if(o===void 0)throw new D("var must be followed by a variable name",r);let a=this.vars.get(o);if(a===void 0)throw new D(`there is no variable named "${o}"`,r);return{value:a.get().value,consumed:1}}case"local":{if(o===void 0)throw new D("local must be followed by a local value name",r);let a=this.locals.get(o);if(a===void 0)throw new D(`there is no local value named "${o}"`,r);return{value:a.get(),consumed:1}}case"module":if(o===void 0)throw new D("module must be followed by a module name",r);return this.resolveModule(o,n,r);case"data":{let a=n[1];if(o===void 0||a?.kind!=="attr")throw new D("data must be followed by a type and a name",r);let l=this.resources.get(fa("data",o,a.name));if(l===void 0)throw new D(`there is no data "${o}" "${a.name}" in this module`,r);return{value:l.get().value,consumed:2}}case"path":{if(o==="module")return{value:this.pathModule(),consumed:1};if(o==="root"||o==="cwd")return{value:".",consumed:1};throw new D("unknown path attribute",r)}case"terraform":if(o==="workspace")return{value:"default",consumed:1};throw new D("unknown terraform attribute",r);case"self":return{value:new v("known-after-apply","self"),consumed:n.length};case"count":case"each":throw new D(`${e} can only be used in a block that sets ${e==="count"?"count":"for_each"}`,r)}if(o===void 0)return;let s=this.resources.get(fa("managed",e,o));if(s===void 0){if(/^[a-z0-9]+_/.test(e))throw new D(`there is no resource "${e}" "${o}" in this module`,r);return}return{value:s.get().value,consumed:1}}pathModule(){let e=ci.relative(this.run.rootDir,this.def.dir);return e===""?".":e}resolveModule(e,n,r){let i=this.calls.get(e);if(i===void 0)throw new D(`there is no module "${e}" in this module`,r);let o=i.get(),s=()=>new v("module-output",`${this.prefix()}module.${e}`);if(o.instances===void 0)return{value:s(),consumed:n.length};let[,a,l]=n,c=(d,f)=>{if(f?.kind!=="attr")throw new D("a module output name is required",r);return d.output(f.name,r)},u=o.expansion;if(u.kind==="single"){let d=o.instances[0].item;return a?.kind==="attr"?{value:c(d,a),consumed:2}:{value:d.outputsObject(r),consumed:1}}if(a?.kind==="index"&&l?.kind==="attr"){if(u.kind==="unknown")return{value:c(o.instances[0].item,l),consumed:3};let d=a.key;if(d instanceof v)return{value:j(d),consumed:3};let f=o.instances.find(p=>p.key===d||typeof d=="string"&&String(p.key)===d);if(f===void 0)throw new D(`module.${e} has no instance ${JSON.stringify(d)}`,r);return{value:c(f.item,l),consumed:3}}return{value:OC(u,o.instances.map(d=>({key:d.key,value:d.item.outputsObject(r)}))),consumed:1}}output(e,n){let r=this.outputs.get(e);if(r===void 0)throw new D(`the module ${this.address} has no output named "${e}"`,n);return r.get()}outputsObject(e){return Te([...this.outputs.keys()].map(n=>[n,this.output(n,e)]))}prefix(){return this.address===""?"":`${this.address}.`}expansion(e,n,r){let i=e.find(s=>s.name==="count"),o=e.find(s=>s.name==="for_each");if(i!==void 0&&o!==void 0&&this.run.diagnostics.push({file:r,range:o.range,message:"count and for_each cannot be used together",severity:"error"}),i!==void 0){let s=Be(i.expr,n);if(s instanceof v)return{kind:"unknown",reason:j(s)};let a=typeof s=="string"?ii(s):s;return typeof a=="number"&&Number.isInteger(a)&&a>=0?{kind:"count",keys:Array.from({length:a},(l,c)=>c)}:(this.run.diagnostics.push({file:r,range:i.expr.range,message:"count must be a whole number of at least 0",severity:"error"}),{kind:"unknown",reason:new v("invalid","count")})}if(o!==void 0){let s=Be(o.expr,n);if(s instanceof v)return{kind:"unknown",reason:j(s)};if(M(s))return{kind:"for_each",entries:Wn(s).map(a=>[a,s[a]])};if(Array.isArray(s)){let a=s,l=a.find(c=>c instanceof v);if(l!==void 0)return{kind:"unknown",reason:j(l)};if(a.every(c=>typeof c=="string"||typeof c=="number"))return{kind:"for_each",entries:[...new Set(a.map(u=>typeof u=="number"?Ge(u):u))].sort().map(u=>[u,u])}}return this.run.diagnostics.push({file:r,range:o.expr.range,message:"for_each must be a map or a set of strings",severity:"error"}),{kind:"unknown",reason:new v("invalid","for_each")}}return{kind:"single"}}instanceKeys(e){switch(e.kind){case"single":return[{key:void 0,suffix:"",bindings:[]}];case"count":return e.keys.map(n=>({key:n,suffix:`[${n}]`,bindings:[["count",Te([["index",n]])]]}));case"for_each":return e.entries.map(([n,r])=>({key:n,suffix:`[${JSON.stringify(n)}]`,bindings:[["each",Te([["key",n],["value",r]])]]}));case"unknown":return[{key:e.reason,suffix:"[*]",bindings:[["count",Te([["index",e.reason]])],["each",Te([["key",e.reason],["value",e.reason]])]]}]}}evaluateResource(e){let n=this.ctx(e.file),r=this.expansion(e.block.body.attributes,n,e.file),i=`${this.prefix()}${e.mode==="data"?"data.":""}${e.type}.${e.name}`,o=this.instanceKeys(r).map(({key:a,suffix:l,bindings:c})=>{let u=i+l,d=Au(e.block.body,wn(n,c),{skipAttributes:rC,skipBlocks:iC});return{key:a,address:u,item:{body:d,object:TC(e.mode,e.type,u,d)}}}),s=OC(r,o.map(a=>({key:a.key,value:a.item.object})));return{decl:e,instances:o,value:s}}cycleResource(e){let n=`${this.prefix()}${e.mode==="data"?"data.":""}${e.type}.${e.name}`;return{decl:e,instances:[],value:new v("cycle",n)}}evaluateCall(e,n,r){let i=this.ctx(r),o=n.body.attributes,s=o.find(m=>m.name==="source"),a=s===void 0?void 0:Be(s.expr,i),l=this.expansion(o,i,r),c=[...this.keyPath,e],u,d=!1;typeof a=="string"?a.startsWith("./")||a.startsWith("../")?u=Sg(ci.join(this.def.dir,a)):(u=this.run.manifest.get(c.join(".")),d=u!==void 0):this.run.diagnostics.push({file:r,range:s?.range??n.headerRange,message:`module "${e}" needs a literal source`,severity:"error"}),u!==void 0&&(this.ancestors.includes(u)||this.ancestors.length>NC)&&(this.run.diagnostics.push({file:r,range:n.headerRange,message:`module "${e}" calls itself (directly or through other modules); it is not followed`,severity:"error"}),u=void 0);let f=u===void 0?void 0:this.run.folder(u);if(f===void 0)return{name:e,expansion:l,instances:void 0};let p=o.filter(m=>!oC.has(m.name)),h=this.instanceKeys(l).map(({key:m,suffix:g,bindings:b})=>{let y=`${this.prefix()}module.${e}${g}`,w={name:e,address:y,file:r,range:n.range,headerRange:n.headerRange,source:typeof a=="string"?a:"",dir:u,downloaded:d},k=wn(i,b),S=new t(this.run,f,y,[...this.callChain,w],c,[...this.ancestors,u],($,P)=>{let T=p.find(A=>A.name===$);if(T===void 0){P.default===void 0&&this.run.diagnostics.push({file:r,range:n.headerRange,message:`module "${e}" does not set the required variable "${$}"`,severity:"warning"});return}let N=Be(T.expr,k);return Pu(P,{value:N,source:"argument",file:r,range:T.range,valueRange:T.expr.range},this.run.diagnostics)},($,P)=>{let T=p.find(N=>N.name===$);return T===void 0?void 0:this.traceExpr(T.expr,r,"argument",`${$} of module.${e}`,P)});for(let $ of p)f.variables.has($.name)||this.run.diagnostics.push({file:r,range:$.nameRange,message:`module "${e}" has no variable named "${$.name}"`,severity:"error"});return{key:m,address:y,item:S}});return{name:e,expansion:l,instances:h}}collect(e){let n=[...this.vars.values()].map(a=>a.get()),r=new Map([...this.locals].map(([a,l])=>[a,l.get()])),i=new Map([...this.outputs].map(([a,l])=>[a,l.get()])),o=[];for(let a of this.resources.values()){let l=a.get(),{decl:c}=l,u=l.instances.map(f=>f.address),d=_g(c.block.body.attributes.find(f=>f.name==="provider")?.expr);for(let f of l.instances)o.push({mode:c.mode,type:c.type,name:c.name,configAddress:`${c.mode==="data"?"data.":""}${c.type}.${c.name}`,address:f.address,key:f.key,instances:u,module:this.address,file:c.file,range:c.block.range,headerRange:c.block.headerRange,body:f.item.body,attributes:f.item.object,...d===void 0?{}:{provider:d},moduleCalls:this.callChain})}let s=[...this.calls.values()].map(a=>a.get());e.push({address:this.address,dir:this.def.dir,calls:this.callChain,resources:o,variables:n,locals:r,outputs:i});for(let a of s)for(let l of a.instances??[])l.item.collect(e)}};function OC(t,e){switch(t.kind){case"single":return e[0]?.value??null;case"count":return e.map(n=>n.value);case"for_each":return Te(e.map(n=>[String(n.key),n.value]));case"unknown":return new ni(e[0]?.value??null,t.reason.reason,t.reason.detail)}}function _g(t){if(t!==void 0){if(t.kind==="literal"&&typeof t.value=="string")return t.value;if(t.kind==="variable")return t.name;if(t.kind==="getattr"){let e=_g(t.target);return e===void 0?void 0:`${e}.${t.name}`}if(t.kind==="template"&&t.unwrap&&t.parts[0]?.kind==="interpolation")return _g(t.parts[0].expr)}}function Sg(t){let e=ci.normalize(t===""?".":t);return e.length>1&&e.endsWith("/")?e.slice(0,-1):e}function uq(t){let e=new Set;return t.filter(n=>{let r=`${n.file}\0${n.range.startLine}:${n.range.startColumn}-${n.range.endLine}:${n.range.endColumn}\0${n.message}`;return e.has(r)?!1:(e.add(r),!0)})}function PC(t){return typeof t=="object"&&t!==null&&!Array.isArray(t)}var dq=/trailguard:ignore\s+([A-Za-z0-9_,\s-]+?)(?:\s+--\s*([\s\S]*?))?\s*(?:\*\/)?\s*$/;function fq(t){return t.type==="resource"&&t.labels.length===2?`${t.labels[0]}.${t.labels[1]}`:t.type==="data"&&t.labels.length===2?`data.${t.labels[0]}.${t.labels[1]}`:t.type==="module"&&t.labels.length===1?`module.${t.labels[0]}`:null}function pq(t){let e=new Map,n=(r,i,o)=>{for(let a of r.attributes)e.set(a.range.startLine,{address:i,path:[...o,a.name]});let s=new Map;for(let a of r.blocks){let l=s.get(a.type)??0;s.set(a.type,l+1),e.set(a.range.startLine,{address:i,path:[...o,a.type,l]}),n(a.body,i,[...o,a.type,l])}};for(let r of t.body.blocks){let i=fq(r);i&&(n(r.body,i,[]),e.set(r.range.startLine,{address:i}))}return e}function DC(t,e){if(!t.comments.some(o=>o.text.includes("trailguard:ignore")))return[];let n=new Set;for(let o of t.comments)for(let s=o.range.startLine;s<=o.range.endLine;s++)n.add(s);let r=pq(t),i=[];for(let o of t.comments){let s=dq.exec(o.text.replace(/^(#|\/\/|\/\*)\s*/,""));if(!s)continue;let a=o.range.endLine+1;for(;n.has(a)&&!r.has(a);)a++;let l=r.get(a);if(!l)continue;let c=s[2]?.trim()||null,u=l.path?void 0:e.get(l.address);i.push({rules:s[1].split(",").map(d=>d.trim()).filter(Boolean),reason:c,loc:{file:t.path,range:o.range,address:l.address,path:l.path??[]},file:t.path,address:l.address,...l.path?{path:l.path}:{},...u?.length?{alsoAddresses:u}:{}})}return i}import{existsSync as mq}from"node:fs";import{availableParallelism as hq}from"node:os";import{fileURLToPath as gq}from"node:url";import{Worker as yq}from"node:worker_threads";var MC=512*1024,bq=6;function VC(t=process.env){let e=t.TRAILGUARD_PARSE_WORKERS;return e!==void 0&&/^\d+$/.test(e.trim())?Math.min(Number(e),16):Math.max(1,Math.min(hq()-1,3))}function wq(){try{let t=gq(new URL("./hcl-worker.js",import.meta.url));return mq(t)?t:void 0}catch{return}}var Du=class t{slots=[];jobs=new Map;byId=new Map;queue=[];next=0;broken=!1;static start(e,n=wq()){if(!n||e<1)return null;try{return new t(n,e)}catch{return null}}constructor(e,n){for(let r=0;r<n;r++){let i=new yq(e),o={worker:i,busy:0};i.on("message",s=>this.done(o,s)),i.on("error",()=>this.fail()),i.on("exit",()=>this.fail()),this.slots.push(o)}}submit(e){for(let n of e){if(this.jobs.has(n.path))continue;let r={id:this.next++,path:n.path,text:n.text,state:"queued",waiting:[]};this.jobs.set(n.path,r),this.byId.set(r.id,r),this.queue.push(r)}this.feed()}async settle(e,n){let r=e.map(i=>this.jobs.get(i)).filter(i=>i!==void 0);for(;;){let i=r.filter(s=>s.state==="sent");if(i.length===0)return;let o=this.broken?void 0:this.nextQueued();if(o===void 0){await Promise.all(i.map(s=>new Promise(a=>s.waiting.push(a))));return}o.tree=n.flatten(o.text),o.state="parsed",await new Promise(s=>setImmediate(s))}}take(e,n){let r=this.jobs.get(e);if(!r||r.text!==n||r.state==="taken")return;let i=r.state==="parsed"?r.tree:void 0;return r.state="taken",r.tree=void 0,r.text=void 0,(r.worker===void 0||i!==void 0)&&this.byId.delete(r.id),i??void 0}close(){this.broken=!0;for(let e of this.slots)e.worker.terminate();this.release()}feed(){if(!this.broken)for(let e of this.slots)for(;e.busy<bq;){let n=this.nextQueued();if(!n)return;n.state="sent",n.worker=e,e.busy++;let r={id:n.id,text:n.text};e.worker.postMessage(r)}}nextQueued(){for(;this.queue.length>0;){let e=this.queue.shift();if(e.state==="queued")return e}}done(e,n){e.busy--;let r=this.byId.get(n.id);if(r?.state==="sent"){r.state="parsed",r.tree=n.tree;for(let i of r.waiting.splice(0))i()}else r&&this.byId.delete(n.id);this.feed()}fail(){if(!this.broken){this.broken=!0;for(let e of this.slots)e.worker.terminate();this.release()}}release(){for(let e of this.byId.values())if(e.state==="sent"){e.state="parsed",e.tree=null;for(let n of e.waiting.splice(0))n()}}};function FC(t,e){let n=(r,i)=>{let o=e.take(r,i);return o?t.parseFlat(r,i,o):t.parseNative(r,i)};return{parseFile:(r,i)=>r.endsWith(".json")?t.parseFile(r,i):n(r,i),parseNative:n,parseFlat:(r,i,o)=>t.parseFlat(r,i,o),flatten:r=>t.flatten(r),parseJson:(r,i,o)=>t.parseJson(r,i,o),parseTemplate:(r,i)=>t.parseTemplate(r,i),parseExpression:(r,i)=>t.parseExpression(r,i)}}var Tg=/\.(tf|tofu)(\.json)?$/,kq=/\.(tf|tofu|tfvars)$/;function pa(t){let e=Mu.dirname(t);return e===""?".":e}function vq(t){let e=new Set;for(let[n,r]of t)for(let i of r)if(Tg.test(i.path))for(let o of ou(i.path,i.text))e.add(Mu.normalize(Mu.join(n,o)).replace(/\/$/,""));return[...t.keys()].filter(n=>!e.has(n)&&t.get(n).some(r=>Tg.test(r.path))).sort()}async function jC(t,e,n,r=null,i=new to){let o=new Map;for(let p of e)o.set(pa(p.path),[...o.get(pa(p.path))??[],p]);let s={parts:[],notifications:[],scanned:[],failed:[]},a=null,l=new Set(e.map(p=>p.path)),c=new Set,u=new Set,d=vq(o),f=r?FC(t,r):t;if(r){let p=m=>(o.get(m)??[]).filter(g=>kq.test(g.path)),h=new Set(d);r.submit([...d.flatMap(p),...[...o.keys()].filter(m=>!h.has(m)).flatMap(p)])}for(let p of d){r&&await r.settle(o.get(p).map(y=>y.path),t);let h=n.modulesManifest(p),m=Ag(f,{dir:p,files:o.get(p),readFolder:y=>o.get(Mu.normalize(y))??n.readFolder(y),readFile:y=>n.readFile(y),...h!==void 0?{modulesManifest:h}:{},cliVariables:n.cliVariables,environment:n.environment}),g=ku(m.resources.filter(y=>y.mode==="managed").map(HT)),b={...g.part,directives:[...m.files.values()].filter(y=>l.has(y.path)).flatMap(y=>DC(y,g.splitsOf))};i.detach(b),i.detach(g.accountPublicAccessBlock),s.parts.push(b),a??=g.accountPublicAccessBlock;for(let y of m.diagnostics){let w=`${y.file}:${y.range.startLine}:${y.range.startColumn}:${y.message}`;if(u.has(w))continue;u.add(w);let k=y.severity==="error"&&/^Syntax error/i.test(y.message);s.notifications.push({level:y.severity,id:k?"parse-error":"terraform-evaluation",message:y.message,file:y.file,line:y.range.startLine,column:y.range.startColumn})}for(let[y,w]of m.files){if(!l.has(y)||c.has(y))continue;c.add(y);let k=w.body.blocks.length===0&&w.body.attributes.length===0;(w.errors.length>0&&k?s.failed:s.scanned).push(y)}for(let y of o.get(p))y.release?.()}for(let p of e)!c.has(p.path)&&!Tg.test(p.path)&&s.scanned.push(p.path);return{...s,accountPublicAccessBlock:a}}var Cg=new v("known-after-apply"),Vu=le("aws:region"),Fu=le("aws:account");function ju(t){if(t.kind==="scalar")return t.value;if(t.kind==="seq")return t.items.map(ju);let e={};for(let n of t.entries)e[n.key]=ju(n.value);return e}function Eg(t){return!!t&&t.kind==="scalar"&&t.value===!0}function Wu(t,e){if(Eg(e))return Cg;if(!e)return ju(t);if(t.kind==="seq")return t.items.map((n,r)=>Wu(n,e.kind==="seq"?e.items[r]:void 0));if(t.kind==="map"){let n={};for(let r of t.entries)n[r.key]=Wu(r.value,e.kind==="map"?L(e,r.key)?.value:void 0);if(e.kind==="map")for(let r of e.entries)!(r.key in n)&&Eg(r.value)&&(n[r.key]=Cg);return n}return ju(t)}var $g=class t{constructor(e,n,r,i){this.values=e;this.unknowns=n;this.range=r;this.fallback=i}values;unknowns;range;fallback;attr(e){let n=this.values?L(this.values,e):void 0,r=this.unknowns?.kind==="map"?L(this.unknowns,e)?.value:void 0;if(!n)return Eg(r)?{value:Cg,range:this.fallback}:void 0;let i=Wu(n.value,r);if(i!==null)return{value:i,range:this.range(n.keySpan[0],n.value.span[1])}}blocks(e){let n=this.values?L(this.values,e):void 0;if(!n||n.value.kind!=="seq")return[];let r=this.unknowns?.kind==="map"?L(this.unknowns,e)?.value:void 0;return n.value.items.map((i,o)=>{let s=this.range(i.span[0],i.span[1]),a=new t(i.kind==="map"?i:null,r?.kind==="seq"?r.items[o]:void 0,this.range,s);return{range:s,attr:l=>a.attr(l),blocks:l=>a.blocks(l)}})}};function _q(t,e,n){let r=o=>typeof n=="object"&&n!==null&&!Array.isArray(n)&&!(n instanceof v)?n[o]:void 0,i=o=>{let s=r(o);return typeof s=="string"?s:le(`${e}.${o}`)};return o=>{let s=r(o);if(s!==void 0&&!(s instanceof v))return s;switch(`${t}.${o}`){case"aws_s3_bucket.bucket":case"aws_s3_bucket.id":return i("bucket");case"aws_s3_bucket.arn":return`arn:aws:s3:::${i("bucket")}`;case"aws_cloudtrail.name":return i("name");case"aws_cloudtrail.arn":return`arn:aws:cloudtrail:${Vu}:${Fu}:trail/${i("name")}`;case"aws_kms_key.key_id":case"aws_kms_key.id":return le(`${e}.key_id`);case"aws_kms_key.arn":return`arn:aws:kms:${Vu}:${Fu}:key/${le(`${e}.key_id`)}`;case"aws_cloudwatch_log_group.name":return i("name");case"aws_cloudwatch_log_group.arn":return`arn:aws:logs:${Vu}:${Fu}:log-group:${i("name")}`;case"aws_sns_topic.name":return i("name");case"aws_sns_topic.arn":return`arn:aws:sns:${Vu}:${Fu}:${i("name")}`;default:return s}}}function WC(t,e,n,r=0){if(!t||r>64)return;let i=L(t,"resources")?.value;if(i?.kind==="seq")for(let s of i.items)s.kind==="map"&&n.push({node:s,module:e});let o=L(t,"child_modules")?.value;if(o?.kind==="seq")for(let s of o.items){if(s.kind!=="map")continue;let a=L(s,"address")?.value;WC(s,a?.kind==="scalar"?String(a.value):e,n,r+1)}}function vo(t){return t?.kind==="scalar"&&typeof t.value=="string"?t.value:null}function qC(t){return!!t&&t.kind==="map"&&!!L(t,"format_version")&&!!L(t,"planned_values")}function GC(t,e,n){let r=new wt(e),i=(d,f)=>r.range(d,f),o=[];WC(L(L(n,"planned_values")?.value,"root_module")?.value,"",o);let s=new Map,a=L(n,"resource_changes")?.value;if(a?.kind==="seq")for(let d of a.items){if(d.kind!=="map")continue;let f=vo(L(d,"address")?.value),p=L(d,"change")?.value,h=p?.kind==="map"?L(p,"after_unknown")?.value:void 0;f&&h&&s.set(f,h)}let l=Sq(n),c=[],u=new Map;for(let d of o){if(vo(L(d.node,"mode")?.value)!=="managed")continue;let f=vo(L(d.node,"address")?.value),p=vo(L(d.node,"type")?.value);if(!f||!p)continue;let h=L(d.node,"address"),m=i(h.keySpan[0],h.value.span[1]),g=L(d.node,"values")?.value,b=g?.kind==="map"?g:null,y=s.get(f),w=new $g(b,y,i,m),k=b?Wu(b,y):{},S=f.replace(/\[[^\]]*\]$/,"").replace(/^(module\.[^.]+(\[[^\]]*\])?\.)+/,""),$={source:"plan",type:p,address:f,instances:[f],module:d.module,file:t,header:m,via:[],computed:_q(p,f,k),attr:P=>{let T=w.attr(P);if(!T||!(T.value instanceof v))return T;let N=l.get(`${d.module}|${S}|${P}`),ce=(N&&u.get(d.module?`${d.module}.${N.resource}`:N.resource))?.computed(N.attribute);return typeof ce=="string"?{value:ce,range:T.range}:T},blocks:P=>w.blocks(P)};c.push($),u.set(f,$),u.set(f.replace(/\[[^\]]*\]$/,""),$)}return c}function Sq(t){let e=new Map,n=(i,o,s)=>{if(!i||i.kind!=="map"||s>64)return;let a=L(i,"resources")?.value;if(a?.kind==="seq")for(let c of a.items){if(c.kind!=="map")continue;let u=vo(L(c,"address")?.value),d=L(c,"expressions")?.value;if(!(!u||d?.kind!=="map"))for(let f of d.entries){let p=f.value.kind==="map"?L(f.value,"references")?.value:void 0;if(p?.kind==="seq")for(let h of p.items){let m=/^([a-z0-9_]+\.[A-Za-z0-9_-]+)\.([a-z_]+)$/.exec(vo(h)??"");if(m&&!m[1].startsWith("var.")&&!m[1].startsWith("local.")&&!m[1].startsWith("module.")){e.set(`${o}|${u}|${f.key}`,{resource:m[1],attribute:m[2]});break}}}}let l=L(i,"module_calls")?.value;if(l?.kind==="map")for(let c of l.entries){let u=c.value.kind==="map"?L(c.value,"module")?.value:void 0;n(u,o?`${o}.module.${c.key}`:`module.${c.key}`,s+1)}},r=L(t,"configuration")?.value;return n(r?.kind==="map"?L(r,"root_module")?.value:void 0,"",0),e}function qu(t,e,n,r,i,o){let s=e.position(n);return{level:r,id:i,message:o,file:t,line:s.line,column:s.column}}function Aq(t,e,n){let r=t.kind==="cloudformation-json"?Ao(t.text):Qi(t.text);if(!r.ok){e.failed.push(t.rel),e.notifications.push(qu(t.rel,new wt(t.text),r.error.offset,"error","parse-error",r.error.message));return}if(!EA(r.root))return;let i=new zc(t.rel,t.text,r.root);for(let s of r.warnings)e.notifications.push(qu(t.rel,i.lines,s.offset,"warning","unknown-tag",`${s.message}: its value is treated as unknown`));let o=MT(i);n.detach(o),e.parts.push(o);for(let s of i.notices)e.notifications.push(qu(t.rel,i.lines,s.offset,s.level,s.id,s.message));e.scanned.push(t.rel)}var Tq=new Set(["terraform","terraform-json","tfvars","tfvars-json"]);async function BC(t,e,n=null){let r={parts:[],notifications:[],scanned:[],failed:[]},i=new Set,o=new to,s=null,a=new Set;for(let f of t){if(f.kind!=="plan")continue;let p=Ao(f.text);if(!p.ok){r.failed.push(f.rel),r.notifications.push(qu(f.rel,new wt(f.text),p.error.offset,"error","parse-error",p.error.message));continue}if(!qC(p.root))continue;i.add("plan"),a.add(pa(f.rel));let h=ku(GC(f.rel,f.text,p.root));o.detach(h),r.parts.push(h.part),f.release?.(),s??=h.accountPublicAccessBlock,r.scanned.push(f.rel)}let l=t.filter(f=>Tq.has(f.kind)&&!a.has(pa(f.rel)));if(l.length){i.add("terraform");let{loadHclParser:f}=await import("./chunk-SPCIWRUO.js"),p=l.map(g=>({path:g.rel,get text(){return g.text},release:()=>g.release?.()})),h=Cq(p),m;try{m=await jC(await f(),p,n??Eq,h,o)}finally{h?.close()}r.parts.push(...m.parts),r.notifications.push(...m.notifications),r.scanned.push(...m.scanned),r.failed.push(...m.failed),s??=m.accountPublicAccessBlock}let c={parts:[],notifications:[],scanned:[],failed:[]};for(let f of t)(f.kind==="cloudformation-yaml"||f.kind==="cloudformation-json")&&(i.add("cloudformation"),Aq(f,c,o),f.release?.());r.parts.unshift(...c.parts),r.notifications.unshift(...c.notifications),r.scanned.unshift(...c.scanned),r.failed.unshift(...c.failed);let u=r.parts.length?PT(r.parts):Fn();return{model:{kinds:i,...u,account:$q(e,i.has("terraform")?"terraform":"cloudformation",s)},part:u,notifications:r.notifications,scanned:r.scanned,failed:r.failed}}function Cq(t){let e=0;for(let n of t)e+=n.text.length;return e>=MC?Du.start(VC()):null}var Eq={readFolder:()=>{},readFile:()=>{},modulesManifest:()=>{},cliVariables:[],environment:{}};function $q(t,e,n){let r={file:t.file??void 0,address:"(scanned files)",path:[]};return{type:"account",address:"(scanned files)",source:e,loc:t.file?{...r,file:t.file}:{address:"(scanned files)",path:[]},label:"(scanned files)",accountId:Z("other-account",r),...t.requireTrailAt?{requireTrailAt:t.requireTrailAt}:{},...t.organizationAt?{organizationAt:t.organizationAt}:{},publicAccessBlock:n??O(null,r,"default")}}var Bn="0.1.0",xg="https://github.com/trailguard/trailguard";function vn(t,e){return`${xg}/blob/v${Bn}/rules/${t}-${e}/doc.md`}var KC=64*1024*1024;async function ma(t={}){let e=ui.resolve(t.cwd??process.cwd()),n=t.paths?.length?t.paths:["."],r=n.map(K=>ui.resolve(e,K));for(let[K,ve]of r.entries())try{await UC(ve)}catch{throw new B(`path does not exist: ${n[K]}`)}let i=xq(t,r[0],e),o=new Map;for(let[K,ve]of t.ruleLevels??[]){let Sn=Yt(K);if(!Sn)throw new B(`--rule: unknown rule '${K}'`);o.set(Sn,ve)}let s=[],a=[];for(let K of r)((await UC(K)).isDirectory()?a:s).push(K);let l=s.length?[...new Set([e,...a])]:a,c=yT([...l,...s],e,i.ignorePaths,i.dir),u=s.length?kT(c,new Set(s),a):c,d=new Set(s.map(K=>Vn(K,e))),f=s.filter(K=>/\.tfvars(\.json)?$/.test(K)).map(K=>ui.dirname(K)),p=K=>!s.length||d.has(K)||[...a,...f].some(ve=>!ui.relative(ve,ui.resolve(e,K)).startsWith("..")),{files:h,notifications:m}=Rq(u),g=bT(e,t.vars??[],t.varFiles??[],t.env??process.env),b=await BC(h,i,g),y=_t,w=y.filter(K=>pr(K.meta.id,K.meta.level,{config:i,overrides:o})!=="off"),k=uo(b.model,w,i.settings),S=s.length?new Set(h.map(K=>K.rel).filter(p)):null,$=t.baseline?ha(t.baseline,e):null,P=(t.now??new Date).toISOString().slice(0,10),T=ao(k.results,b.part.directives,{config:i,overrides:o,strict:!!t.strict,reportFiles:S,baseline:$,today:P}),N=[...m,...b.notifications,...k.notifications,...T.notifications],A=h.length;A===0&&N.push({level:"note",id:"no-files",message:`No IaC files found under ${n.join(", ")}.`});let ce=A>0&&b.failed.length===A,G=S?b.scanned.filter(K=>S.has(K)).length:b.scanned.length,fe=RT(t.changedLines?Iq(T.results,t.changedLines):T.results,h,e),{results:C,fixes:E}=fe;N.push(...fe.notifications);let lt=lo(C,T.baselined,G),ue=new Map(y.map(K=>[K.meta.id,pr(K.meta.id,K.meta.level,{config:i,overrides:o})])),Xe=ce?2:co(C,t.failOn??"error")?1:0;return{version:Bn,category:"iac",automationId:"trailguard/iac/",results:C,notifications:Oq(N),summary:lt,rules:y,levels:ue,config:i,exitCode:Xe,paths:n,fixes:E}}function xq(t,e,n){if(t.config){let i=ui.resolve(n,t.config);try{Gu(i)}catch{throw new B(`--config: cannot read ${t.config}`)}return eo(i,n)}let r=Uc(e);return r?eo(r,n):Ra(n)}function Rq(t){let e=[],n=[];for(let r of t){let i=Hs(r.abs);if(!i)continue;let o,s;try{let c=zC(r.abs);if(c.size>KC){n.push({level:"warning",id:"file-too-large",message:`skipped: larger than ${KC>>20} MB`,file:r.rel});continue}s={size:c.size,mtimeMs:c.mtimeMs},o=Gu(r.abs)}catch(c){if(c.code==="ENOENT")continue;n.push({level:"warning",id:"unreadable-file",message:`cannot read: ${c.message}`,file:r.rel});continue}if(o.length===0||$A(o))continue;let a=o.toString("utf8"),l=i==="maybe-json"||i==="maybe-yaml"?xA(r.abs,a,i):i;l&&e.push(new Rg(r.rel,r.abs,l,a,s))}return{files:e,notifications:n}}var Rg=class{constructor(e,n,r,i,o){this.rel=e;this.abs=n;this.kind=r;this.stamp=o;this.held=i}rel;abs;kind;stamp;held;get text(){if(this.held===void 0)try{this.held=Gu(this.abs,"utf8")}catch{this.held=""}return this.held}release(){this.held=void 0}get stale(){try{let e=zC(this.abs);return e.size!==this.stamp.size||e.mtimeMs!==this.stamp.mtimeMs}catch{return!0}}};function ha(t,e){let n;try{n=JSON.parse(Gu(ui.resolve(e,t),"utf8"))}catch(o){throw new B(`--baseline: cannot read ${t}: ${o.message}`)}let r=new Set,i=n;for(let o of i.runs??[])for(let s of o.results??[]){let a=s.partialFingerprints?.["trailguard/v1"];a&&r.add(a)}for(let o of i.results??[])o.fingerprint&&r.add(o.fingerprint);if(!i.runs&&!i.results)throw new B(`--baseline: ${t} is not a trailguard SARIF or JSON report`);return r}function Iq(t,e){return t.filter(n=>{let r=n.loc.range,i=n.loc.file&&r?e.get(n.loc.file):void 0;return!!i&&i.some(([o,s])=>o<=r.endLine&&s>=r.startLine)})}function Oq(t){return t.sort((e,n)=>(e.file??"").localeCompare(n.file??"")||(e.line??0)-(n.line??0)||e.id.localeCompare(n.id))}import{execFileSync as Pq}from"node:child_process";import Bu from"node:path";var fi=class extends Error{},Nq=[1,Number.MAX_SAFE_INTEGER];function di(t,e){try{return Pq("git",t,{cwd:e,encoding:"utf8",stdio:["ignore","pipe","pipe"],maxBuffer:256*1024*1024})}catch(n){let r=n;if(r.code==="ENOENT")throw new fi("git is not installed (or not on PATH)");let i=(r.stderr??"").trim().split(`
`).filter(Boolean).pop()??r.message;throw new fi(i)}}function HC(t,e){try{return di(["cat-file","-e",`${t}^{commit}`],e),!0}catch{return!1}}function M8(t,e){try{return di(["fetch","--quiet","--depth=1","origin",t],e),HC(t,e)}catch{return!1}}function Lq(t,e){return di(["merge-base",t,"HEAD"],e).trim()}function Dq(t){if(!t.startsWith('"')||!t.endsWith('"')||t.length<2)return t;let e=t.slice(1,-1),n=[],r={a:7,b:8,t:9,n:10,v:11,f:12,r:13,'"':34,"\\":92};for(let i=0;i<e.length;i++){let o=e[i];if(o!=="\\"){n.push(...Buffer.from(o,"utf8"));continue}let s=e[i+1]??"";if(/[0-7]/.test(s)){let a=/^[0-7]{1,3}/.exec(e.slice(i+1))[0];n.push(parseInt(a,8)),i+=a.length}else n.push(r[s]??s.charCodeAt(0)),i++}return Buffer.from(n).toString("utf8")}function Mq(t){let e=new Map,n=t.split(`
`),r=null;for(let i=0;i<n.length;i++){let o=n[i];if(o.startsWith("+++ ")){let u=Dq(o.slice(4).replace(/\t$/,""));r=u.startsWith("b/")?u.slice(2):null;continue}let s=/^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/.exec(o);if(!s)continue;let a=s[1]===void 0?1:Number(s[1]),l=Number(s[2]),c=s[3]===void 0?1:Number(s[3]);if(r&&c>0){let u=e.get(r)??[];u.push([l,l+c-1]),e.set(r,u)}for(;(a>0||c>0)&&i+1<n.length;){let u=n[++i];if(u.startsWith("-"))a--;else if(u.startsWith("+"))c--;else if(!u.startsWith("\\")){i--;break}}}return e}function YC(t,e,n={mergeBase:"require"}){if(!t||t.startsWith("-"))throw new fi(`'${t}' is not a revision`);let r=di(["rev-parse","--show-cdup"],e).trim(),i=Bu.resolve(e,r||"."),o;try{o=Lq(t,e)}catch(u){if(n.mergeBase==="require"||!HC(t,e))throw u;o=t}let s=di(["-c","core.quotePath=false","diff","--unified=0","--no-color","--no-ext-diff","--no-textconv","--src-prefix=a/","--dst-prefix=b/",o,"--"],i),a=Mq(s),l=di(["ls-files","--others","--exclude-standard","-z"],i).split("\0").filter(Boolean);for(let u of l)a.set(u,[Nq]);let c=new Map;for(let[u,d]of a){let f=Bu.relative(e,Bu.join(i,u)).split(Bu.sep).join("/");c.set(f||u,d)}return c}function V8(t){try{let[e,n]=di(["rev-parse","HEAD","--show-prefix"],t).split(`
`);return e?{sha:e.trim(),prefix:(n??"").trim()}:null}catch{return null}}var pi=25e3;function mi(t){return t.split("/").map(e=>e===".."||e==="."?e:encodeURIComponent(e)).join("/")}function Vq(t,e){if(t.file&&t.range){let n=t.range;return{artifactLocation:{uri:mi(t.file),uriBaseId:"%SRCROOT%"},region:{startLine:n.startLine,startColumn:n.startColumn,endLine:n.endLine,endColumn:n.endColumn}}}if(t.file)return{artifactLocation:{uri:mi(t.file),uriBaseId:"%SRCROOT%"},region:{startLine:1}};if(e)return{artifactLocation:{uri:mi(e),uriBaseId:"%SRCROOT%"},region:{startLine:1}}}function JC(t,e){let n=Vq(t,e),r={};return n&&(r.physicalLocation=n),t.arn&&(r.logicalLocations=[{fullyQualifiedName:t.arn,kind:"resource"}]),r}function Fq(t){return(t.replace(/^#[^\n]*\n+/,"").split(/\n\s*\n/)[0]??"").replace(/\s+/g," ").trim()}function jq(t){return[...t.meta.tags,...(t.meta.controls.cis??[]).map(e=>`CIS-AWS/${e}`),...(t.meta.controls.securityHub??[]).map(e=>`SecurityHub/${e}`)]}function Wq(t){let e=t.meta;return{id:e.id,name:e.name,shortDescription:{text:e.summary},fullDescription:{text:Fq(t.doc)||e.summary},help:{text:t.doc,markdown:t.doc},helpUri:vn(e.id,e.name),defaultConfiguration:{level:e.level},properties:{tags:jq(t),precision:e.precision,"security-severity":e.securitySeverity.toFixed(1),equivalents:e.equivalents}}}function qq(t){let e={level:t.level,message:{text:t.message},descriptor:{id:t.id}};if(t.file){let n=t.line?{startLine:t.line,...t.column?{startColumn:t.column}:{}}:{startLine:1};e.locations=[{physicalLocation:{artifactLocation:{uri:mi(t.file),uriBaseId:"%SRCROOT%"},region:n}}]}return e}function Gq(t){let e=new wt(t.before),n=e.position(t.edit.start),r=e.position(t.edit.end);return{description:{text:t.description??(t.edit.start===t.edit.end?"Add the setting":"Change the value")},artifactChanges:[{artifactLocation:{uri:mi(t.file),uriBaseId:"%SRCROOT%"},replacements:[{deletedRegion:{startLine:n.line,startColumn:n.column,endLine:r.line,endColumn:r.column},insertedContent:{text:t.edit.text}}]}]}}function Bq(t,e,n,r){let i={ruleId:t.ruleId,ruleIndex:e,kind:t.kind==="review"?"review":"fail",level:t.kind==="review"?"none":t.level,message:{text:t.message},locations:[JC(t.loc,n)],partialFingerprints:{"trailguard/v1":t.fingerprint}};return t.related.length&&(i.relatedLocations=t.related.map((o,s)=>({id:s+1,...JC(o.loc,null),message:{text:o.message}}))),r&&(i.fixes=[Gq(r)]),t.suppression&&(i.suppressions=[{kind:t.suppression.kind,justification:t.suppression.reason,status:"accepted"}]),t.instances&&t.instances.length&&(i.properties={instances:[...t.instances]}),i}var XC={error:0,warning:1,note:2};function Uq(t,e){let n=[...t.rules].sort((c,u)=>c.meta.id<u.meta.id?-1:1),r=new Map(n.map((c,u)=>[c.meta.id,u])),i=t.notifications.map(qq),o=t.results;o.length>pi&&(o=[...o].sort((c,u)=>(XC[c.level]??3)-(XC[u.level]??3)).slice(0,pi),i.push({level:"warning",message:{text:`only the ${pi} most severe of ${t.results.length} results are in this log (GitHub's limit)`},descriptor:{id:"results-truncated"}}));let s=[];for(let c of n){let u=t.levels.get(c.meta.id);u==="off"?s.push({descriptor:{id:c.meta.id,index:r.get(c.meta.id)},configuration:{enabled:!1}}):u&&u!==c.meta.level&&s.push({descriptor:{id:c.meta.id,index:r.get(c.meta.id)},configuration:{level:u}})}let a={executionSuccessful:t.exitCode!==2,toolExecutionNotifications:i};s.length&&(a.ruleConfigurationOverrides=s);let l=new URL(`file://${e.cwd.endsWith("/")?e.cwd:e.cwd+"/"}`).href;return{$schema:"https://json.schemastore.org/sarif-2.1.0.json",version:"2.1.0",runs:[{tool:{driver:{name:"trailguard",semanticVersion:t.version,version:t.version,informationUri:xg,rules:n.map(Wq)}},automationDetails:{id:t.automationId},originalUriBaseIds:{"%SRCROOT%":{uri:l}},columnKind:"utf16CodeUnits",invocations:[a],results:o.map(c=>Bq(c,r.get(c.ruleId)??-1,e.anchor,t.fixes?.get(c.fingerprint)))}]}}function QC(t,e){return JSON.stringify(Uq(t,e),null,2)+`
`}function ZC(t){return t.kind==="review"?3:t.level==="error"?0:t.level==="warning"?1:2}function Kq(t,e=t.results){let n=new Map(t.rules.map(r=>[r.meta.id,r.meta.securitySeverity]));return e.map((r,i)=>({r,i})).filter(({r})=>!r.suppression).sort((r,i)=>ZC(r.r)-ZC(i.r)||(n.get(i.r.ruleId)??0)-(n.get(r.r.ruleId)??0)||r.i-i.i).map(({r})=>r)}function zq(t){let e=t.kind==="review",n=e||t.level==="note"?"notice":t.level,r=t.instances&&t.instances.length>1?` [${t.instances.join(", ")}]`:"",i=!t.loc.file&&t.arn&&!t.message.includes(t.arn)?` (${t.arn})`:"",o={command:n,message:`${t.message}${r}${i}`,title:`${t.ruleId} ${t.ruleName}${e?" (review)":""}`};if(!t.loc.file)return o;let s=t.loc.range;return s?{...o,file:t.loc.file,startLine:s.startLine,endLine:s.endLine,startColumn:s.startColumn,endColumn:s.endColumn}:{...o,file:t.loc.file}}function Hq(t){let n={command:t.level==="note"?"notice":t.level,message:t.message,title:`trailguard ${t.id}`};return t.file?{...n,file:t.file,...t.line?{startLine:t.line}:{},...t.line&&t.column?{startColumn:t.column}:{}}:n}function eE(t){return t.replace(/%/g,"%25").replace(/\r/g,"%0D").replace(/\n/g,"%0A")}function Yq(t){return eE(t).replace(/:/g,"%3A").replace(/,/g,"%2C")}function Jq(t){let n=[["file",t.file],["line",t.startLine],["endLine",t.endLine],["col",t.startColumn],["endColumn",t.endColumn],["title",t.title]].filter(([,r])=>r!==void 0&&r!=="").map(([r,i])=>`${r}=${Yq(String(i))}`);return`::${t.command}${n.length?" "+n.join(","):""}::${eE(t.message)}`}function tE(t){let e=[...Kq(t).map(zq),...t.notifications.map(Hq)].map(Jq);return e.length?e.join(`
`)+`
`:""}function Uu(t){return t.kind==="review"?"review":t.level}function _n(t,e){return`${t} ${e}${t===1?"":"s"}`}var nE={error:"31",warning:"33",note:"36",review:"35"};function rE(t,e){let n=(s,a)=>e.color?`\x1B[${s}m${a}\x1B[0m`:a,r=[],i=t.results.filter(s=>!s.suppression),o=null;for(let s of i){let a=s.loc.file??[s.account,s.region].filter(Boolean).join(" ")??"";a!==o&&(o!==null&&r.push(""),r.push(n("4",a||"(account)")),o=a);let l=s.loc.range?`${s.loc.range.startLine}:${s.loc.range.startColumn}`:s.arn??"",c=Uu(s),u=s.instances&&s.instances.length>1?` [${s.instances.join(", ")}]`:"";r.push(`  ${l}  ${n(nE[c]??"0",c)}  ${s.message}${u}  ${n("2",`${s.ruleId} ${s.ruleName}`)}`)}if(t.notifications.length){r.length&&r.push("");for(let s of t.notifications){let a=s.file?`${s.file}${s.line?`:${s.line}`:""}`:"-";r.push(`${n(nE[s.level]??"0",s.level)}  ${a}  ${s.id}: ${s.message}`)}}return r.length&&r.push(""),t.summary.review&&r.push(`${_n(t.summary.review,"review")}: values that could not be resolved (--strict); they never fail the run.`),r.push(Ig(t)),r.join(`
`)+`
`}function Ig(t){let e=t.summary;if(t.notifications.some(o=>o.id==="no-files")&&e.files===0)return`No IaC files found under ${t.paths.join(", ")}.`;let r=e.error+e.warning+e.note,i=`in ${_n(e.files,t.category==="live"?"account":"file")}.`;return r===0&&e.suppressed===0?`No problems found ${i}`:`${_n(e.error,"error")}, ${_n(e.warning,"warning")}, ${_n(e.note,"note")} (${e.suppressed} suppressed) ${i}`}var Xq=1024*1024;function tn(t){return t.replace(/\r\n|\r|\n/g," ").replace(/&/g,"&amp;").replace(/[\\`*_[\]<>|~]/g,"\\$&")}function Og(t){return t.suppression?4:t.kind==="review"?3:t.level==="error"?0:t.level==="warning"?1:2}function Qq(t,e){let n=t.loc.file;if(!n)return tn([t.account,t.region].filter(Boolean).join(" ")||"account");let r=t.loc.range,i=tn(r?`${n}:${r.startLine}:${r.startColumn}`:n);if(!e||n.startsWith("../"))return i;let o=r?`#L${r.startLine}${r.endLine!==r.startLine?`-L${r.endLine}`:""}`:"",s=`${e}${mi(n).replace(/\(/g,"%28").replace(/\)/g,"%29")}${o}`;return`[${i}](${s})`}function iE(t,e){let n=t.suppression?"suppressed":Uu(t),r=t.instances&&t.instances.length>1?` [${t.instances.join(", ")}]`:"",i=t.suppression?` (suppressed${t.suppression.kind==="inSource"?" in source":""}: ${t.suppression.reason})`:"",o=t.arn&&t.arn!==t.address?`${t.address} (${t.arn})`:t.address;return`| ${n} | ${Qq(t,e)} | ${tn(o)} | ${tn(t.message+r+i)} |`}function Zq(t){let e=t.file?`${t.file}${t.line?`:${t.line}`:""}`:"-";return`| ${t.level} | ${tn(e)} | ${tn(t.id)} | ${tn(t.message)} |`}function eG(t){let e=new Map;for(let i of t.results){let o=e.get(i.ruleId);o?o.push(i):e.set(i.ruleId,[i])}let n=[...e].map(([i,o])=>({ruleId:i,results:o.map((s,a)=>({r:s,i:a})).sort((s,a)=>Og(s.r)-Og(a.r)||s.i-a.i).map(({r:s})=>s)})),r=i=>i.results.reduce((o,s)=>Math.min(o,Og(s)),1/0);return n.sort((i,o)=>r(i)-r(o)||(i.ruleId<o.ruleId?-1:1))}function oE(t,e={}){let n=e.maxBytes??Xq,r=t.summary,i=[`## ${tn(e.title??"trailguard")}`,"",tn(Ig(t)),"","| errors | warnings | notes | reviews | suppressed | baselined | files |","|---:|---:|---:|---:|---:|---:|---:|",`| ${r.error} | ${r.warning} | ${r.note} | ${r.review} | ${r.suppressed} | ${r.baselined} | ${r.files} |`,"",""].join(`
`),o=512,s=[i],a=Buffer.byteLength(i),l=0,c=0,u=!1,d=m=>{let g=Buffer.byteLength(m);return u||a+g>n-o?(u=!0,!1):(s.push(m),a+=g,!0)},f=new Map(t.rules.map(m=>[m.meta.id,m]));for(let m of eG(t)){let g=m.results[0],b=f.get(m.ruleId)?.meta,y=b?.name??g.ruleName,w=t.levels.get(m.ruleId)??b?.level??g.level,k=[`### ${m.ruleId} ${tn(y)} (${w}): ${_n(m.results.length,"result")}`,"",`${b?tn(b.summary)+". ":""}[Rule help](${vn(m.ruleId,y)})`,"","| level | location | resource | message |","|---|---|---|---|",""].join(`
`);if(!d(k+iE(g,e.fileLinkBase)+`
`))break;l++;for(let S of m.results.slice(1)){if(!d(iE(S,e.fileLinkBase)+`
`))break;l++}d(`
`)}if(t.notifications.length&&d(["### Notifications","","| level | where | id | message |","|---|---|---|---|",""].join(`
`))){for(let m of t.notifications){if(!d(Zq(m)+`
`))break;c++}d(`
`)}let p=t.results.length-l,h=t.notifications.length-c;if(p>0||h>0){let m=[p?_n(p,"result"):"",h?_n(h,"notification"):""].filter(Boolean).join(" and ");s.push(`> **Truncated:** ${m} not shown, to stay within ${Math.floor(n/1024)} KiB. The SARIF or JSON report has them all.
`)}return s.join("")}import{mkdirSync as lG,writeFileSync as cG}from"node:fs";import Pg from"node:path";function sE(t){return{startLine:t.range?.startLine??null,startColumn:t.range?.startColumn??null,endLine:t.range?.endLine??null,endColumn:t.range?.endColumn??null}}function tG(t){return{ruleId:t.ruleId,name:t.ruleName,kind:t.kind,level:t.kind==="review"?"note":t.level,message:t.message,file:t.loc.file??null,...sE(t.loc),resource:t.address,instances:t.instances?[...t.instances]:null,arn:t.arn,account:t.account,region:t.region,related:t.related.map(e=>({file:e.loc.file??null,...sE(e.loc),resource:e.loc.address,arn:e.loc.arn??null,message:e.message})),fingerprint:t.fingerprint,fixable:t.fixable,suppressed:t.suppression!==null,suppression:t.suppression}}function aE(t){return JSON.stringify({version:t.version,results:t.results.map(tG),notifications:t.notifications.map(e=>({level:e.level,id:e.id,message:e.message,file:e.file??null,startLine:e.line??null,startColumn:e.column??null})),summary:t.summary},null,2)+`
`}var nG=/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;function ga(t){return t.replace(nG,"�").replace(/&/g,"&amp;").replace(/</g,"&lt;").replace(/>/g,"&gt;")}function rG(t){return ga(t).replace(/"/g,"&quot;").replace(/'/g,"&apos;").replace(/\t/g,"&#9;").replace(/\n/g,"&#10;").replace(/\r/g,"&#13;")}function br(t){return Object.entries(t).filter(([,e])=>e!==void 0).map(([e,n])=>` ${e}="${rG(String(n))}"`).join("")}function iG(t){return t.loc.file?t.loc.range?`${t.loc.file}:${t.loc.range.startLine}:${t.loc.range.startColumn}`:t.loc.file:t.arn??([t.account,t.region].filter(Boolean).join(" ")||"account")}function lE(t){let e=[`${iG(t)}: ${t.kind==="review"?"review":t.level}: ${t.message}`];t.instances&&t.instances.length>1&&e.push(`instances: ${t.instances.join(", ")}`);for(let n of t.related)e.push(`related: ${n.loc.file?`${n.loc.file}${n.loc.range?`:${n.loc.range.startLine}`:""}`:n.loc.arn??n.loc.address}: ${n.message}`);return e.push(`fingerprint: ${t.fingerprint}`),e.push(`help: ${vn(t.ruleId,t.ruleName)}`),e.join(`
`)}function oG(t,e){let n=t.results.filter(a=>!a.suppression&&a.kind==="fail"),r=t.results.filter(a=>a.suppression||a.kind==="review"),i=`${e}<testcase${br({name:t.name,classname:t.classname,file:t.file,line:t.line,time:"0"})}`;if(!t.results.length)return{xml:`${i}/>`,failures:0,skipped:0};let o=[],s=e+"  ";if(!n.length){let a=r.map(l=>l.suppression?`suppressed (${l.suppression.kind}): ${l.suppression.reason}`:`review: ${l.message}`).join("; ");o.push(`${s}<skipped${br({message:a})}/>`)}for(let a of n)o.push(`${s}<failure${br({message:a.message,type:a.level})}>${ga(lE(a))}</failure>`);return n.length&&r.length&&o.push(`${s}<system-out>${ga(r.map(lE).join(`

`))}</system-out>`),{xml:`${i}>
${o.join(`
`)}
${e}</testcase>`,failures:n.length?1:0,skipped:n.length?0:1}}function sG(t){let e=new Map;for(let n of t){let r=JSON.stringify([n.loc.file??null,n.address]),i=e.get(r);i||(i={name:n.loc.file?`${n.address} (${n.loc.file})`:n.address,classname:`${n.ruleId}.${n.ruleName}`,...n.loc.file?{file:n.loc.file}:{},...n.loc.range?{line:n.loc.range.startLine}:{},results:[]},e.set(r,i)),i.results.push(n)}return[...e.values()]}function aG(t,e){let n=t.file?`${t.file}${t.line?`:${t.line}`:""}`:"";return`${`${e}<testcase${br({name:`${t.id}${n?` (${n})`:""}`,classname:"trailguard.notifications",file:t.file,line:t.line,time:"0"})}>`}
${e}  <error${br({message:t.message,type:t.id})}>${ga(`${n?n+": ":""}${t.message}`)}</error>
${e}</testcase>`}function cE(t){let e=[],n=0,r=0,i=0,o=new Map;for(let u of t.results){let d=o.get(u.ruleId);d?d.push(u):o.set(u.ruleId,[u])}let s=[...new Set([...t.rules.filter(u=>t.levels.get(u.meta.id)!=="off").map(u=>u.meta.id),...o.keys()])].sort(),a=new Map(t.rules.map(u=>[u.meta.id,u.meta.name]));for(let u of s){let d=o.get(u)??[],f=a.get(u)??d[0]?.ruleName??u,p=d.length?sG(d):[{name:"no findings",classname:`${u}.${f}`,results:[]}],h=0,m=0,g=p.map(b=>{let y=oG(b,"    ");return h+=y.failures,m+=y.skipped,y.xml});n+=p.length,r+=h,e.push(`  <testsuite${br({name:`${u} ${f}`,tests:p.length,failures:h,errors:0,skipped:m,time:"0"})}>
${g.join(`
`)}
  </testsuite>`)}let l=t.notifications.filter(u=>u.level==="error"),c=t.notifications.filter(u=>u.level!=="error");if(t.notifications.length){let u=l.map(d=>aG(d,"    "));c.length&&u.push(`    <system-out>${ga(c.map(d=>`${d.level}: ${d.file?`${d.file}${d.line?`:${d.line}`:""}: `:""}${d.id}: ${d.message}`).join(`
`))}</system-out>`),n+=l.length,i+=l.length,e.push(`  <testsuite${br({name:"trailguard notifications",tests:l.length,failures:0,errors:l.length,skipped:0,time:"0"})}>
${u.join(`
`)}
  </testsuite>`)}return['<?xml version="1.0" encoding="UTF-8"?>',`<testsuites${br({name:`trailguard ${t.version}`,tests:n,failures:r,errors:i,time:"0"})}>`,...e,"</testsuites>",""].join(`
`)}var uE=["text","json","sarif","markdown","junit","github"];function Ku(t,e){let n=[];for(let a of t){let l=a.indexOf("="),c=(l<0?a:a.slice(0,l)).trim(),u=l<0?null:a.slice(l+1);if(!uE.includes(c))throw new B(`--format: unknown format '${c}' (use ${uE.join(", ")})`);if(u==="")throw new B(`--format ${c}=: missing file name`);n.push({format:c,file:u})}let r=n.filter(a=>a.file===null);if(r.length>1)throw new B("--format: at most one format may go to stdout; give the others a file (F=FILE)");r.length===0&&n.push({format:"text",file:null});let i=n.map(a=>a.file===null?e??null:a.file).filter(a=>a!==null),o=i.map(a=>Pg.resolve(a)),s=i.find((a,l)=>o.indexOf(o[l])!==l);if(s)throw new B(`--format: ${s} is named twice`);return n.map(a=>a.file===null&&e?{...a,file:e}:a)}function Ng(t,e,n){switch(e){case"text":return rE(t,{color:n.color});case"json":return aE(t);case"sarif":return QC(t,{cwd:n.cwd,anchor:n.anchor??null});case"markdown":return oE(t);case"junit":return cE(t);case"github":return tE(t)}}function zu(t,e,n){let r=Pg.resolve(n,t);lG(Pg.dirname(r),{recursive:!0}),cG(r,e)}import{existsSync as DG,writeFileSync as MG}from"node:fs";import VG from"node:path";var dE=`# trailguard configuration: https://github.com/trailguard/trailguard#configuration
# Every key below is at its default value.

# Level per rule (ID or name): error, warning, note or off. Example: { TG012: off }
rules: {}

# Minimum days logs must be kept (lifecycle expiry and Object Lock retention, TG007 and TG009).
minRetentionDays: 365

# IaC scans: report TG001 when the scanned files define no multi-region, logging trail.
requireTrail: false

# IaC scans: this is an AWS Organizations management account; report TG017 without an organization trail.
organization: false

# TG019 event classes that must have a metric filter and alarm: "cis", a list of classes, or [] for none.
monitoring: [cloudtrail-changes]

# Buckets that need S3 data events (TG006). "tags" replaces the default tags when set; "names" adds globs.
sensitiveBuckets:
  tags:
    DataClassification: [sensitive, confidential, restricted, pii, phi, pci]
    data-classification: [sensitive, confidential, restricted, pii, phi, pci]
    Classification: [sensitive, confidential, restricted, pii, phi, pci]
  names: []

# Globs, relative to this file's folder, that are not scanned.
ignorePaths: []

# Results to suppress: rule (ID or name), resource (glob over address, logical ID or ARN), reason, expires.
suppressions: []
`;import{existsSync as uG}from"node:fs";import ya from"node:path";var Lg=16,dG=/^arn:[a-z-]+:iam::\d{12}:role\/.+$/,fG=/^[a-z]{2,}(-[a-z]+)+-\d+$/;function Dg(t){if(t.org&&!t.roleName)throw new B("--org needs --role-name: the role to assume in each member account");if(t.roleName&&!t.org)throw new B("--role-name is only used with --org");if(t.org&&t.roleArns?.length)throw new B("--org and --role-arn cannot be combined");for(let n of t.roleArns??[])if(!dG.test(n))throw new B(`--role-arn: not an IAM role ARN: ${n}`);if(Array.isArray(t.regions)){if(!t.regions.length)throw new B("--regions: name at least one region, or use all");for(let n of t.regions)if(!fG.test(n))throw new B(`--regions: not a region name: ${n}`)}if(t.concurrency!==void 0&&(!Number.isInteger(t.concurrency)||t.concurrency<1))throw new B("--concurrency: expected a whole number of 1 or more");let e=t.shard;if(e&&(!Number.isInteger(e.index)||!Number.isInteger(e.count)||e.count<1||e.index<1||e.index>e.count))throw new B("--shard: expected I/N with 1 <= I <= N")}function Mg(t,e){if(t.config){let r=ya.resolve(e,t.config);if(!uG(r))throw new B(`--config: cannot read ${t.config}`);return eo(r,e)}let n=Uc(e);return n?eo(n,e):Ra(e)}function Vg(t){return[...new Map(t.map(e=>[`${e.level}\0${e.id}\0${e.message}`,e])).values()].sort((e,n)=>e.id.localeCompare(n.id)||e.message.localeCompare(n.message))}function Fg(t){let e=new Map;for(let[n,r]of t??[]){let i=Yt(n);if(!i)throw new B(`--rule: unknown rule '${n}'`);e.set(i,r)}return e}async function fE(t={}){Dg(t);let e=ya.resolve(t.cwd??process.cwd()),n=Mg(t,e),r=Fg(t.ruleLevels),i=t.baseline?ha(t.baseline,e):null,o=t.concurrency??Lg,{readAccounts:s}=await import("./chunk-FQ3BKMT2.js"),a=await s({...t.profile?{profile:t.profile}:{},regions:t.regions??"enabled",roleArns:t.roleArns??[],org:!!t.org,roleName:t.roleName??null,concurrency:o,shard:t.shard??null,...t.onProgress?{onProgress:t.onProgress}:{}}),l=a.accounts,c=_t,u=(k,S)=>pr(k,S,{config:n,overrides:r}),d=c.filter(k=>k.meta.appliesTo.includes("live")&&!k.meta.verify&&u(k.meta.id,k.meta.level)!=="off"),f=[],p=[];for(let k of l){let S=uo(k.model,d,n.settings);f.push(...S.results),p.push(...S.notifications)}let h=(t.now??new Date).toISOString().slice(0,10),m=ao(f,[],{config:n,overrides:r,strict:!!t.strict,reportFiles:null,baseline:i,today:h}),g=[...a.notifications,...p,...m.notifications];(t.anchor??n.file)||g.push({level:"warning",id:"no-anchor",message:"Live results have no file to point at: GitHub code scanning rejects SARIF results without a physical location; pass --anchor FILE or keep a .trailguard.yml."});let b=l.filter(k=>k.readable).length,y=!a.planned||a.targets>0&&b===0,w=t.changedLines?[]:m.results;return{version:Bn,category:"live",automationId:a.automationId,results:w,notifications:Vg(g),summary:lo(w,m.baselined,b),rules:c,levels:new Map(c.map(k=>[k.meta.id,u(k.meta.id,k.meta.level)])),config:n,exitCode:y?2:co(w,t.failOn??"error")?1:0,paths:[]}}var pG=["profile","regions","org","roleName","concurrency","shard","anchor"],mG={profile:"--profile",regions:"--regions",org:"--org",roleName:"--role-name",concurrency:"--concurrency",shard:"--shard",anchor:"--anchor"};function hG(t){let e=/^(\d+)\/(\d+)$/.exec(t.trim());if(!e)throw new B(`--shard ${t}: expected I/N, e.g. 2/4`);return{index:Number(e[1]),count:Number(e[2])}}function gG(t){if(!/^\d+$/.test(t.trim()))throw new B(`--concurrency ${t}: expected a whole number of 1 or more`);return Number(t)}function ba(t,e,n){if(!e.live){let i=pG.find(o=>e[o]!==void 0)??(e.roleArn?.length?"roleArn":void 0);if(i)throw new B(`${i==="roleArn"?"--role-arn":mG[i]} is an option of live scans: add --live`);return null}if(t.length)throw new B(`--live scans AWS accounts, not files: remove ${t.join(" ")}`);let r=e.regions===void 0?void 0:e.regions.trim()==="all"?"all":e.regions.split(",").map(i=>i.trim()).filter(Boolean);return{...n,...e.profile?{profile:e.profile}:{},...r!==void 0?{regions:r}:{},...e.roleArn?.length?{roleArns:e.roleArn}:{},...e.org?{org:!0}:{},...e.roleName?{roleName:e.roleName}:{},...e.concurrency!==void 0?{concurrency:gG(e.concurrency)}:{},...e.shard!==void 0?{shard:hG(e.shard)}:{},...e.anchor?{anchor:e.anchor}:{}}}function wa(t,e,n){let r=e.anchor??t.config.file;return r?ya.relative(n,ya.resolve(n,r)).split(ya.sep).join("/"):null}function pE(t){let e=t.meta;return{id:e.id,name:e.name,level:e.level,securitySeverity:e.securitySeverity,summary:e.summary,tags:[...e.tags],controls:{cis:[...e.controls.cis??[]],securityHub:[...e.controls.securityHub??[]]},equivalents:{checkov:[...e.equivalents.checkov??[]],trivy:[...e.equivalents.trivy??[]],prowler:[...e.equivalents.prowler??[]]},appliesTo:[...e.appliesTo],fixable:e.fix==="safe",helpUri:vn(e.id,e.name)}}var yG={terraform:"TF",plan:"plan",cloudformation:"CFN",live:"live"};function mE(t){return["| ID | name | level | checks | sources | controls |","|---|---|---|---|---|---|",...t.map(n=>{let r=n.meta,i=[...(r.controls.cis??[]).map(o=>`CIS ${o}`),...r.controls.securityHub??[]].join(", ")||"-";return`| [${r.id}](rules/${r.id}-${r.name}/doc.md) | ${r.name} | ${r.level} | ${r.summary} | ${r.appliesTo.map(o=>yG[o]).join(", ")} | ${i} |`})].join(`
`)+`
`}function hE(t){let e=Math.max(...t.map(n=>n.meta.name.length));return t.map(n=>`${n.meta.id}  ${n.meta.name.padEnd(e)}  ${n.meta.level.padEnd(7)}  ${n.meta.summary}`).join(`
`)+`
`}import{readFileSync as wG}from"node:fs";import kG from"node:path";var nn=class extends Error{};function ka(t){return typeof t=="object"&&t!==null&&!Array.isArray(t)}function bG(t){let e=t.log;if(!ka(e)||e.version!=="2.1.0"||!Array.isArray(e.runs))throw new nn(`${t.name}: not a SARIF 2.1.0 log`);let n=e.runs;if(!n.length)throw new nn(`${t.name}: the log has no run`);for(let r of n){let i=ka(r)?r.tool:void 0,o=ka(i)?i.driver:void 0;if(!ka(r)||!ka(o)||typeof o.name!="string")throw new nn(`${t.name}: a run has no tool.driver.name`);if(r.results!==void 0&&!Array.isArray(r.results))throw new nn(`${t.name}: results is not an array`)}return n}var gE={error:0,warning:1,note:2,none:3};function yE(t){if(!t.length)throw new nn("nothing to merge");let e=t.flatMap(b=>bG(b).map(y=>({input:b,run:y}))),n=e[0].run,r=n.tool.driver.name,i=n.automationDetails?.id??"";for(let{input:b,run:y}of e){if(y.tool.driver.name!==r)throw new nn(`${b.name}: made by ${y.tool.driver.name}, not ${r}: only logs of one tool can be merged`);let w=y.automationDetails?.id??"";if(w!==i)throw new nn(`${b.name}: category '${w}' differs from '${i}' (${e[0].input.name}): only shards of one scan can be merged`)}let o=new Map;for(let{run:b}of e)for(let y of b.tool.driver.rules??[])o.has(y.id)||o.set(y.id,y);let s=[...o.values()].sort((b,y)=>b.id<y.id?-1:b.id>y.id?1:0),a=new Map(s.map((b,y)=>[b.id,y])),l=b=>{let y=b.id!==void 0?a.get(b.id):void 0,{index:w,...k}=b;return y===void 0?k:{...k,index:y}},c=new Set,u=[];for(let{run:b}of e){let y=b.tool.driver.rules??[];for(let w of b.results??[]){let k=w.ruleId??w.rule?.id??(w.ruleIndex!==void 0?y[w.ruleIndex]?.id:void 0),S=JSON.stringify([k??null,w.partialFingerprints??w.fingerprints??null,w.locations??[]]);if(c.has(S))continue;c.add(S);let $={...w};if(delete $.ruleIndex,k!==void 0){$.ruleId=k;let P=a.get(k);P!==void 0&&($.ruleIndex=P)}w.rule&&($.rule=l({...w.rule,...k!==void 0?{id:k}:{}})),u.push($)}}let d=e.flatMap(({run:b})=>b.invocations??[]),f=new Set,p=[];for(let b of d)for(let y of b.toolExecutionNotifications??[]){let w=JSON.stringify(y);f.has(w)||(f.add(w),p.push(y))}let h=new Map;for(let b of d)for(let y of b.ruleConfigurationOverrides??[]){let w=y.descriptor.id;w!==void 0&&!h.has(w)&&h.set(w,{...y,descriptor:l(y.descriptor)})}if(u.length>pi){let b=u.length;u=u.map((y,w)=>({r:y,i:w})).sort((y,w)=>(gE[y.r.level??"warning"]??3)-(gE[w.r.level??"warning"]??3)||y.i-w.i).slice(0,pi).map(({r:y})=>y),p.push({level:"warning",message:{text:`only the ${pi} most severe of ${b} results are in this log (GitHub's limit)`},descriptor:{id:"results-truncated"}})}let m={executionSuccessful:d.length>0&&e.every(({run:b})=>(b.invocations??[]).length>0&&b.invocations.every(y=>y.executionSuccessful===!0)),toolExecutionNotifications:p};return h.size&&(m.ruleConfigurationOverrides=[...h.values()]),{$schema:"https://json.schemastore.org/sarif-2.1.0.json",version:"2.1.0",runs:[{tool:{...n.tool,driver:{...n.tool.driver,rules:s}},...n.automationDetails?{automationDetails:n.automationDetails}:{},...n.originalUriBaseIds?{originalUriBaseIds:n.originalUriBaseIds}:{},...n.columnKind?{columnKind:n.columnKind}:{},invocations:[m],results:u}]}}function bE(t,e,n){let r=t.map(o=>{let s;try{s=wG(kG.resolve(n.cwd,o),"utf8")}catch(a){throw new B(`merge: cannot read ${o}: ${a.code??a.message}`)}try{return{name:o,log:JSON.parse(s)}}catch{throw new B(`merge: ${o} is not JSON`)}}),i;try{i=JSON.stringify(yE(r),null,2)+`
`}catch(o){throw o instanceof nn?new B(`merge: ${o.message}`):o}return e.output?zu(e.output,i,n.cwd):n.stdout(i),0}import vG from"node:path";var _G=864e5,jg=8;function Wg(t,e){let n=/^\d{4}-\d{2}-\d{2}$/.test(e.trim())?`${e.trim()}T00:00:00Z`:e.trim(),r=/^\d{4}-\d{2}-\d{2}T/.test(n)?Date.parse(n):Number.NaN;if(Number.isNaN(r))throw new B(`${t} ${e}: expected an ISO 8601 time, e.g. 2026-11-25T00:00:00Z`);return new Date(r)}function SG(){let t={address:"trailguard-verify",path:[]},{directives:e,...n}=Fn();return{kinds:new Set(["live"]),...n,account:{type:"account",address:t.address,source:"live",loc:t,label:"verify",accountId:O("",t)}}}function wE(t){return`${(t/1e6).toFixed(1)} MB`}async function kE(t={}){Dg(t);let e=t.now??new Date,n=t.endTime??e,r=t.startTime??new Date(n.getTime()-_G);if(r>=n)throw new B("--start-time must be before --end-time");let i=vG.resolve(t.cwd??process.cwd()),o=Mg(t,i),s=Fg(t.ruleLevels),a=t.baseline?ha(t.baseline,i):null,{readAndVerify:l}=await import("./chunk-GNDMJCR2.js"),c=await l({...t.profile?{profile:t.profile}:{},regions:t.regions??"enabled",roleArns:t.roleArns??[],org:!!t.org,roleName:t.roleName??null,concurrency:t.concurrency??jg,shard:t.shard??null,trails:t.trails??[],start:r,end:n,now:e,...t.onProgress?{onProgress:t.onProgress}:{}}),u=(w,k)=>pr(w,k,{config:o,overrides:s}),d=_t.filter(w=>w.meta.verify&&u(w.meta.id,w.meta.level)!=="off"),f=uo({...SG(),logObjects:c.problems},d,o.settings),p=ao(f.results,[],{config:o,overrides:s,strict:!!t.strict,reportFiles:null,baseline:a,today:e.toISOString().slice(0,10)}),h=c.stats,m=h.coveredFrom&&h.coveredTo?`; valid digests cover ${h.coveredFrom.toISOString()} to ${h.coveredTo.toISOString()}`:"",b=[{level:"note",id:"verify-summary",message:`Verified ${h.trails} ${h.trails===1?"trail":"trails"} (${h.chains} account-region chains) from ${r.toISOString()} to ${n.toISOString()}: ${h.digests} digest files and ${h.logs} log files checked, ${wE(h.bytesRead)} read, ${wE(h.bytesHashed)} of log data hashed${m}.`},...c.notifications,...f.notifications,...p.notifications];(t.anchor??o.file)||b.push({level:"warning",id:"no-anchor",message:"Verify results have no file to point at: GitHub code scanning rejects SARIF results without a physical location; pass --anchor FILE or keep a .trailguard.yml."});let y=!c.planned||c.targets>0&&c.readable===0;return{version:Bn,category:"live",automationId:c.automationId,results:p.results,notifications:Vg(b),summary:lo(p.results,p.baselined,c.readable),rules:_t,levels:new Map(_t.map(w=>[w.meta.id,u(w.meta.id,w.meta.level)])),config:o,exitCode:y?2:co(p.results,t.failOn??"error")?1:0,paths:[]}}function vE(t,e){return[...e,t]}async function AG(t,e){let n=Ku(t.format,t.output),r=ba([],{...t,live:!0},{}),i=await kE({...r,...qg(t,e),...Gg(t,e),trails:t.trail,...t.startTime!==void 0?{startTime:Wg("--start-time",t.startTime)}:{},...t.endTime!==void 0?{endTime:Wg("--end-time",t.endTime)}:{}});return Bg(i,n,{quiet:!!t.quiet,anchor:wa(i,t,e.cwd)},e),i.exitCode}function _E(t,e,n){Ug(t.command("verify").description("check the log files trails delivered against their signed digest files (read-only)")).option("--trail <arn|name>","verify this trail (repeatable; default: every trail the accounts own)",vE,[]).option("--start-time <time>","ISO 8601 start of the period verified (default: 24 hours before --end-time)").option("--end-time <time>","ISO 8601 end of the period verified (default: now)").option("--baseline <file>","ignore results whose fingerprint is in this earlier SARIF or JSON report").option("--quiet","no progress and no warnings on stderr").option("--profile <name>","AWS profile (default: AWS_PROFILE and the standard credential chain)").option("--regions <all|r1,r2>","regions of multi-region trails to verify (default: those enabled, and any with digest files)").option("--role-arn <arn>","verify the trails of this role's account, through it (repeatable)",vE,[]).option("--org","verify the trails of every account of the caller's organization; needs --role-name").option("--role-name <name>","with --org: the role to assume in each member account").option("--concurrency <n>",`S3 objects and listings read at once (default: ${jg})`).option("--shard <I/N>","verify the I-th of N shares of the accounts (sorted by ID, the k-th goes to shard k mod N + 1)").option("--anchor <file>","the repository file SARIF results point at (default: the configuration file)").addHelpText("after",`
Only reads: S3 ListObjectsV2, GetObject and HeadObject, CloudTrail ListPublicKeys, DescribeTrails and GetTrailStatus, besides the account and region discovery of live scans and, for organization trails, Organizations DescribeOrganization (docs/iam-policy.json).
Results: TG022 digest missing, TG023 digest signature invalid, TG024 log file missing, TG025 log file modified, TG026 log file listed by no digest, TG027 digests missing for a period.
Exit status: 0 no counted result at or above --fail-on; 1 there are; 2 usage error, invalid configuration, or no account could be read.`).action(async r=>n(await AG(r,e)))}import{readFileSync as xG,realpathSync as TE,renameSync as RG,statSync as IG,writeFileSync as OG}from"node:fs";import kr from"node:path";var va=class{diff(e,n,r={}){let i;typeof r=="function"?(i=r,r={}):"callback"in r&&(i=r.callback);let o=this.castInput(e,r),s=this.castInput(n,r),a=this.removeEmpty(this.tokenize(o,r)),l=this.removeEmpty(this.tokenize(s,r));return this.diffWithOptionsObj(a,l,r,i)}diffWithOptionsObj(e,n,r,i){var o;let s=y=>{if(y=this.postProcess(y,r),i){setTimeout(function(){i(y)},0);return}else return y},a=n.length,l=e.length,c=1,u=a+l;r.maxEditLength!=null&&(u=Math.min(u,r.maxEditLength));let d=(o=r.timeout)!==null&&o!==void 0?o:1/0,f=Date.now()+d,p=[{oldPos:-1,lastComponent:void 0}],h=this.extractCommon(p[0],n,e,0,r);if(p[0].oldPos+1>=l&&h+1>=a)return s(this.buildValues(p[0].lastComponent,n,e));let m=-1/0,g=1/0,b=()=>{for(let y=Math.max(m,-c);y<=Math.min(g,c);y+=2){let w,k=p[y-1],S=p[y+1];k&&(p[y-1]=void 0);let $=!1;if(S){let T=S.oldPos-y;$=S&&0<=T&&T<a}let P=k&&k.oldPos+1<l;if(!$&&!P){p[y]=void 0;continue}if(!P||$&&k.oldPos<S.oldPos?w=this.addToPath(S,!0,!1,0,r):w=this.addToPath(k,!1,!0,1,r),h=this.extractCommon(w,n,e,y,r),w.oldPos+1>=l&&h+1>=a)return s(this.buildValues(w.lastComponent,n,e))||!0;p[y]=w,w.oldPos+1>=l&&(g=Math.min(g,y-1)),h+1>=a&&(m=Math.max(m,y+1))}c++};if(i)(function y(){setTimeout(function(){if(c>u||Date.now()>f)return i(void 0);b()||y()},0)})();else for(;c<=u&&Date.now()<=f;){let y=b();if(y)return y}}addToPath(e,n,r,i,o){let s=e.lastComponent;return s&&!o.oneChangePerToken&&s.added===n&&s.removed===r?{oldPos:e.oldPos+i,lastComponent:{count:s.count+1,added:n,removed:r,previousComponent:s.previousComponent}}:{oldPos:e.oldPos+i,lastComponent:{count:1,added:n,removed:r,previousComponent:s}}}extractCommon(e,n,r,i,o){let s=n.length,a=r.length,l=e.oldPos,c=l-i,u=0;for(;c+1<s&&l+1<a&&this.equals(r[l+1],n[c+1],o);)c++,l++,u++,o.oneChangePerToken&&(e.lastComponent={count:1,previousComponent:e.lastComponent,added:!1,removed:!1});return u&&!o.oneChangePerToken&&(e.lastComponent={count:u,previousComponent:e.lastComponent,added:!1,removed:!1}),e.oldPos=l,c}equals(e,n,r){return r.comparator?r.comparator(e,n):e===n||!!r.ignoreCase&&e.toLowerCase()===n.toLowerCase()}removeEmpty(e){let n=[];for(let r=0;r<e.length;r++)e[r]&&n.push(e[r]);return n}castInput(e,n){return e}tokenize(e,n){return Array.from(e)}join(e){return e.join("")}postProcess(e,n){return e}get useLongestToken(){return!1}buildValues(e,n,r){let i=[],o;for(;e;)i.push(e),o=e.previousComponent,delete e.previousComponent,e=o;i.reverse();let s=i.length,a=0,l=0,c=0;for(;a<s;a++){let u=i[a];if(u.removed)u.value=this.join(r.slice(c,c+u.count)),c+=u.count;else{if(!u.added&&this.useLongestToken){let d=n.slice(l,l+u.count);d=d.map(function(f,p){let h=r[c+p];return h.length>f.length?h:f}),u.value=this.join(d)}else u.value=this.join(n.slice(l,l+u.count));l+=u.count,u.added||(c+=u.count)}}return i}};var Kg=class extends va{constructor(){super(...arguments),this.tokenize=CG}equals(e,n,r){return r.ignoreWhitespace?((!r.newlineIsToken||!e.includes(`
`))&&(e=e.trim()),(!r.newlineIsToken||!n.includes(`
`))&&(n=n.trim())):r.ignoreNewlineAtEof&&!r.newlineIsToken&&(e.endsWith(`
`)&&(e=e.slice(0,-1)),n.endsWith(`
`)&&(n=n.slice(0,-1))),super.equals(e,n,r)}},TG=new Kg;function zg(t,e,n){return TG.diff(t,e,n)}function CG(t,e){e.stripTrailingCr&&(t=t.replace(/\r\n/g,`
`));let n=[],r=t.split(/(\n|\r\n)/);r[r.length-1]||r.pop();for(let i=0;i<r.length;i++){let o=r[i];i%2&&!e.newlineIsToken?n[n.length-1]+=o:n.push(o)}return n}function EG(t){for(let e=0;e<t.length;e++)if(t[e]<" "||t[e]>"~"||t[e]==='"'||t[e]==="\\")return!0;return!1}function wr(t){if(!EG(t))return t;let e='"',n=new TextEncoder().encode(t),r=0;for(;r<n.length;){let i=n[r];i===7?e+="\\a":i===8?e+="\\b":i===9?e+="\\t":i===10?e+="\\n":i===11?e+="\\v":i===12?e+="\\f":i===13?e+="\\r":i===34?e+='\\"':i===92?e+="\\\\":i>=32&&i<=126?e+=String.fromCharCode(i):e+="\\"+i.toString(8).padStart(3,"0"),r++}return e+='"',e}var Hg={includeIndex:!0,includeUnderline:!0,includeFileHeaders:!0};function Yg(t,e,n,r,i,o,s){let a;s?typeof s=="function"?a={callback:s}:a=s:a={},typeof a.context>"u"&&(a.context=4);let l=a.context;if(a.newlineIsToken)throw new Error("newlineIsToken may not be used with patch-generation functions, only with diffing functions");if(a.callback){let{callback:u}=a;zg(n,r,Object.assign(Object.assign({},a),{callback:d=>{let f=c(d);u(f)}}))}else return c(zg(n,r,a));function c(u){if(!u)return;u.push({value:"",lines:[]});function d(y){return y.map(function(w){return" "+w})}let f=[],p=0,h=0,m=[],g=1,b=1;for(let y=0;y<u.length;y++){let w=u[y],k=w.lines||$G(w.value);if(w.lines=k,w.added||w.removed){if(!p){let S=u[y-1];p=g,h=b,S&&(m=l>0?d(S.lines.slice(-l)):[],p-=m.length,h-=m.length)}for(let S of k)m.push((w.added?"+":"-")+S);w.added?b+=k.length:g+=k.length}else{if(p)if(k.length<=l*2&&y<u.length-2)for(let S of d(k))m.push(S);else{let S=Math.min(k.length,l);for(let P of d(k.slice(0,S)))m.push(P);let $={oldStart:p,oldLines:g-p+S,newStart:h,newLines:b-h+S,lines:m};f.push($),p=0,h=0,m=[]}g+=k.length,b+=k.length}}for(let y of f)for(let w=0;w<y.lines.length;w++)y.lines[w].endsWith(`
`)?y.lines[w]=y.lines[w].slice(0,-1):(y.lines.splice(w+1,0,"\\ No newline at end of file"),w++);return{oldFileName:t,newFileName:e,oldHeader:i,newHeader:o,hunks:f}}}function Hu(t,e){var n,r,i,o,s,a;if(e||(e=Hg),Array.isArray(t)){if(t.length>1&&!e.includeFileHeaders&&!t.every(u=>u.isGit))throw new Error("Cannot omit file headers on a multi-file patch. (The result would be unparseable; how would a tool trying to apply the patch know which changes are to which file?)");return t.map(u=>Hu(u,e)).join(`
`)}let l=[];if(t.isGit){if(e=Hg,!t.oldFileName)throw new Error("oldFileName must be specified for Git patches");if(!t.newFileName)throw new Error("newFileName must be specified for Git patches");let u=t.oldFileName,d=t.newFileName;t.isCreate&&u==="/dev/null"?u=d.replace(/^b\//,"a/"):t.isDelete&&d==="/dev/null"&&(d=u.replace(/^a\//,"b/")),l.push("diff --git "+wr(u)+" "+wr(d)),t.isDelete&&l.push("deleted file mode "+((n=t.oldMode)!==null&&n!==void 0?n:"100644")),t.isCreate&&l.push("new file mode "+((r=t.newMode)!==null&&r!==void 0?r:"100644")),t.oldMode&&t.newMode&&!t.isDelete&&!t.isCreate&&(l.push("old mode "+t.oldMode),l.push("new mode "+t.newMode)),t.isRename&&(l.push("rename from "+wr(((i=t.oldFileName)!==null&&i!==void 0?i:"").replace(/^a\//,""))),l.push("rename to "+wr(((o=t.newFileName)!==null&&o!==void 0?o:"").replace(/^b\//,"")))),t.isCopy&&(l.push("copy from "+wr(((s=t.oldFileName)!==null&&s!==void 0?s:"").replace(/^a\//,""))),l.push("copy to "+wr(((a=t.newFileName)!==null&&a!==void 0?a:"").replace(/^b\//,""))))}else e.includeIndex&&t.oldFileName==t.newFileName&&t.oldFileName!==void 0&&l.push("Index: "+t.oldFileName),e.includeUnderline&&l.push("===================================================================");let c=t.hunks.length>0;e.includeFileHeaders&&t.oldFileName!==void 0&&t.newFileName!==void 0&&(!t.isGit||c)&&(l.push("--- "+wr(t.oldFileName)+(t.oldHeader?"	"+t.oldHeader:"")),l.push("+++ "+wr(t.newFileName)+(t.newHeader?"	"+t.newHeader:"")));for(let u=0;u<t.hunks.length;u++){let d=t.hunks[u],f=d.oldLines===0?d.oldStart-1:d.oldStart,p=d.newLines===0?d.newStart-1:d.newStart;l.push("@@ -"+f+","+d.oldLines+" +"+p+","+d.newLines+" @@");for(let h of d.lines)l.push(h)}return l.join(`
`)+`
`}function Jg(t,e,n,r,i,o,s){if(typeof s=="function"&&(s={callback:s}),s?.callback){let{callback:a}=s;Yg(t,e,n,r,i,o,Object.assign(Object.assign({},s),{callback:l=>{a(l?Hu(l,s.headerOptions):void 0)}}))}else{let a=Yg(t,e,n,r,i,o,s);return a?Hu(a,s?.headerOptions):void 0}}function $G(t){let e=t.endsWith(`
`),n=t.split(`
`).map(r=>r+`
`);return e?n.pop():n.push(n.pop().slice(0,-1)),n}function Xg(t,e){let n=[...e].sort((s,a)=>s.start-a.start||s.end-a.end),r="",i=0,o=0;for(let s of n)s.start<i||(r+=t.slice(i,s.start)+s.text,i=s.end,o++);return{text:r+t.slice(i),applied:o}}function SE(t,e,n){return e===n?"":Jg(`a/${t}`,`b/${t}`,e,n,"","",{context:3}).replace(/^(Index:.*\n)?=+\n/,"")}var PG=10;function AE(t){let e=new Map;for(let n of t.fixes?.values()??[]){let r=e.get(n.file)??{before:n.before,edits:[]};r.edits.push(n.edit),e.set(n.file,r)}return e}function NG(t,e){let n;try{n=TE(t)}catch{return!1}return e.some(r=>{let i=kr.relative(r,n);return i===""||!i.startsWith("..")&&!kr.isAbsolute(i)})}function LG(t,e){let n=IG(t).mode&4095,r=kr.join(kr.dirname(t),`.${kr.basename(t)}.trailguard-${process.pid}.tmp`);OG(r,e,{mode:n}),RG(r,t)}async function CE(t,e){let n=kr.resolve(t.cwd??process.cwd()),r=(t.paths?.length?t.paths:["."]).map(l=>{let c=kr.resolve(n,l);try{return TE(c)}catch{return c}}),i=new Map,o=[],s=await ma(t);if(e){for(let[l,{before:c,edits:u}]of AE(s)){let d=Xg(c,u);i.set(l,{before:c,after:d.text,edits:d.applied})}return{run:s,changed:[...i].map(([l,c])=>({file:l,...c})),notifications:o}}let a=new Map;for(let l=0;l<PG;l++){let c=!1;for(let[u,{before:d,edits:f}]of AE(s)){let p=kr.resolve(n,u);if(!NG(p,r)){o.push({level:"warning",id:"fix-skipped",message:"not fixed: the file is outside the scanned paths",file:u});continue}if(xG(p,"utf8")!==d){o.push({level:"warning",id:"fix-skipped",message:"not fixed: the file changed while it was scanned",file:u});continue}let h=Xg(d,f),m=a.get(u)??new Set([d]);if(h.text===d||m.has(h.text))continue;m.add(h.text),a.set(u,m),LG(p,h.text);let g=i.get(u);i.set(u,{before:g?.before??d,after:h.text,edits:(g?.edits??0)+h.applied}),c=!0}if(!c)break;s=await ma(t)}return{run:s,changed:[...i].map(([l,c])=>({file:l,...c})),notifications:o}}function EE(t){return t.changed.map(e=>SE(e.file,e.before,e.after)).join("")}var $E=["error","warning","note","off"];function _a(t,e){return[...e,t]}function FG(t){let e=t.indexOf("="),n=t.slice(e+1).trim();if(e<0||!$E.includes(n))throw new B(`--rule ${t}: expected ID=LEVEL with LEVEL one of ${$E.join(", ")}`);return[t.slice(0,e).trim(),n]}function Qg(t,e,n){return{paths:t,cwd:n,...e.config?{config:e.config}:{},strict:!!e.strict,ruleLevels:e.rule.map(FG),failOn:e.failOn,...e.baseline?{baseline:e.baseline}:{},...e.diffBase?{changedLines:jG(e.diffBase,n)}:{},vars:e.var??[],varFiles:e.varFile??[]}}function jG(t,e){try{return YC(t,e,{mergeBase:"require"})}catch(n){throw n instanceof fi?new B(`--diff-base ${t}: ${n.message}`):n}}function qg(t,e){let{config:n,strict:r,ruleLevels:i,failOn:o,baseline:s,changedLines:a}=Qg([],t,e.cwd);return{cwd:e.cwd,config:n,strict:r,ruleLevels:i,failOn:o,baseline:s,changedLines:a}}function Gg(t,e){if(t.quiet||!(e.stderrIsTTY??process.stderr.isTTY))return{};let n="";return{onProgress:(r,i)=>{(r!==n||i)&&e.stderr(`\r\x1B[2K${n=r}${i?`
`:""}`)}}}async function WG(t,e,n){let r=ba(t,e,{});if(!r)return{run:await ma(Qg(t,e,n.cwd)),anchor:null};let i=await fE({...r,...qg(e,n),...Gg(e,n)});return{run:i,anchor:wa(i,e,n.cwd)}}async function qG(t,e,n){let r=Ku(e.format,e.output),i=ba(t,e,{});if(i&&(e.fix||e.fixDryRun))throw new B("--fix and --fix-dry-run cannot be used with --live");let o;if(e.fix||e.fixDryRun){let s=await CE(Qg(t,e,n.cwd),!!e.fixDryRun);if(e.fixDryRun){if(n.stdout(EE(s)),!e.quiet)for(let a of s.run.notifications)a.id==="fix-unavailable"&&n.stderr(`trailguard: note: ${a.file}${a.line?`:${a.line}`:""}: ${a.message}
`);return s.run.exitCode}if(!e.quiet){for(let a of s.changed)n.stderr(`trailguard: fixed ${a.file} (${a.edits} ${a.edits===1?"edit":"edits"})
`);for(let a of s.notifications)n.stderr(`trailguard: warning: ${a.file}: ${a.message}
`)}o=s.run}else o=(await WG(t,e,n)).run;return Bg(o,r,{quiet:!!e.quiet,anchor:i?wa(o,e,n.cwd):null},n),o.exitCode}function Bg(t,e,n,r){let i=r.stdoutIsTTY&&!process.env.NO_COLOR,o=e.some(s=>s.format==="text"&&s.file===null);if(t.exitCode!==2)for(let s of e){let a=Ng(t,s.format,{color:s.file===null&&i,cwd:r.cwd,anchor:n.anchor});s.file===null?r.stdout(a):zu(s.file,a,r.cwd)}else o&&r.stdout(Ng(t,"text",{color:i,cwd:r.cwd}));if(!n.quiet&&(!o||t.exitCode===2))for(let s of t.notifications){if(s.level==="note")continue;let a=s.file?`${s.file}${s.line?`:${s.line}`:""}: `:"";r.stderr(`trailguard: ${s.level}: ${a}${s.message}
`)}}function Ug(t){return t.option("--format <F[=FILE]>","text, json, sarif, markdown, junit or github; F=FILE writes F to FILE (repeatable)",_a,[]).option("--output <file>","write the report (the format without FILE) to this file").addOption(new pd("--fail-on <level>","lowest level that makes the exit status 1").choices(["error","warning","note","none"]).default("error")).option("--config <file>",`configuration file (default: the nearest ${Qr})`).option("--rule <ID=LEVEL>","set a rule's level: error, warning, note or off (repeatable)",_a,[])}function GG(t,e,n=qG){let r=new by;return r.name("trailguard").description("Lint AWS CloudTrail configuration in CloudFormation templates (and, as they land, Terraform and live accounts).").version(Bn,"--version","print the version").exitOverride().configureOutput({writeOut:i=>t.stdout(i),writeErr:i=>t.stderr(i)}).showHelpAfterError(),Ug(r.command("scan").description("scan IaC files under each PATH (default: the current folder)").argument("[paths...]","files or folders to scan")).option("--strict","report unknown values as review results").option("--baseline <file>","ignore results whose fingerprint is in this earlier SARIF or JSON report").option("--diff-base <ref>","keep only results on lines changed since the merge base with REF (git)").option("--var <NAME=VALUE>","a Terraform variable, as terraform -var takes it (repeatable)",_a,[]).option("--var-file <file>","a Terraform variables file, as terraform -var-file takes it (repeatable)",_a,[]).option("--fix","apply the safe fixes to the files (atomically), then report what remains; a value from a Terraform variable is fixed where it is written unless the variable feeds anything else").option("--fix-dry-run","print the safe fixes as a unified diff instead of the report (what cannot be fixed goes to stderr); change nothing").option("--quiet","no progress and no warnings on stderr").option("--live","scan AWS accounts instead of files (read-only API calls)").option("--profile <name>","live: AWS profile (default: AWS_PROFILE and the standard credential chain)").option("--regions <all|r1,r2>","live: regions to scan (default: those enabled for each account)").option("--role-arn <arn>","live: scan the account of this role, through it (repeatable)",_a,[]).option("--org","live: scan the caller's organization (management or delegated-administrator account); needs --role-name").option("--role-name <name>","live, with --org: the role to assume in each member account").option("--concurrency <n>",`live: account-regions scanned at once (default: ${Lg})`).option("--shard <I/N>","live: scan the I-th of N shares of the accounts (sorted by ID, the k-th goes to shard k mod N + 1)").option("--anchor <file>","live: the repository file SARIF results point at (default: the configuration file)").addHelpText("after",`
Exit status: 0 no counted result at or above --fail-on; 1 there are; 2 usage error, invalid configuration, or nothing could be scanned.`).action(async(i,o)=>e(await n(i,o,t))),r.command("rules").description("list the rule catalog").addOption(new pd("--format <format>","output format").choices(["text","json","markdown"]).default("text")).action(i=>{i.format==="json"?t.stdout(JSON.stringify(_t.map(pE),null,2)+`
`):i.format==="markdown"?t.stdout(mE(_t)):t.stdout(hE(_t)),e(0)}),r.command("explain").description("print one rule's full help").argument("<rule>","a rule ID (TG003) or name (log-file-validation-disabled)").action(i=>{let o=Yt(i),s=_t.find(u=>u.meta.id===o);if(!s)throw new B(o?`${o} is in the catalog but not available in this version`:`unknown rule '${i}'`);let a=s.meta,l=[...(a.controls.cis??[]).map(u=>`CIS ${u}`),...(a.controls.securityHub??[]).map(u=>`Security Hub ${u}`)],c=[`${a.id} ${a.name} (${a.level}, security severity ${a.securitySeverity.toFixed(1)})`,`Applies to: ${a.appliesTo.join(", ")}${l.length?`   Controls: ${l.join(", ")}`:""}`,`Help: ${vn(a.id,a.name)}`,""];t.stdout(c.join(`
`)+`
`+s.doc.trimEnd()+`
`),e(0)}),r.command("init").description(`write ./${Qr} with every key at its default`).option("--force","overwrite an existing file").action(i=>{let o=VG.join(t.cwd,Qr);if(DG(o)&&!i.force)throw new B(`${Qr} already exists (use --force to overwrite it)`);MG(o,dE),t.stderr(`trailguard: wrote ${Qr}
`),e(0)}),r.command("merge").description("merge SARIF logs of sharded scans into one").argument("<files...>","SARIF files written by trailguard").option("--output <file>","write the merged log to this file instead of stdout").action((i,o)=>e(bE(i,o,t))),_E(r,t,e),r}async function $Q(t,e){let n=0,r=GG(e,i=>n=i);try{return await r.parseAsync([...t],{from:"user"}),n}catch(i){return i instanceof yy?i.code==="commander.helpDisplayed"||i.code==="commander.version"||i.code==="commander.help"?0:2:i instanceof B||i instanceof Cn?(e.stderr(`trailguard: ${i.message}
`),2):(e.stderr(`trailguard: internal error: ${i instanceof Error?i.message:String(i)}
`),2)}}export{UG as a,yy as b,Cn as c,B as d,HC as e,M8 as f,YC as g,V8 as h,QC as i,Kq as j,zq as k,Hq as l,_n as m,Xq as n,tn as o,oE as p,Ku as q,Ng as r,zu as s,WG as t,GG as u,$Q as v};
