#!/usr/bin/env node
import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);
import{a as ke,b as Vt,c as x,d as vi,e as Us,f as mn}from"./chunk-3HJFTBD7.js";import{D as Js,a as Hd,b as Xn,c as bt,d as Qe,e as Ks,f as qs,g as Hs,h as jt,i as Ys,j as we,k as Ve,l as zt,m as kt,n as Xs,o as le}from"./chunk-ADJKCYGN.js";import{a as G,b as R,c as z,d as fn,e as J,f as Be,g as Ms,h as Fs,i as Bs,k as ki,m as B,n as ne,o as ct,p as Vs,q as wi,r as js,s as zs}from"./chunk-ALHFPWQ2.js";import{a as dn,c as ue,e as lt}from"./chunk-WJYJ44JD.js";var pn=ue(Ai=>{var Jn=class extends Error{constructor(e,n,r){super(r),Error.captureStackTrace(this,this.constructor),this.name=this.constructor.name,this.code=n,this.exitCode=e,this.nestedError=void 0}},_i=class extends Jn{constructor(e){super(1,"commander.invalidArgument",e),Error.captureStackTrace(this,this.constructor),this.name=this.constructor.name}};Ai.CommanderError=Jn;Ai.InvalidArgumentError=_i});var Qn=ue(Ti=>{var{InvalidArgumentError:Jd}=pn(),Si=class{constructor(e,n){switch(this.description=n||"",this.variadic=!1,this.parseArg=void 0,this.defaultValue=void 0,this.defaultValueDescription=void 0,this.argChoices=void 0,e[0]){case"<":this.required=!0,this._name=e.slice(1,-1);break;case"[":this.required=!1,this._name=e.slice(1,-1);break;default:this.required=!0,this._name=e;break}this._name.endsWith("...")&&(this.variadic=!0,this._name=this._name.slice(0,-3))}name(){return this._name}_collectValue(e,n){return n===this.defaultValue||!Array.isArray(n)?[e]:(n.push(e),n)}default(e,n){return this.defaultValue=e,this.defaultValueDescription=n,this}argParser(e){return this.parseArg=e,this}choices(e){return this.argChoices=e.slice(),this.parseArg=(n,r)=>{if(!this.argChoices.includes(n))throw new Jd(`Allowed choices are ${this.argChoices.join(", ")}.`);return this.variadic?this._collectValue(n,r):n},this}argRequired(){return this.required=!0,this}argOptional(){return this.required=!1,this}};function Qd(t){let e=t.name()+(t.variadic===!0?"...":"");return t.required?"<"+e+">":"["+e+"]"}Ti.Argument=Si;Ti.humanReadableArgName=Qd});var Ri=ue(xi=>{var{humanReadableArgName:Zd}=Qn(),Ci=class{constructor(){this.helpWidth=void 0,this.minWidthToWrap=40,this.sortSubcommands=!1,this.sortOptions=!1,this.showGlobalOptions=!1}prepareContext(e){this.helpWidth=this.helpWidth??e.helpWidth??80}visibleCommands(e){let n=e.commands.filter(i=>!i._hidden),r=e._getHelpCommand();return r&&!r._hidden&&n.push(r),this.sortSubcommands&&n.sort((i,o)=>i.name().localeCompare(o.name())),n}compareOptions(e,n){let r=i=>i.short?i.short.replace(/^-/,""):i.long.replace(/^--/,"");return r(e).localeCompare(r(n))}visibleOptions(e){let n=e.options.filter(i=>!i.hidden),r=e._getHelpOption();if(r&&!r.hidden){let i=r.short&&e._findOption(r.short),o=r.long&&e._findOption(r.long);!i&&!o?n.push(r):r.long&&!o?n.push(e.createOption(r.long,r.description)):r.short&&!i&&n.push(e.createOption(r.short,r.description))}return this.sortOptions&&n.sort(this.compareOptions),n}visibleGlobalOptions(e){if(!this.showGlobalOptions)return[];let n=[];for(let r=e.parent;r;r=r.parent){let i=r.options.filter(o=>!o.hidden);n.push(...i)}return this.sortOptions&&n.sort(this.compareOptions),n}visibleArguments(e){return e._argsDescription&&e.registeredArguments.forEach(n=>{n.description=n.description||e._argsDescription[n.name()]||""}),e.registeredArguments.find(n=>n.description)?e.registeredArguments:[]}subcommandTerm(e){let n=e.registeredArguments.map(r=>Zd(r)).join(" ");return e._name+(e._aliases[0]?"|"+e._aliases[0]:"")+(e.options.length?" [options]":"")+(n?" "+n:"")}optionTerm(e){return e.flags}argumentTerm(e){return e.name()}longestSubcommandTermLength(e,n){return n.visibleCommands(e).reduce((r,i)=>Math.max(r,this.displayWidth(n.styleSubcommandTerm(n.subcommandTerm(i)))),0)}longestOptionTermLength(e,n){return n.visibleOptions(e).reduce((r,i)=>Math.max(r,this.displayWidth(n.styleOptionTerm(n.optionTerm(i)))),0)}longestGlobalOptionTermLength(e,n){return n.visibleGlobalOptions(e).reduce((r,i)=>Math.max(r,this.displayWidth(n.styleOptionTerm(n.optionTerm(i)))),0)}longestArgumentTermLength(e,n){return n.visibleArguments(e).reduce((r,i)=>Math.max(r,this.displayWidth(n.styleArgumentTerm(n.argumentTerm(i)))),0)}commandUsage(e){let n=e._name;e._aliases[0]&&(n=n+"|"+e._aliases[0]);let r="";for(let i=e.parent;i;i=i.parent)r=i.name()+" "+r;return r+n+" "+e.usage()}commandDescription(e){return e.description()}subcommandDescription(e){return e.summary()||e.description()}optionDescription(e){let n=[];if(e.argChoices&&n.push(`choices: ${e.argChoices.map(r=>JSON.stringify(r)).join(", ")}`),e.defaultValue!==void 0&&(e.required||e.optional||e.isBoolean()&&typeof e.defaultValue=="boolean")&&n.push(`default: ${e.defaultValueDescription||JSON.stringify(e.defaultValue)}`),e.presetArg!==void 0&&e.optional&&n.push(`preset: ${JSON.stringify(e.presetArg)}`),e.envVar!==void 0&&n.push(`env: ${e.envVar}`),n.length>0){let r=`(${n.join(", ")})`;return e.description?`${e.description} ${r}`:r}return e.description}argumentDescription(e){let n=[];if(e.argChoices&&n.push(`choices: ${e.argChoices.map(r=>JSON.stringify(r)).join(", ")}`),e.defaultValue!==void 0&&n.push(`default: ${e.defaultValueDescription||JSON.stringify(e.defaultValue)}`),n.length>0){let r=`(${n.join(", ")})`;return e.description?`${e.description} ${r}`:r}return e.description}formatItemList(e,n,r){return n.length===0?[]:[r.styleTitle(e),...n,""]}groupItems(e,n,r){let i=new Map;return e.forEach(o=>{let s=r(o);i.has(s)||i.set(s,[])}),n.forEach(o=>{let s=r(o);i.has(s)||i.set(s,[]),i.get(s).push(o)}),i}formatHelp(e,n){let r=n.padWidth(e,n),i=n.helpWidth??80;function o(d,m){return n.formatItem(d,r,m,n)}let s=[`${n.styleTitle("Usage:")} ${n.styleUsage(n.commandUsage(e))}`,""],a=n.commandDescription(e);a.length>0&&(s=s.concat([n.boxWrap(n.styleCommandDescription(a),i),""]));let c=n.visibleArguments(e).map(d=>o(n.styleArgumentTerm(n.argumentTerm(d)),n.styleArgumentDescription(n.argumentDescription(d))));if(s=s.concat(this.formatItemList("Arguments:",c,n)),this.groupItems(e.options,n.visibleOptions(e),d=>d.helpGroupHeading??"Options:").forEach((d,m)=>{let f=d.map(p=>o(n.styleOptionTerm(n.optionTerm(p)),n.styleOptionDescription(n.optionDescription(p))));s=s.concat(this.formatItemList(m,f,n))}),n.showGlobalOptions){let d=n.visibleGlobalOptions(e).map(m=>o(n.styleOptionTerm(n.optionTerm(m)),n.styleOptionDescription(n.optionDescription(m))));s=s.concat(this.formatItemList("Global Options:",d,n))}return this.groupItems(e.commands,n.visibleCommands(e),d=>d.helpGroup()||"Commands:").forEach((d,m)=>{let f=d.map(p=>o(n.styleSubcommandTerm(n.subcommandTerm(p)),n.styleSubcommandDescription(n.subcommandDescription(p))));s=s.concat(this.formatItemList(m,f,n))}),s.join(`
`)}displayWidth(e){return ta(e).length}styleTitle(e){return e}styleUsage(e){return e.split(" ").map(n=>n==="[options]"?this.styleOptionText(n):n==="[command]"?this.styleSubcommandText(n):n[0]==="["||n[0]==="<"?this.styleArgumentText(n):this.styleCommandText(n)).join(" ")}styleCommandDescription(e){return this.styleDescriptionText(e)}styleOptionDescription(e){return this.styleDescriptionText(e)}styleSubcommandDescription(e){return this.styleDescriptionText(e)}styleArgumentDescription(e){return this.styleDescriptionText(e)}styleDescriptionText(e){return e}styleOptionTerm(e){return this.styleOptionText(e)}styleSubcommandTerm(e){return e.split(" ").map(n=>n==="[options]"?this.styleOptionText(n):n[0]==="["||n[0]==="<"?this.styleArgumentText(n):this.styleSubcommandText(n)).join(" ")}styleArgumentTerm(e){return this.styleArgumentText(e)}styleOptionText(e){return e}styleArgumentText(e){return e}styleSubcommandText(e){return e}styleCommandText(e){return e}padWidth(e,n){return Math.max(n.longestOptionTermLength(e,n),n.longestGlobalOptionTermLength(e,n),n.longestSubcommandTermLength(e,n),n.longestArgumentTermLength(e,n))}preformatted(e){return/\n[^\S\r\n]/.test(e)}formatItem(e,n,r,i){let s=" ".repeat(2);if(!r)return s+e;let a=e.padEnd(n+e.length-i.displayWidth(e)),c=2,l=(this.helpWidth??80)-n-c-2,d;return l<this.minWidthToWrap||i.preformatted(r)?d=r:d=i.boxWrap(r,l).replace(/\n/g,`
`+" ".repeat(n+c)),s+a+" ".repeat(c)+d.replace(/\n/g,`
${s}`)}boxWrap(e,n){if(n<this.minWidthToWrap)return e;let r=e.split(/\r\n|\n/),i=/[\s]*[^\s]+/g,o=[];return r.forEach(s=>{let a=s.match(i);if(a===null){o.push("");return}let c=[a.shift()],u=this.displayWidth(c[0]);a.forEach(l=>{let d=this.displayWidth(l);if(u+d<=n){c.push(l),u+=d;return}o.push(c.join(""));let m=l.trimStart();c=[m],u=this.displayWidth(m)}),o.push(c.join(""))}),o.join(`
`)}};function ta(t){let e=/\x1b\[\d*(;\d*)*m/g;return t.replace(e,"")}xi.Help=Ci;xi.stripColor=ta});var Oi=ue(Li=>{var{InvalidArgumentError:ef}=pn(),Ei=class{constructor(e,n){this.flags=e,this.description=n||"",this.required=e.includes("<"),this.optional=e.includes("["),this.variadic=/\w\.\.\.[>\]]$/.test(e),this.mandatory=!1;let r=tf(e);this.short=r.shortFlag,this.long=r.longFlag,this.negate=!1,this.long&&(this.negate=this.long.startsWith("--no-")),this.defaultValue=void 0,this.defaultValueDescription=void 0,this.presetArg=void 0,this.envVar=void 0,this.parseArg=void 0,this.hidden=!1,this.argChoices=void 0,this.conflictsWith=[],this.implied=void 0,this.helpGroupHeading=void 0}default(e,n){return this.defaultValue=e,this.defaultValueDescription=n,this}preset(e){return this.presetArg=e,this}conflicts(e){return this.conflictsWith=this.conflictsWith.concat(e),this}implies(e){let n=e;return typeof e=="string"&&(n={[e]:!0}),this.implied=Object.assign(this.implied||{},n),this}env(e){return this.envVar=e,this}argParser(e){return this.parseArg=e,this}makeOptionMandatory(e=!0){return this.mandatory=!!e,this}hideHelp(e=!0){return this.hidden=!!e,this}_collectValue(e,n){return n===this.defaultValue||!Array.isArray(n)?[e]:(n.push(e),n)}choices(e){return this.argChoices=e.slice(),this.parseArg=(n,r)=>{if(!this.argChoices.includes(n))throw new ef(`Allowed choices are ${this.argChoices.join(", ")}.`);return this.variadic?this._collectValue(n,r):n},this}name(){return this.long?this.long.replace(/^--/,""):this.short.replace(/^-/,"")}attributeName(){return this.negate?na(this.name().replace(/^no-/,"")):na(this.name())}helpGroup(e){return this.helpGroupHeading=e,this}is(e){return this.short===e||this.long===e}isBoolean(){return!this.required&&!this.optional&&!this.negate}},Ii=class{constructor(e){this.positiveOptions=new Map,this.negativeOptions=new Map,this.dualOptions=new Set,e.forEach(n=>{n.negate?this.negativeOptions.set(n.attributeName(),n):this.positiveOptions.set(n.attributeName(),n)}),this.negativeOptions.forEach((n,r)=>{this.positiveOptions.has(r)&&this.dualOptions.add(r)})}valueFromOption(e,n){let r=n.attributeName();if(!this.dualOptions.has(r))return!0;let i=this.negativeOptions.get(r).presetArg,o=i!==void 0?i:!1;return n.negate===(o===e)}};function na(t){return t.split("-").reduce((e,n)=>e+n[0].toUpperCase()+n.slice(1))}function tf(t){let e,n,r=/^-[^-]$/,i=/^--[^-]/,o=t.split(/[ |,]+/).concat("guard");if(r.test(o[0])&&(e=o.shift()),i.test(o[0])&&(n=o.shift()),!e&&r.test(o[0])&&(e=o.shift()),!e&&i.test(o[0])&&(e=n,n=o.shift()),o[0].startsWith("-")){let s=o[0],a=`option creation failed due to '${s}' in option flags '${t}'`;throw/^-[^-][^-]/.test(s)?new Error(`${a}
- a short flag is a single dash and a single character
  - either use a single dash and a single character (for a short flag)
  - or use a double dash for a long option (and can have two, like '--ws, --workspace')`):r.test(s)?new Error(`${a}
- too many short flags`):i.test(s)?new Error(`${a}
- too many long flags`):new Error(`${a}
- unrecognised flag format`)}if(e===void 0&&n===void 0)throw new Error(`option creation failed due to no flags found in '${t}'.`);return{shortFlag:e,longFlag:n}}Li.Option=Ei;Li.DualOptions=Ii});var ia=ue(ra=>{function nf(t,e){if(Math.abs(t.length-e.length)>3)return Math.max(t.length,e.length);let n=[];for(let r=0;r<=t.length;r++)n[r]=[r];for(let r=0;r<=e.length;r++)n[0][r]=r;for(let r=1;r<=e.length;r++)for(let i=1;i<=t.length;i++){let o=1;t[i-1]===e[r-1]?o=0:o=1,n[i][r]=Math.min(n[i-1][r]+1,n[i][r-1]+1,n[i-1][r-1]+o),i>1&&r>1&&t[i-1]===e[r-2]&&t[i-2]===e[r-1]&&(n[i][r]=Math.min(n[i][r],n[i-2][r-2]+1))}return n[t.length][e.length]}function rf(t,e){if(!e||e.length===0)return"";e=Array.from(new Set(e));let n=t.startsWith("--");n&&(t=t.slice(2),e=e.map(s=>s.slice(2)));let r=[],i=3,o=.4;return e.forEach(s=>{if(s.length<=1)return;let a=nf(t,s),c=Math.max(t.length,s.length);(c-a)/c>o&&(a<i?(i=a,r=[s]):a===i&&r.push(s))}),r.sort((s,a)=>s.localeCompare(a)),n&&(r=r.map(s=>`--${s}`)),r.length>1?`
(Did you mean one of ${r.join(", ")}?)`:r.length===1?`
(Did you mean ${r[0]}?)`:""}ra.suggestSimilar=rf});var la=ue(Wi=>{var of=dn("node:events").EventEmitter,$i=dn("node:child_process"),Ze=dn("node:path"),Zn=dn("node:fs"),j=dn("node:process"),{Argument:sf,humanReadableArgName:af}=Qn(),{CommanderError:Pi}=pn(),{Help:lf,stripColor:cf}=Ri(),{Option:oa,DualOptions:uf}=Oi(),{suggestSimilar:sa}=ia(),Ni=class t extends of{constructor(e){super(),this.commands=[],this.options=[],this.parent=null,this._allowUnknownOption=!1,this._allowExcessArguments=!1,this.registeredArguments=[],this._args=this.registeredArguments,this.args=[],this.rawArgs=[],this.processedArgs=[],this._scriptPath=null,this._name=e||"",this._optionValues={},this._optionValueSources={},this._storeOptionsAsProperties=!1,this._actionHandler=null,this._executableHandler=!1,this._executableFile=null,this._executableDir=null,this._defaultCommandName=null,this._exitCallback=null,this._aliases=[],this._combineFlagAndOptionalValue=!0,this._description="",this._summary="",this._argsDescription=void 0,this._enablePositionalOptions=!1,this._passThroughOptions=!1,this._lifeCycleHooks={},this._showHelpAfterError=!1,this._showSuggestionAfterError=!0,this._savedState=null,this._outputConfiguration={writeOut:n=>j.stdout.write(n),writeErr:n=>j.stderr.write(n),outputError:(n,r)=>r(n),getOutHelpWidth:()=>j.stdout.isTTY?j.stdout.columns:void 0,getErrHelpWidth:()=>j.stderr.isTTY?j.stderr.columns:void 0,getOutHasColors:()=>Gi()??(j.stdout.isTTY&&j.stdout.hasColors?.()),getErrHasColors:()=>Gi()??(j.stderr.isTTY&&j.stderr.hasColors?.()),stripColor:n=>cf(n)},this._hidden=!1,this._helpOption=void 0,this._addImplicitHelpCommand=void 0,this._helpCommand=void 0,this._helpConfiguration={},this._helpGroupHeading=void 0,this._defaultCommandGroup=void 0,this._defaultOptionGroup=void 0}copyInheritedSettings(e){return this._outputConfiguration=e._outputConfiguration,this._helpOption=e._helpOption,this._helpCommand=e._helpCommand,this._helpConfiguration=e._helpConfiguration,this._exitCallback=e._exitCallback,this._storeOptionsAsProperties=e._storeOptionsAsProperties,this._combineFlagAndOptionalValue=e._combineFlagAndOptionalValue,this._allowExcessArguments=e._allowExcessArguments,this._enablePositionalOptions=e._enablePositionalOptions,this._showHelpAfterError=e._showHelpAfterError,this._showSuggestionAfterError=e._showSuggestionAfterError,this}_getCommandAndAncestors(){let e=[];for(let n=this;n;n=n.parent)e.push(n);return e}command(e,n,r){let i=n,o=r;typeof i=="object"&&i!==null&&(o=i,i=null),o=o||{};let[,s,a]=e.match(/([^ ]+) *(.*)/),c=this.createCommand(s);return i&&(c.description(i),c._executableHandler=!0),o.isDefault&&(this._defaultCommandName=c._name),c._hidden=!!(o.noHelp||o.hidden),c._executableFile=o.executableFile||null,a&&c.arguments(a),this._registerCommand(c),c.parent=this,c.copyInheritedSettings(this),i?this:c}createCommand(e){return new t(e)}createHelp(){return Object.assign(new lf,this.configureHelp())}configureHelp(e){return e===void 0?this._helpConfiguration:(this._helpConfiguration=e,this)}configureOutput(e){return e===void 0?this._outputConfiguration:(this._outputConfiguration={...this._outputConfiguration,...e},this)}showHelpAfterError(e=!0){return typeof e!="string"&&(e=!!e),this._showHelpAfterError=e,this}showSuggestionAfterError(e=!0){return this._showSuggestionAfterError=!!e,this}addCommand(e,n){if(!e._name)throw new Error(`Command passed to .addCommand() must have a name
- specify the name in Command constructor or using .name()`);return n=n||{},n.isDefault&&(this._defaultCommandName=e._name),(n.noHelp||n.hidden)&&(e._hidden=!0),this._registerCommand(e),e.parent=this,e._checkForBrokenPassThrough(),this}createArgument(e,n){return new sf(e,n)}argument(e,n,r,i){let o=this.createArgument(e,n);return typeof r=="function"?o.default(i).argParser(r):o.default(r),this.addArgument(o),this}arguments(e){return e.trim().split(/ +/).forEach(n=>{this.argument(n)}),this}addArgument(e){let n=this.registeredArguments.slice(-1)[0];if(n?.variadic)throw new Error(`only the last argument can be variadic '${n.name()}'`);if(e.required&&e.defaultValue!==void 0&&e.parseArg===void 0)throw new Error(`a default value for a required argument is never used: '${e.name()}'`);return this.registeredArguments.push(e),this}helpCommand(e,n){if(typeof e=="boolean")return this._addImplicitHelpCommand=e,e&&this._defaultCommandGroup&&this._initCommandGroup(this._getHelpCommand()),this;let r=e??"help [command]",[,i,o]=r.match(/([^ ]+) *(.*)/),s=n??"display help for command",a=this.createCommand(i);return a.helpOption(!1),o&&a.arguments(o),s&&a.description(s),this._addImplicitHelpCommand=!0,this._helpCommand=a,(e||n)&&this._initCommandGroup(a),this}addHelpCommand(e,n){return typeof e!="object"?(this.helpCommand(e,n),this):(this._addImplicitHelpCommand=!0,this._helpCommand=e,this._initCommandGroup(e),this)}_getHelpCommand(){return this._addImplicitHelpCommand??(this.commands.length&&!this._actionHandler&&!this._findCommand("help"))?(this._helpCommand===void 0&&this.helpCommand(void 0,void 0),this._helpCommand):null}hook(e,n){let r=["preSubcommand","preAction","postAction"];if(!r.includes(e))throw new Error(`Unexpected value for event passed to hook : '${e}'.
Expecting one of '${r.join("', '")}'`);return this._lifeCycleHooks[e]?this._lifeCycleHooks[e].push(n):this._lifeCycleHooks[e]=[n],this}exitOverride(e){return e?this._exitCallback=e:this._exitCallback=n=>{if(n.code!=="commander.executeSubCommandAsync")throw n},this}_exit(e,n,r){this._exitCallback&&this._exitCallback(new Pi(e,n,r)),j.exit(e)}action(e){let n=r=>{let i=this.registeredArguments.length,o=r.slice(0,i);return this._storeOptionsAsProperties?o[i]=this:o[i]=this.opts(),o.push(this),e.apply(this,o)};return this._actionHandler=n,this}createOption(e,n){return new oa(e,n)}_callParseArg(e,n,r,i){try{return e.parseArg(n,r)}catch(o){if(o.code==="commander.invalidArgument"){let s=`${i} ${o.message}`;this.error(s,{exitCode:o.exitCode,code:o.code})}throw o}}_registerOption(e){let n=e.short&&this._findOption(e.short)||e.long&&this._findOption(e.long);if(n){let r=e.long&&this._findOption(e.long)?e.long:e.short;throw new Error(`Cannot add option '${e.flags}'${this._name&&` to command '${this._name}'`} due to conflicting flag '${r}'
-  already used by option '${n.flags}'`)}this._initOptionGroup(e),this.options.push(e)}_registerCommand(e){let n=i=>[i.name()].concat(i.aliases()),r=n(e).find(i=>this._findCommand(i));if(r){let i=n(this._findCommand(r)).join("|"),o=n(e).join("|");throw new Error(`cannot add command '${o}' as already have command '${i}'`)}this._initCommandGroup(e),this.commands.push(e)}addOption(e){this._registerOption(e);let n=e.name(),r=e.attributeName();if(e.negate){let o=e.long.replace(/^--no-/,"--");this._findOption(o)||this.setOptionValueWithSource(r,e.defaultValue===void 0?!0:e.defaultValue,"default")}else e.defaultValue!==void 0&&this.setOptionValueWithSource(r,e.defaultValue,"default");let i=(o,s,a)=>{o==null&&e.presetArg!==void 0&&(o=e.presetArg);let c=this.getOptionValue(r);o!==null&&e.parseArg?o=this._callParseArg(e,o,c,s):o!==null&&e.variadic&&(o=e._collectValue(o,c)),o==null&&(e.negate?o=!1:e.isBoolean()||e.optional?o=!0:o=""),this.setOptionValueWithSource(r,o,a)};return this.on("option:"+n,o=>{let s=`error: option '${e.flags}' argument '${o}' is invalid.`;i(o,s,"cli")}),e.envVar&&this.on("optionEnv:"+n,o=>{let s=`error: option '${e.flags}' value '${o}' from env '${e.envVar}' is invalid.`;i(o,s,"env")}),this}_optionEx(e,n,r,i,o){if(typeof n=="object"&&n instanceof oa)throw new Error("To add an Option object use addOption() instead of option() or requiredOption()");let s=this.createOption(n,r);if(s.makeOptionMandatory(!!e.mandatory),typeof i=="function")s.default(o).argParser(i);else if(i instanceof RegExp){let a=i;i=(c,u)=>{let l=a.exec(c);return l?l[0]:u},s.default(o).argParser(i)}else s.default(i);return this.addOption(s)}option(e,n,r,i){return this._optionEx({},e,n,r,i)}requiredOption(e,n,r,i){return this._optionEx({mandatory:!0},e,n,r,i)}combineFlagAndOptionalValue(e=!0){return this._combineFlagAndOptionalValue=!!e,this}allowUnknownOption(e=!0){return this._allowUnknownOption=!!e,this}allowExcessArguments(e=!0){return this._allowExcessArguments=!!e,this}enablePositionalOptions(e=!0){return this._enablePositionalOptions=!!e,this}passThroughOptions(e=!0){return this._passThroughOptions=!!e,this._checkForBrokenPassThrough(),this}_checkForBrokenPassThrough(){if(this.parent&&this._passThroughOptions&&!this.parent._enablePositionalOptions)throw new Error(`passThroughOptions cannot be used for '${this._name}' without turning on enablePositionalOptions for parent command(s)`)}storeOptionsAsProperties(e=!0){if(this.options.length)throw new Error("call .storeOptionsAsProperties() before adding options");if(Object.keys(this._optionValues).length)throw new Error("call .storeOptionsAsProperties() before setting option values");return this._storeOptionsAsProperties=!!e,this}getOptionValue(e){return this._storeOptionsAsProperties?this[e]:this._optionValues[e]}setOptionValue(e,n){return this.setOptionValueWithSource(e,n,void 0)}setOptionValueWithSource(e,n,r){return this._storeOptionsAsProperties?this[e]=n:this._optionValues[e]=n,this._optionValueSources[e]=r,this}getOptionValueSource(e){return this._optionValueSources[e]}getOptionValueSourceWithGlobals(e){let n;return this._getCommandAndAncestors().forEach(r=>{r.getOptionValueSource(e)!==void 0&&(n=r.getOptionValueSource(e))}),n}_prepareUserArgs(e,n){if(e!==void 0&&!Array.isArray(e))throw new Error("first parameter to parse must be array or undefined");if(n=n||{},e===void 0&&n.from===void 0){j.versions?.electron&&(n.from="electron");let i=j.execArgv??[];(i.includes("-e")||i.includes("--eval")||i.includes("-p")||i.includes("--print"))&&(n.from="eval")}e===void 0&&(e=j.argv),this.rawArgs=e.slice();let r;switch(n.from){case void 0:case"node":this._scriptPath=e[1],r=e.slice(2);break;case"electron":j.defaultApp?(this._scriptPath=e[1],r=e.slice(2)):r=e.slice(1);break;case"user":r=e.slice(0);break;case"eval":r=e.slice(1);break;default:throw new Error(`unexpected parse option { from: '${n.from}' }`)}return!this._name&&this._scriptPath&&this.nameFromFilename(this._scriptPath),this._name=this._name||"program",r}parse(e,n){this._prepareForParse();let r=this._prepareUserArgs(e,n);return this._parseCommand([],r),this}async parseAsync(e,n){this._prepareForParse();let r=this._prepareUserArgs(e,n);return await this._parseCommand([],r),this}_prepareForParse(){this._savedState===null?this.saveStateBeforeParse():this.restoreStateBeforeParse()}saveStateBeforeParse(){this._savedState={_name:this._name,_optionValues:{...this._optionValues},_optionValueSources:{...this._optionValueSources}}}restoreStateBeforeParse(){if(this._storeOptionsAsProperties)throw new Error(`Can not call parse again when storeOptionsAsProperties is true.
- either make a new Command for each call to parse, or stop storing options as properties`);this._name=this._savedState._name,this._scriptPath=null,this.rawArgs=[],this._optionValues={...this._savedState._optionValues},this._optionValueSources={...this._savedState._optionValueSources},this.args=[],this.processedArgs=[]}_checkForMissingExecutable(e,n,r){if(Zn.existsSync(e))return;let i=n?`searched for local subcommand relative to directory '${n}'`:"no directory for search for local subcommand, use .executableDir() to supply a custom directory",o=`'${e}' does not exist
 - if '${r}' is not meant to be an executable command, remove description parameter from '.command()' and use '.description()' instead
 - if the default executable name is not suitable, use the executableFile option to supply a custom name or path
 - ${i}`;throw new Error(o)}_executeSubCommand(e,n){n=n.slice();let r=!1,i=[".js",".ts",".tsx",".mjs",".cjs"];function o(l,d){let m=Ze.resolve(l,d);if(Zn.existsSync(m))return m;if(i.includes(Ze.extname(d)))return;let f=i.find(p=>Zn.existsSync(`${m}${p}`));if(f)return`${m}${f}`}this._checkForMissingMandatoryOptions(),this._checkForConflictingOptions();let s=e._executableFile||`${this._name}-${e._name}`,a=this._executableDir||"";if(this._scriptPath){let l;try{l=Zn.realpathSync(this._scriptPath)}catch{l=this._scriptPath}a=Ze.resolve(Ze.dirname(l),a)}if(a){let l=o(a,s);if(!l&&!e._executableFile&&this._scriptPath){let d=Ze.basename(this._scriptPath,Ze.extname(this._scriptPath));d!==this._name&&(l=o(a,`${d}-${e._name}`))}s=l||s}r=i.includes(Ze.extname(s));let c;j.platform!=="win32"?r?(n.unshift(s),n=aa(j.execArgv).concat(n),c=$i.spawn(j.argv[0],n,{stdio:"inherit"})):c=$i.spawn(s,n,{stdio:"inherit"}):(this._checkForMissingExecutable(s,a,e._name),n.unshift(s),n=aa(j.execArgv).concat(n),c=$i.spawn(j.execPath,n,{stdio:"inherit"})),c.killed||["SIGUSR1","SIGUSR2","SIGTERM","SIGINT","SIGHUP"].forEach(d=>{j.on(d,()=>{c.killed===!1&&c.exitCode===null&&c.kill(d)})});let u=this._exitCallback;c.on("close",l=>{l=l??1,u?u(new Pi(l,"commander.executeSubCommandAsync","(close)")):j.exit(l)}),c.on("error",l=>{if(l.code==="ENOENT")this._checkForMissingExecutable(s,a,e._name);else if(l.code==="EACCES")throw new Error(`'${s}' not executable`);if(!u)j.exit(1);else{let d=new Pi(1,"commander.executeSubCommandAsync","(error)");d.nestedError=l,u(d)}}),this.runningCommand=c}_dispatchSubcommand(e,n,r){let i=this._findCommand(e);i||this.help({error:!0}),i._prepareForParse();let o;return o=this._chainOrCallSubCommandHook(o,i,"preSubcommand"),o=this._chainOrCall(o,()=>{if(i._executableHandler)this._executeSubCommand(i,n.concat(r));else return i._parseCommand(n,r)}),o}_dispatchHelpCommand(e){e||this.help();let n=this._findCommand(e);return n&&!n._executableHandler&&n.help(),this._dispatchSubcommand(e,[],[this._getHelpOption()?.long??this._getHelpOption()?.short??"--help"])}_checkNumberOfArguments(){this.registeredArguments.forEach((e,n)=>{e.required&&this.args[n]==null&&this.missingArgument(e.name())}),!(this.registeredArguments.length>0&&this.registeredArguments[this.registeredArguments.length-1].variadic)&&this.args.length>this.registeredArguments.length&&this._excessArguments(this.args)}_processArguments(){let e=(r,i,o)=>{let s=i;if(i!==null&&r.parseArg){let a=`error: command-argument value '${i}' is invalid for argument '${r.name()}'.`;s=this._callParseArg(r,i,o,a)}return s};this._checkNumberOfArguments();let n=[];this.registeredArguments.forEach((r,i)=>{let o=r.defaultValue;r.variadic?i<this.args.length?(o=this.args.slice(i),r.parseArg&&(o=o.reduce((s,a)=>e(r,a,s),r.defaultValue))):o===void 0&&(o=[]):i<this.args.length&&(o=this.args[i],r.parseArg&&(o=e(r,o,r.defaultValue))),n[i]=o}),this.processedArgs=n}_chainOrCall(e,n){return e?.then&&typeof e.then=="function"?e.then(()=>n()):n()}_chainOrCallHooks(e,n){let r=e,i=[];return this._getCommandAndAncestors().reverse().filter(o=>o._lifeCycleHooks[n]!==void 0).forEach(o=>{o._lifeCycleHooks[n].forEach(s=>{i.push({hookedCommand:o,callback:s})})}),n==="postAction"&&i.reverse(),i.forEach(o=>{r=this._chainOrCall(r,()=>o.callback(o.hookedCommand,this))}),r}_chainOrCallSubCommandHook(e,n,r){let i=e;return this._lifeCycleHooks[r]!==void 0&&this._lifeCycleHooks[r].forEach(o=>{i=this._chainOrCall(i,()=>o(this,n))}),i}_parseCommand(e,n){let r=this.parseOptions(n);if(this._parseOptionsEnv(),this._parseOptionsImplied(),e=e.concat(r.operands),n=r.unknown,this.args=e.concat(n),e&&this._findCommand(e[0]))return this._dispatchSubcommand(e[0],e.slice(1),n);if(this._getHelpCommand()&&e[0]===this._getHelpCommand().name())return this._dispatchHelpCommand(e[1]);if(this._defaultCommandName)return this._outputHelpIfRequested(n),this._dispatchSubcommand(this._defaultCommandName,e,n);this.commands.length&&this.args.length===0&&!this._actionHandler&&!this._defaultCommandName&&this.help({error:!0}),this._outputHelpIfRequested(r.unknown),this._checkForMissingMandatoryOptions(),this._checkForConflictingOptions();let i=()=>{r.unknown.length>0&&this.unknownOption(r.unknown[0])},o=`command:${this.name()}`;if(this._actionHandler){i(),this._processArguments();let s;return s=this._chainOrCallHooks(s,"preAction"),s=this._chainOrCall(s,()=>this._actionHandler(this.processedArgs)),this.parent&&(s=this._chainOrCall(s,()=>{this.parent.emit(o,e,n)})),s=this._chainOrCallHooks(s,"postAction"),s}if(this.parent?.listenerCount(o))i(),this._processArguments(),this.parent.emit(o,e,n);else if(e.length){if(this._findCommand("*"))return this._dispatchSubcommand("*",e,n);this.listenerCount("command:*")?this.emit("command:*",e,n):this.commands.length?this.unknownCommand():(i(),this._processArguments())}else this.commands.length?(i(),this.help({error:!0})):(i(),this._processArguments())}_findCommand(e){if(e)return this.commands.find(n=>n._name===e||n._aliases.includes(e))}_findOption(e){return this.options.find(n=>n.is(e))}_checkForMissingMandatoryOptions(){this._getCommandAndAncestors().forEach(e=>{e.options.forEach(n=>{n.mandatory&&e.getOptionValue(n.attributeName())===void 0&&e.missingMandatoryOptionValue(n)})})}_checkForConflictingLocalOptions(){let e=this.options.filter(r=>{let i=r.attributeName();return this.getOptionValue(i)===void 0?!1:this.getOptionValueSource(i)!=="default"});e.filter(r=>r.conflictsWith.length>0).forEach(r=>{let i=e.find(o=>r.conflictsWith.includes(o.attributeName()));i&&this._conflictingOption(r,i)})}_checkForConflictingOptions(){this._getCommandAndAncestors().forEach(e=>{e._checkForConflictingLocalOptions()})}parseOptions(e){let n=[],r=[],i=n;function o(l){return l.length>1&&l[0]==="-"}let s=l=>/^-(\d+|\d*\.\d+)(e[+-]?\d+)?$/.test(l)?!this._getCommandAndAncestors().some(d=>d.options.map(m=>m.short).some(m=>/^-\d$/.test(m))):!1,a=null,c=null,u=0;for(;u<e.length||c;){let l=c??e[u++];if(c=null,l==="--"){i===r&&i.push(l),i.push(...e.slice(u));break}if(a&&(!o(l)||s(l))){this.emit(`option:${a.name()}`,l);continue}if(a=null,o(l)){let d=this._findOption(l);if(d){if(d.required){let m=e[u++];m===void 0&&this.optionMissingArgument(d),this.emit(`option:${d.name()}`,m)}else if(d.optional){let m=null;u<e.length&&(!o(e[u])||s(e[u]))&&(m=e[u++]),this.emit(`option:${d.name()}`,m)}else this.emit(`option:${d.name()}`);a=d.variadic?d:null;continue}}if(l.length>2&&l[0]==="-"&&l[1]!=="-"){let d=this._findOption(`-${l[1]}`);if(d){d.required||d.optional&&this._combineFlagAndOptionalValue?this.emit(`option:${d.name()}`,l.slice(2)):(this.emit(`option:${d.name()}`),c=`-${l.slice(2)}`);continue}}if(/^--[^=]+=/.test(l)){let d=l.indexOf("="),m=this._findOption(l.slice(0,d));if(m&&(m.required||m.optional)){this.emit(`option:${m.name()}`,l.slice(d+1));continue}}if(i===n&&o(l)&&!(this.commands.length===0&&s(l))&&(i=r),(this._enablePositionalOptions||this._passThroughOptions)&&n.length===0&&r.length===0){if(this._findCommand(l)){n.push(l),r.push(...e.slice(u));break}else if(this._getHelpCommand()&&l===this._getHelpCommand().name()){n.push(l,...e.slice(u));break}else if(this._defaultCommandName){r.push(l,...e.slice(u));break}}if(this._passThroughOptions){i.push(l,...e.slice(u));break}i.push(l)}return{operands:n,unknown:r}}opts(){if(this._storeOptionsAsProperties){let e={},n=this.options.length;for(let r=0;r<n;r++){let i=this.options[r].attributeName();e[i]=i===this._versionOptionName?this._version:this[i]}return e}return this._optionValues}optsWithGlobals(){return this._getCommandAndAncestors().reduce((e,n)=>Object.assign(e,n.opts()),{})}error(e,n){this._outputConfiguration.outputError(`${e}
`,this._outputConfiguration.writeErr),typeof this._showHelpAfterError=="string"?this._outputConfiguration.writeErr(`${this._showHelpAfterError}
`):this._showHelpAfterError&&(this._outputConfiguration.writeErr(`
`),this.outputHelp({error:!0}));let r=n||{},i=r.exitCode||1,o=r.code||"commander.error";this._exit(i,o,e)}_parseOptionsEnv(){this.options.forEach(e=>{if(e.envVar&&e.envVar in j.env){let n=e.attributeName();(this.getOptionValue(n)===void 0||["default","config","env"].includes(this.getOptionValueSource(n)))&&(e.required||e.optional?this.emit(`optionEnv:${e.name()}`,j.env[e.envVar]):this.emit(`optionEnv:${e.name()}`))}})}_parseOptionsImplied(){let e=new uf(this.options),n=r=>this.getOptionValue(r)!==void 0&&!["default","implied"].includes(this.getOptionValueSource(r));this.options.filter(r=>r.implied!==void 0&&n(r.attributeName())&&e.valueFromOption(this.getOptionValue(r.attributeName()),r)).forEach(r=>{Object.keys(r.implied).filter(i=>!n(i)).forEach(i=>{this.setOptionValueWithSource(i,r.implied[i],"implied")})})}missingArgument(e){let n=`error: missing required argument '${e}'`;this.error(n,{code:"commander.missingArgument"})}optionMissingArgument(e){let n=`error: option '${e.flags}' argument missing`;this.error(n,{code:"commander.optionMissingArgument"})}missingMandatoryOptionValue(e){let n=`error: required option '${e.flags}' not specified`;this.error(n,{code:"commander.missingMandatoryOptionValue"})}_conflictingOption(e,n){let r=s=>{let a=s.attributeName(),c=this.getOptionValue(a),u=this.options.find(d=>d.negate&&a===d.attributeName()),l=this.options.find(d=>!d.negate&&a===d.attributeName());return u&&(u.presetArg===void 0&&c===!1||u.presetArg!==void 0&&c===u.presetArg)?u:l||s},i=s=>{let a=r(s),c=a.attributeName();return this.getOptionValueSource(c)==="env"?`environment variable '${a.envVar}'`:`option '${a.flags}'`},o=`error: ${i(e)} cannot be used with ${i(n)}`;this.error(o,{code:"commander.conflictingOption"})}unknownOption(e){if(this._allowUnknownOption)return;let n="";if(e.startsWith("--")&&this._showSuggestionAfterError){let i=[],o=this;do{let s=o.createHelp().visibleOptions(o).filter(a=>a.long).map(a=>a.long);i=i.concat(s),o=o.parent}while(o&&!o._enablePositionalOptions);n=sa(e,i)}let r=`error: unknown option '${e}'${n}`;this.error(r,{code:"commander.unknownOption"})}_excessArguments(e){if(this._allowExcessArguments)return;let n=this.registeredArguments.length,r=n===1?"":"s",o=`error: too many arguments${this.parent?` for '${this.name()}'`:""}. Expected ${n} argument${r} but got ${e.length}.`;this.error(o,{code:"commander.excessArguments"})}unknownCommand(){let e=this.args[0],n="";if(this._showSuggestionAfterError){let i=[];this.createHelp().visibleCommands(this).forEach(o=>{i.push(o.name()),o.alias()&&i.push(o.alias())}),n=sa(e,i)}let r=`error: unknown command '${e}'${n}`;this.error(r,{code:"commander.unknownCommand"})}version(e,n,r){if(e===void 0)return this._version;this._version=e,n=n||"-V, --version",r=r||"output the version number";let i=this.createOption(n,r);return this._versionOptionName=i.attributeName(),this._registerOption(i),this.on("option:"+i.name(),()=>{this._outputConfiguration.writeOut(`${e}
`),this._exit(0,"commander.version",e)}),this}description(e,n){return e===void 0&&n===void 0?this._description:(this._description=e,n&&(this._argsDescription=n),this)}summary(e){return e===void 0?this._summary:(this._summary=e,this)}alias(e){if(e===void 0)return this._aliases[0];let n=this;if(this.commands.length!==0&&this.commands[this.commands.length-1]._executableHandler&&(n=this.commands[this.commands.length-1]),e===n._name)throw new Error("Command alias can't be the same as its name");let r=this.parent?._findCommand(e);if(r){let i=[r.name()].concat(r.aliases()).join("|");throw new Error(`cannot add alias '${e}' to command '${this.name()}' as already have command '${i}'`)}return n._aliases.push(e),this}aliases(e){return e===void 0?this._aliases:(e.forEach(n=>this.alias(n)),this)}usage(e){if(e===void 0){if(this._usage)return this._usage;let n=this.registeredArguments.map(r=>af(r));return[].concat(this.options.length||this._helpOption!==null?"[options]":[],this.commands.length?"[command]":[],this.registeredArguments.length?n:[]).join(" ")}return this._usage=e,this}name(e){return e===void 0?this._name:(this._name=e,this)}helpGroup(e){return e===void 0?this._helpGroupHeading??"":(this._helpGroupHeading=e,this)}commandsGroup(e){return e===void 0?this._defaultCommandGroup??"":(this._defaultCommandGroup=e,this)}optionsGroup(e){return e===void 0?this._defaultOptionGroup??"":(this._defaultOptionGroup=e,this)}_initOptionGroup(e){this._defaultOptionGroup&&!e.helpGroupHeading&&e.helpGroup(this._defaultOptionGroup)}_initCommandGroup(e){this._defaultCommandGroup&&!e.helpGroup()&&e.helpGroup(this._defaultCommandGroup)}nameFromFilename(e){return this._name=Ze.basename(e,Ze.extname(e)),this}executableDir(e){return e===void 0?this._executableDir:(this._executableDir=e,this)}helpInformation(e){let n=this.createHelp(),r=this._getOutputContext(e);n.prepareContext({error:r.error,helpWidth:r.helpWidth,outputHasColors:r.hasColors});let i=n.formatHelp(this,n);return r.hasColors?i:this._outputConfiguration.stripColor(i)}_getOutputContext(e){e=e||{};let n=!!e.error,r,i,o;return n?(r=a=>this._outputConfiguration.writeErr(a),i=this._outputConfiguration.getErrHasColors(),o=this._outputConfiguration.getErrHelpWidth()):(r=a=>this._outputConfiguration.writeOut(a),i=this._outputConfiguration.getOutHasColors(),o=this._outputConfiguration.getOutHelpWidth()),{error:n,write:a=>(i||(a=this._outputConfiguration.stripColor(a)),r(a)),hasColors:i,helpWidth:o}}outputHelp(e){let n;typeof e=="function"&&(n=e,e=void 0);let r=this._getOutputContext(e),i={error:r.error,write:r.write,command:this};this._getCommandAndAncestors().reverse().forEach(s=>s.emit("beforeAllHelp",i)),this.emit("beforeHelp",i);let o=this.helpInformation({error:r.error});if(n&&(o=n(o),typeof o!="string"&&!Buffer.isBuffer(o)))throw new Error("outputHelp callback must return a string or a Buffer");r.write(o),this._getHelpOption()?.long&&this.emit(this._getHelpOption().long),this.emit("afterHelp",i),this._getCommandAndAncestors().forEach(s=>s.emit("afterAllHelp",i))}helpOption(e,n){return typeof e=="boolean"?(e?(this._helpOption===null&&(this._helpOption=void 0),this._defaultOptionGroup&&this._initOptionGroup(this._getHelpOption())):this._helpOption=null,this):(this._helpOption=this.createOption(e??"-h, --help",n??"display help for command"),(e||n)&&this._initOptionGroup(this._helpOption),this)}_getHelpOption(){return this._helpOption===void 0&&this.helpOption(void 0,void 0),this._helpOption}addHelpOption(e){return this._helpOption=e,this._initOptionGroup(e),this}help(e){this.outputHelp(e);let n=Number(j.exitCode??0);n===0&&e&&typeof e!="function"&&e.error&&(n=1),this._exit(n,"commander.help","(outputHelp)")}addHelpText(e,n){let r=["beforeAll","before","after","afterAll"];if(!r.includes(e))throw new Error(`Unexpected value for position to addHelpText.
Expecting one of '${r.join("', '")}'`);let i=`${e}Help`;return this.on(i,o=>{let s;typeof n=="function"?s=n({error:o.error,command:o.command}):s=n,s&&o.write(`${s}
`)}),this}_outputHelpIfRequested(e){let n=this._getHelpOption();n&&e.find(i=>n.is(i))&&(this.outputHelp(),this._exit(0,"commander.helpDisplayed","(outputHelp)"))}};function aa(t){return t.map(e=>{if(!e.startsWith("--inspect"))return e;let n,r="127.0.0.1",i="9229",o;return(o=e.match(/^(--inspect(-brk)?)$/))!==null?n=o[1]:(o=e.match(/^(--inspect(-brk|-port)?)=([^:]+)$/))!==null?(n=o[1],/^\d+$/.test(o[3])?i=o[3]:r=o[3]):(o=e.match(/^(--inspect(-brk|-port)?)=([^:]+):(\d+)$/))!==null&&(n=o[1],r=o[3],i=o[4]),n&&i!=="0"?`${n}=${r}:${parseInt(i)+1}`:e})}function Gi(){if(j.env.NO_COLOR||j.env.FORCE_COLOR==="0"||j.env.FORCE_COLOR==="false")return!1;if(j.env.FORCE_COLOR||j.env.CLICOLOR_FORCE!==void 0)return!0}Wi.Command=Ni;Wi.useColor=Gi});var fa=ue(xe=>{var{Argument:ca}=Qn(),{Command:Di}=la(),{CommanderError:df,InvalidArgumentError:ua}=pn(),{Help:ff}=Ri(),{Option:da}=Oi();xe.program=new Di;xe.createCommand=t=>new Di(t);xe.createOption=(t,e)=>new da(t,e);xe.createArgument=(t,e)=>new ca(t,e);xe.Command=Di;xe.Option=da;xe.Argument=ca;xe.Help=ff;xe.CommanderError=df;xe.InvalidArgumentError=ua;xe.InvalidOptionArgumentError=ua});var $c=ue((bT,Oc)=>{"use strict";Oc.exports=function t(e,n){if(e===n)return!0;if(e&&n&&typeof e=="object"&&typeof n=="object"){if(e.constructor!==n.constructor)return!1;var r,i,o;if(Array.isArray(e)){if(r=e.length,r!=n.length)return!1;for(i=r;i--!==0;)if(!t(e[i],n[i]))return!1;return!0}if(e.constructor===RegExp)return e.source===n.source&&e.flags===n.flags;if(e.valueOf!==Object.prototype.valueOf)return e.valueOf()===n.valueOf();if(e.toString!==Object.prototype.toString)return e.toString()===n.toString();if(o=Object.keys(e),r=o.length,r!==Object.keys(n).length)return!1;for(i=r;i--!==0;)if(!Object.prototype.hasOwnProperty.call(n,o[i]))return!1;for(i=r;i--!==0;){var s=o[i];if(!t(e[s],n[s]))return!1}return!0}return e!==e&&n!==n}});var Nc=ue(Ro=>{"use strict";Object.defineProperty(Ro,"__esModule",{value:!0});var Pc=$c();Pc.code='require("ajv/dist/runtime/equal").default';Ro.default=Pc});var Wc=ue(Eo=>{"use strict";Object.defineProperty(Eo,"__esModule",{value:!0});function Gc(t){let e=t.length,n=0,r=0,i;for(;r<e;)n++,i=t.charCodeAt(r++),i>=55296&&i<=56319&&r<e&&(i=t.charCodeAt(r),(i&64512)===56320&&r++);return n}Eo.default=Gc;Gc.code='require("ajv/dist/runtime/ucs2length").default'});var Uc=ue(Ke=>{"use strict";Object.defineProperty(Ke,"__esModule",{value:!0});Ke.formatNames=Ke.fastFormats=Ke.fullFormats=void 0;function Ue(t,e){return{validate:t,compare:e}}Ke.fullFormats={date:Ue(Bc,$o),time:Ue(Lo(!0),Po),"date-time":Ue(Dc(!0),jc),"iso-time":Ue(Lo(),Vc),"iso-date-time":Ue(Dc(),zc),duration:/^P(?!$)((\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?|(\d+W)?)$/,uri:ng,"uri-reference":/^(?:[a-z][a-z0-9+\-.]*:)?(?:\/?\/(?:(?:[a-z0-9\-._~!$&'()*+,;=:]|%[0-9a-f]{2})*@)?(?:\[(?:(?:(?:(?:[0-9a-f]{1,4}:){6}|::(?:[0-9a-f]{1,4}:){5}|(?:[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){4}|(?:(?:[0-9a-f]{1,4}:){0,1}[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){3}|(?:(?:[0-9a-f]{1,4}:){0,2}[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){2}|(?:(?:[0-9a-f]{1,4}:){0,3}[0-9a-f]{1,4})?::[0-9a-f]{1,4}:|(?:(?:[0-9a-f]{1,4}:){0,4}[0-9a-f]{1,4})?::)(?:[0-9a-f]{1,4}:[0-9a-f]{1,4}|(?:(?:25[0-5]|2[0-4]\d|[01]?\d\d?)\.){3}(?:25[0-5]|2[0-4]\d|[01]?\d\d?))|(?:(?:[0-9a-f]{1,4}:){0,5}[0-9a-f]{1,4})?::[0-9a-f]{1,4}|(?:(?:[0-9a-f]{1,4}:){0,6}[0-9a-f]{1,4})?::)|[Vv][0-9a-f]+\.[a-z0-9\-._~!$&'()*+,;=:]+)\]|(?:(?:25[0-5]|2[0-4]\d|[01]?\d\d?)\.){3}(?:25[0-5]|2[0-4]\d|[01]?\d\d?)|(?:[a-z0-9\-._~!$&'"()*+,;=]|%[0-9a-f]{2})*)(?::\d*)?(?:\/(?:[a-z0-9\-._~!$&'"()*+,;=:@]|%[0-9a-f]{2})*)*|\/(?:(?:[a-z0-9\-._~!$&'"()*+,;=:@]|%[0-9a-f]{2})+(?:\/(?:[a-z0-9\-._~!$&'"()*+,;=:@]|%[0-9a-f]{2})*)*)?|(?:[a-z0-9\-._~!$&'"()*+,;=:@]|%[0-9a-f]{2})+(?:\/(?:[a-z0-9\-._~!$&'"()*+,;=:@]|%[0-9a-f]{2})*)*)?(?:\?(?:[a-z0-9\-._~!$&'"()*+,;=:@/?]|%[0-9a-f]{2})*)?(?:#(?:[a-z0-9\-._~!$&'"()*+,;=:@/?]|%[0-9a-f]{2})*)?$/i,"uri-template":/^(?:(?:[^\x00-\x20"'<>%\\^`{|}]|%[0-9a-f]{2})|\{[+#./;?&=,!@|]?(?:[a-z0-9_]|%[0-9a-f]{2})+(?::[1-9][0-9]{0,3}|\*)?(?:,(?:[a-z0-9_]|%[0-9a-f]{2})+(?::[1-9][0-9]{0,3}|\*)?)*\})*$/i,url:/^(?:https?|ftp):\/\/(?:\S+(?::\S*)?@)?(?:(?!(?:10|127)(?:\.\d{1,3}){3})(?!(?:169\.254|192\.168)(?:\.\d{1,3}){2})(?!172\.(?:1[6-9]|2\d|3[0-1])(?:\.\d{1,3}){2})(?:[1-9]\d?|1\d\d|2[01]\d|22[0-3])(?:\.(?:1?\d{1,2}|2[0-4]\d|25[0-5])){2}(?:\.(?:[1-9]\d?|1\d\d|2[0-4]\d|25[0-4]))|(?:(?:[a-z0-9\u{00a1}-\u{ffff}]+-)*[a-z0-9\u{00a1}-\u{ffff}]+)(?:\.(?:[a-z0-9\u{00a1}-\u{ffff}]+-)*[a-z0-9\u{00a1}-\u{ffff}]+)*(?:\.(?:[a-z\u{00a1}-\u{ffff}]{2,})))(?::\d{2,5})?(?:\/[^\s]*)?$/iu,email:/^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i,hostname:/^(?=.{1,253}\.?$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[-0-9a-z]{0,61}[0-9a-z])?)*\.?$/i,ipv4:/^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/,ipv6:/^((([0-9a-f]{1,4}:){7}([0-9a-f]{1,4}|:))|(([0-9a-f]{1,4}:){6}(:[0-9a-f]{1,4}|((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3})|:))|(([0-9a-f]{1,4}:){5}(((:[0-9a-f]{1,4}){1,2})|:((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3})|:))|(([0-9a-f]{1,4}:){4}(((:[0-9a-f]{1,4}){1,3})|((:[0-9a-f]{1,4})?:((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}))|:))|(([0-9a-f]{1,4}:){3}(((:[0-9a-f]{1,4}){1,4})|((:[0-9a-f]{1,4}){0,2}:((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}))|:))|(([0-9a-f]{1,4}:){2}(((:[0-9a-f]{1,4}){1,5})|((:[0-9a-f]{1,4}){0,3}:((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}))|:))|(([0-9a-f]{1,4}:){1}(((:[0-9a-f]{1,4}){1,6})|((:[0-9a-f]{1,4}){0,4}:((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}))|:))|(:(((:[0-9a-f]{1,4}){1,7})|((:[0-9a-f]{1,4}){0,5}:((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}))|:)))$/i,regex:cg,uuid:/^(?:urn:uuid:)?[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i,"json-pointer":/^(?:\/(?:[^~/]|~0|~1)*)*$/,"json-pointer-uri-fragment":/^#(?:\/(?:[a-z0-9_\-.!$&'()*+,;:=@]|%[0-9a-f]{2}|~0|~1)*)*$/i,"relative-json-pointer":/^(?:0|[1-9][0-9]*)(?:#|(?:\/(?:[^~/]|~0|~1)*)*)$/,byte:rg,int32:{type:"number",validate:sg},int64:{type:"number",validate:ag},float:{type:"number",validate:Fc},double:{type:"number",validate:Fc},password:!0,binary:!0};Ke.fastFormats={...Ke.fullFormats,date:Ue(/^\d\d\d\d-[0-1]\d-[0-3]\d$/,$o),time:Ue(/^(?:[0-2]\d:[0-5]\d:[0-5]\d|23:59:60)(?:\.\d+)?(?:z|[+-]\d\d(?::?\d\d)?)$/i,Po),"date-time":Ue(/^\d\d\d\d-[0-1]\d-[0-3]\dt(?:[0-2]\d:[0-5]\d:[0-5]\d|23:59:60)(?:\.\d+)?(?:z|[+-]\d\d(?::?\d\d)?)$/i,jc),"iso-time":Ue(/^(?:[0-2]\d:[0-5]\d:[0-5]\d|23:59:60)(?:\.\d+)?(?:z|[+-]\d\d(?::?\d\d)?)?$/i,Vc),"iso-date-time":Ue(/^\d\d\d\d-[0-1]\d-[0-3]\d[t\s](?:[0-2]\d:[0-5]\d:[0-5]\d|23:59:60)(?:\.\d+)?(?:z|[+-]\d\d(?::?\d\d)?)?$/i,zc),uri:/^(?:[a-z][a-z0-9+\-.]*:)(?:\/?\/)?[^\s]*$/i,"uri-reference":/^(?:(?:[a-z][a-z0-9+\-.]*:)?\/?\/)?(?:[^\\\s#][^\s#]*)?(?:#[^\\\s]*)?$/i,email:/^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i};Ke.formatNames=Object.keys(Ke.fullFormats);function Jp(t){return t%4===0&&(t%100!==0||t%400===0)}var Qp=/^(\d\d\d\d)-(\d\d)-(\d\d)$/,Zp=[0,31,28,31,30,31,30,31,31,30,31,30,31];function Bc(t){let e=Qp.exec(t);if(!e)return!1;let n=+e[1],r=+e[2],i=+e[3];return r>=1&&r<=12&&i>=1&&i<=(r===2&&Jp(n)?29:Zp[r])}function $o(t,e){if(t&&e)return t>e?1:t<e?-1:0}var Io=/^(\d\d):(\d\d):(\d\d(?:\.\d+)?)(z|([+-])(\d\d)(?::?(\d\d))?)?$/i;function Lo(t){return function(n){let r=Io.exec(n);if(!r)return!1;let i=+r[1],o=+r[2],s=+r[3],a=r[4],c=r[5]==="-"?-1:1,u=+(r[6]||0),l=+(r[7]||0);if(u>23||l>59||t&&!a)return!1;if(i<=23&&o<=59&&s<60)return!0;let d=o-l*c,m=i-u*c-(d<0?1:0);return(m===23||m===-1)&&(d===59||d===-1)&&s<61}}function Po(t,e){if(!(t&&e))return;let n=new Date("2020-01-01T"+t).valueOf(),r=new Date("2020-01-01T"+e).valueOf();if(n&&r)return n-r}function Vc(t,e){if(!(t&&e))return;let n=Io.exec(t),r=Io.exec(e);if(n&&r)return t=n[1]+n[2]+n[3],e=r[1]+r[2]+r[3],t>e?1:t<e?-1:0}var Oo=/t|\s/i;function Dc(t){let e=Lo(t);return function(r){let i=r.split(Oo);return i.length===2&&Bc(i[0])&&e(i[1])}}function jc(t,e){if(!(t&&e))return;let n=new Date(t).valueOf(),r=new Date(e).valueOf();if(n&&r)return n-r}function zc(t,e){if(!(t&&e))return;let[n,r]=t.split(Oo),[i,o]=e.split(Oo),s=$o(n,i);if(s!==void 0)return s||Po(r,o)}var eg=/\/|:/,tg=/^(?:[a-z][a-z0-9+\-.]*:)(?:\/?\/(?:(?:[a-z0-9\-._~!$&'()*+,;=:]|%[0-9a-f]{2})*@)?(?:\[(?:(?:(?:(?:[0-9a-f]{1,4}:){6}|::(?:[0-9a-f]{1,4}:){5}|(?:[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){4}|(?:(?:[0-9a-f]{1,4}:){0,1}[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){3}|(?:(?:[0-9a-f]{1,4}:){0,2}[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){2}|(?:(?:[0-9a-f]{1,4}:){0,3}[0-9a-f]{1,4})?::[0-9a-f]{1,4}:|(?:(?:[0-9a-f]{1,4}:){0,4}[0-9a-f]{1,4})?::)(?:[0-9a-f]{1,4}:[0-9a-f]{1,4}|(?:(?:25[0-5]|2[0-4]\d|[01]?\d\d?)\.){3}(?:25[0-5]|2[0-4]\d|[01]?\d\d?))|(?:(?:[0-9a-f]{1,4}:){0,5}[0-9a-f]{1,4})?::[0-9a-f]{1,4}|(?:(?:[0-9a-f]{1,4}:){0,6}[0-9a-f]{1,4})?::)|[Vv][0-9a-f]+\.[a-z0-9\-._~!$&'()*+,;=:]+)\]|(?:(?:25[0-5]|2[0-4]\d|[01]?\d\d?)\.){3}(?:25[0-5]|2[0-4]\d|[01]?\d\d?)|(?:[a-z0-9\-._~!$&'()*+,;=]|%[0-9a-f]{2})*)(?::\d*)?(?:\/(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})*)*|\/(?:(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})+(?:\/(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})*)*)?|(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})+(?:\/(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})*)*)(?:\?(?:[a-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9a-f]{2})*)?(?:#(?:[a-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9a-f]{2})*)?$/i;function ng(t){return eg.test(t)&&tg.test(t)}var Mc=/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/gm;function rg(t){return Mc.lastIndex=0,Mc.test(t)}var ig=-(2**31),og=2**31-1;function sg(t){return Number.isInteger(t)&&t<=og&&t>=ig}function ag(t){return Number.isInteger(t)}function Fc(){return!0}var lg=/[^\\]\\Z/;function cg(t){if(lg.test(t))return!1;try{return new RegExp(t),!0}catch{return!1}}});var du=ue((UT,Vr)=>{function nu(t){return Array.isArray(t)?t:[t]}var en=void 0,We="",nn=" ",de="\\",Ig=/[.*+?()[\]{}^$|\\/]/,ru="\uFEFF",Lg=/^\/\*{2,}$/,Og=/^\\!/,$g=/^\\#/,Pg=/\r?\n/g,Ng="//",tn=47,Jc=46,Se="/",iu="node-ignore";typeof Symbol<"u"&&(iu=Symbol.for("node-ignore"));var ou=iu,$t=(t,e,n)=>(Object.defineProperty(t,e,{value:n}),n),su=()=>!1,Qc={alnum:"0-9A-Za-z",alpha:"A-Za-z",blank:" \\t",cntrl:"\\x00-\\x1f\\x7f",digit:"0-9",graph:"!-.0-~",lower:"a-z",print:" -.0-~",punct:"!-.:-@\\[-`{-~",space:" \\t\\n\\r",upper:"A-Z",xdigit:"0-9A-Fa-f"},Gg="\\]^-[",Wr=t=>Gg.indexOf(t)<0?t:de+t,Wg="(?!\\/)",Dg=(t,e)=>{if(t)return`[^\\/${e}]`;let n=`[${e}]`;return new RegExp(n).test("/")?Wg+n:n},Mg=(t,e)=>{let{length:n}=t,r=e+1,i=We,o=t[r];(o==="!"||o==="^")&&(i="^",r++);let s=We,a=We;for(;;){let c=t[r];if(c===en)return null;if(c===de){let u=t[++r];s+=Wr(u),a=u}else if(c==="-"&&a&&r+1<n&&t[r+1]!=="]"){r++;let u=t[r];u===de&&(u=t[r+=1]),a<=u&&(s+=`-${Wr(u)}`),a=We}else if(c==="["&&t[r+1]===":"){let u=r+2,l=u;for(;l<n&&t[l]!=="]";)l++;if(l===n)return null;if(l>u&&t[l-1]===":"){let d=t.slice(u,l-1);if(!Object.prototype.hasOwnProperty.call(Qc,d))return null;s+=Qc[d],a=We,r=l}else s+=Wr("["),a="[",r=u-2}else s+=Wr(c),a=c;if(r++,t[r]==="]")return{end:r,source:Dg(i,s)}}},Fo="[]",$n="\0",Fg=new RegExp(`${$n}(\\d+)${$n}`,"g"),Fr="",Br="",Zc=t=>t===$n||t===Fr||t===Br,Bg=t=>{let e=[],n=s=>`${$n}${e.push(s)-1}${$n}`,{length:r}=t,i=We,o=0;for(;o<r;){let s=t[o];if(s===de){let a=t[o+1];a===Se&&o+2===r?i+=n(Fo):a==="*"||a==="["||a===nn?i+=t.slice(o,o+2):i+=n(Ig.test(a)?de+a:Zc(a)?`[${a}]`:a),o+=2}else if(Zc(s))i+=n(`[${s}]`),o++;else if(s==="["){let a=Mg(t,o);a===null?(i+=n(Fo),o=r):(i+=n(a.source),o=a.end+1)}else i+=s,o++}return{source:i,sources:e}},Bo=null,Vg=/\/(?!$)/,On="[^\\/]*",jg=[[/(\\+)( ?)/g,(t,e,n)=>n?e.slice(0,e.length-e.length%2)+nn:e,de+nn],[/(^|\/)\*{3,}(?=\/|$)/g,(t,e)=>`${e}**`,"*"],[/[\\$.|*+(){^]/g,t=>`\\${t}`],[/(?!\\)\?/g,()=>"[^/]","?"],[/^\//,()=>"^",Se],[/\//g,()=>"\\/",Se],[/^\^*(?:\\\*\\\*\\\/)+/,()=>"(?:^|\\/)","*"],[Bo,(t,e)=>!t||t[0]==="^"||t[0]==="("?t:(Vg.test(e)?"^":"(?:^|\\/)")+t],[/\\\/\\\*\\\*(?=\\\/|$)/g,(t,e,n)=>e+6<n.length?n.slice(e+6)==="\\/"?"(?:\\/[^\\/]+)+":"(?:\\/[^\\/]+)*":`\\/${Br}`,"*"],[/(^|[^\\])(?:\\\*)+(?!$)/g,(t,e)=>e+On,"*"],[/(^|[^\\])((?:\\\\)*)\\\*$/,(t,e,n)=>n===We?e+Fr:t,"*"],[/\\\\\\(?=[$.|*+(){^])/g,()=>de,de+de],[/\\\\/g,()=>de,de+de],[/\\\[([^\]/]*?)($|\])/g,(t,e,n)=>`\\[${e}${n}`,"["],[Bo,t=>{let e=t[t.length-1];return!e||e===Fr||e===Br?t:e===Se?`${t}$`:`${t}(?=$|\\/$)`}]],zg=/(^|\\\/)?\uE000$/,Dr="regex",eu="checkRegex",tu="_",Ug=(t,e)=>`${e?`${e}[^/]+`:"[^/]*"}(?=$|\\/$)`,Kg=/\uE001$/,qg=()=>"[\\s\\S]",Hg=(t,e)=>{let n=We;for(let r=e+1;r<t.length&&!t[r].wildcard;r++)n+=t[r].single;return n},Yg=t=>{if(t.indexOf(On)<0)return t;let e=[],{length:n}=t,r=0;for(;r<n;){let a=t[r];if(t.startsWith(On,r))e.push({wildcard:!0}),r+=On.length;else if(a==="["){let c=r+1;for(t[c]==="^"&&c++,t[c]==="]"&&c++;c<n&&t[c]!=="]";)c+=t[c]===de?2:1;c++,e.push({single:t.slice(r,c)}),r=c}else if(a===de)e.push({single:t.slice(r,r+2)}),r+=2;else if(a==="("){let c=0,u=r;do t[u]===de?u++:t[u]==="("?c++:t[u]===")"&&c--,u++;while(u<n&&c>0);"*+?".indexOf(t[u])>=0&&u++,e.push({boundary:t.slice(r,u)}),r=u}else a==="^"||a==="$"?(e.push({boundary:a}),r++):(e.push({single:a}),r++)}let i=We,o=[],s=()=>{let a;o.forEach((c,u)=>{c.wildcard&&(a=u)}),o.forEach((c,u)=>{if(!c.wildcard){i+=c.single;return}i+=u===a?On:`(?:(?!${Hg(o,u)})[^\\/])*`}),o=[]};return e.forEach(a=>{if(a.boundary===void 0){o.push(a);return}s(),i+=a.boundary}),s(),i},au=t=>{Lg.test(t)&&(t="**");let{source:e,sources:n}=Bg(t),r=jg.reduce((i,[o,s,a])=>o===Bo?s(i,t):a!==en&&i.indexOf(a)<0?i:o.test(i)?i.replace(o,s.bind(t)):i,e);return n.length?r.replace(Fg,(i,o)=>n[o]):r},Xg=(t,e)=>{t[t.length-1]===Se&&(e=au(t.slice(0,-1)));let n=e.slice(0,-1),r=e[e.length-1];return r===Fr?`${n}$`:r===Br?n:Fo},lu=t=>{let e=t.indexOf(Se);return e<0||e===t.length-1},Jg=t=>{let e=t.length-1,n=t.lastIndexOf(Se,t[e]===Se?e-1:e);return n<0?t:t.slice(n+1)},Qg=t=>{if(t.charCodeAt(0)===tn||t.indexOf(Ng)>=0){let r=t.split(Se).filter(Boolean);return r.pop(),r.length?r.join(Se)+Se:We}let e=t.length-1,n=t.lastIndexOf(Se,t.charCodeAt(e)===tn?e-1:e);return n<0?We:t.slice(0,n+1)},Pn=t=>typeof t=="string",Zg=t=>t&&Pn(t),eh=t=>(t[t.length-1]==="\r"?t.slice(0,-1):t).split(Pg).filter(Boolean),Vo=class{constructor(e,n,r,i,o,s){this.pattern=e,this.mark=n,this.negative=o,$t(this,"body",r),$t(this,"ignoreCase",i),$t(this,"regexPrefix",s)}get _basenameOnly(){return $t(this,"_basenameOnly",lu(this.body))}get regex(){let e=tu+Dr;return this[e]?this[e]:this._make(Dr,e)}get checkRegex(){let e=tu+eu;return this[e]?this[e]:this._make(eu,e)}_make(e,n){let r=Yg(e===Dr?this.regexPrefix.replace(zg,Ug).replace(Kg,qg):Xg(this.body,this.regexPrefix)),i=this.ignoreCase?new RegExp(r,"i"):new RegExp(r);return $t(this,n,i)}},th=t=>{let e=0;for(;t[t.length-e-1]===de;)e++;return e%2===1},nh=(t,e)=>{let n=t.length,r;for(;;){for(e&&t[n-1]==="\r"&&n--,r=n;t[r-1]===nn;)r--;if(!e||t[r-1]!==`
`)break;n=r-1}if(r===n)return t.slice(0,n);let i=0;for(;t[r-i-1]===de;)i++;return i%2?t.slice(0,r-1)+nn:t.slice(0,r)},rh=(t,e,n,r,i)=>{let o=i&&t[0]===ru?t.slice(1):t;if(o[0]==="#")return;let s=!1;o[0]==="!"&&(s=!0,o=o.slice(1));let a=o[o.length-1];if((a===nn||r&&(a==="\r"||a===`
`))&&(o=nh(o,r)),!o||th(o))return;o=o.replace(Og,"!").replace($g,"#");let c=au(o);return new Vo(t,e,o,n,s,c)},jo=class{constructor(e){this._ignoreCase=e,this._rules=[],this._basenameCount=0}_add(e,n){if(e&&e[ou]){this._rules=this._rules.concat(e._rules._rules),this._basenameCount+=e._rules._basenameCount,this._added=!0;return}let r=Pn(e),i=r?e:e.pattern,o=Zg(i)&&rh(i,r?en:e.mark,this._ignoreCase,!this._split,this._stripBOM&&!n);o&&(this._added=!0,this._rules.push(o),lu(o.body)&&this._basenameCount++)}add(e){return this._added=!1,this._split=Pn(e),this._stripBOM=!this._split||e[0]===ru,nu(this._split?eh(e):e).forEach(this._add,this),this._added&&(this._literalRules=en),this._added}testLiteral(e){let n=this._literalRules||(this._literalRules=this._rules.filter(({body:a})=>a[a.length-(a[a.length-1]===Se?2:1)]==="*")),r=!1,i=!1,o;for(let a=n.length-1;a>=0;a--){let c=n[a];if(c.checkRegex.test(e)){r=!c.negative,i=c.negative,o=c.negative?en:c;break}}let s={ignored:r,unignored:i};return o&&(s.rule=o),s}test(e,n){let r=this._rules,{length:i}=r,o=this._basenameCount*2>=i,s=o?Jg(e):e;for(let a=i-1;a>=0;a--){let c=r[a];if(c[n].test(o&&c._basenameOnly?s:e)){let{negative:u}=c,l={ignored:!u,unignored:u};return u||(l.rule=c),l}}return{ignored:!1,unignored:!1}}},ih=(t,e)=>{throw new e(t)},ut=(t,e,n)=>Pn(t)?t?ut.isNotRelative(t)?n(`path should be a \`path.relative()\`d string, but got "${e}"`,RangeError):!0:n("path must not be empty",TypeError):n(`path must be a string, but got \`${e}\``,TypeError),cu=t=>{let e=t.charCodeAt(0);if(e===tn)return!0;if(e!==Jc)return!1;if(t.length===1)return!0;let n=t.charCodeAt(1);return n===tn?!0:n!==Jc?!1:t.length===2||t.charCodeAt(2)===tn};ut.isNotRelative=cu;ut.convert=t=>t;var Mr=t=>Pn(t)&&ut.convert(t),zo=class{constructor({ignorecase:e=!0,ignoreCase:n=e,allowRelativePaths:r=!1}={}){$t(this,ou,!0),this._rules=new jo(n),this._strictPathCheck=!r,this._initCache()}_initCache(){this._ignoreCache=Object.create(null),this._testCache=Object.create(null)}add(e){return this._rules.add(e)&&this._initCache(),this}addPattern(e){return this.add(e)}_test(e,n,r){return ut(r,e,this._strictPathCheck?ih:su),r?this._t(r,n):{ignored:!1,unignored:!1}}checkIgnore(e){let n=Mr(e);if(!n||n.charCodeAt(n.length-1)!==tn)return this._test(e,this._testCache,n);let r=this._t(n,this._testCache);if(r.ignored)return r;let i=this._rules.testLiteral(n);return i.ignored||i.unignored?i:r}_t(e,n){if(e in n)return n[e];let r=Qg(e),i=r?this._t(r,n):en;return n[e]=i&&i.ignored?i:this._rules.test(e,Dr)}ignores(e){return this._test(e,this._ignoreCache,Mr(e)).ignored}createFilter(){return e=>!this.ignores(e)}filter(e){return nu(e).filter(this.createFilter())}test(e){return this._test(e,this._testCache,Mr(e))}},Uo=t=>new zo(t),oh=t=>ut(Mr(t),t,su),uu=()=>{let t=n=>/^\\\\\?\\/.test(n)||/["<>|\u0000-\u001F]+/u.test(n)?n:n.replace(/\\/g,"/");ut.convert=t;let e=/^[a-z]:\//i;ut.isNotRelative=n=>e.test(n)||cu(n)};typeof process<"u"&&process.platform==="win32"&&uu();Vr.exports=Uo;Uo.default=Uo;Vr.exports.isPathValid=oh;$t(Vr.exports,Symbol.for("setupWindows"),uu)});var Nn=ue((KT,hu)=>{"use strict";var fu="[^\\\\/]",sh="(?=.)",mu="[^/]",Ko="(?:\\/|$)",pu="(?:^|\\/)",qo=`\\.{1,2}${Ko}`,ah="(?!\\.)",lh=`(?!${pu}${qo})`,ch=`(?!\\.{0,1}${Ko})`,uh=`(?!${qo})`,dh="[^.\\/]",fh=`${mu}*?`,mh="/",gu={DOT_LITERAL:"\\.",PLUS_LITERAL:"\\+",QMARK_LITERAL:"\\?",SLASH_LITERAL:"\\/",ONE_CHAR:sh,QMARK:mu,END_ANCHOR:Ko,DOTS_SLASH:qo,NO_DOT:ah,NO_DOTS:lh,NO_DOT_SLASH:ch,NO_DOTS_SLASH:uh,QMARK_NO_DOT:dh,STAR:fh,START_ANCHOR:pu,SEP:mh},ph={...gu,SLASH_LITERAL:"[\\\\/]",QMARK:fu,STAR:`${fu}*?`,DOTS_SLASH:"\\.{1,2}(?:[\\\\/]|$)",NO_DOT:"(?!\\.)",NO_DOTS:"(?!(?:^|[\\\\/])\\.{1,2}(?:[\\\\/]|$))",NO_DOT_SLASH:"(?!\\.{0,1}(?:[\\\\/]|$))",NO_DOTS_SLASH:"(?!\\.{1,2}(?:[\\\\/]|$))",QMARK_NO_DOT:"[^.\\\\/]",START_ANCHOR:"(?:^|[\\\\/])",END_ANCHOR:"(?:[\\\\/]|$)",SEP:"\\"},gh={__proto__:null,alnum:"a-zA-Z0-9",alpha:"a-zA-Z",ascii:"\\x00-\\x7F",blank:" \\t",cntrl:"\\x00-\\x1F\\x7F",digit:"0-9",graph:"\\x21-\\x7E",lower:"a-z",print:"\\x20-\\x7E ",punct:"\\-!\"#$%&'()\\*+,./:;<=>?@[\\]^_`{|}~",space:" \\t\\r\\n\\v\\f",upper:"A-Z",word:"A-Za-z0-9_",xdigit:"A-Fa-f0-9"};hu.exports={DEFAULT_MAX_EXTGLOB_RECURSION:0,MAX_LENGTH:1024*64,POSIX_REGEX_SOURCE:gh,REGEX_BACKSLASH:/\\(?![*+?^${}(|)[\]])/g,REGEX_NON_SPECIAL_CHARS:/^[^@![\].,$*+?^{}()|\\/]+/,REGEX_SPECIAL_CHARS:/[-*+?.^${}(|)[\]]/,REGEX_SPECIAL_CHARS_BACKREF:/(\\?)((\W)(\3*))/g,REGEX_SPECIAL_CHARS_GLOBAL:/([-*+?.^${}(|)[\]])/g,REGEX_REMOVE_BACKSLASH:/(?:\[.*?[^\\]\]|\\(?=.))/g,REPLACEMENTS:{__proto__:null,"***":"*","**/**":"**","**/**/**":"**"},CHAR_0:48,CHAR_9:57,CHAR_UPPERCASE_A:65,CHAR_LOWERCASE_A:97,CHAR_UPPERCASE_Z:90,CHAR_LOWERCASE_Z:122,CHAR_LEFT_PARENTHESES:40,CHAR_RIGHT_PARENTHESES:41,CHAR_ASTERISK:42,CHAR_AMPERSAND:38,CHAR_AT:64,CHAR_BACKWARD_SLASH:92,CHAR_CARRIAGE_RETURN:13,CHAR_CIRCUMFLEX_ACCENT:94,CHAR_COLON:58,CHAR_COMMA:44,CHAR_DOT:46,CHAR_DOUBLE_QUOTE:34,CHAR_EQUAL:61,CHAR_EXCLAMATION_MARK:33,CHAR_FORM_FEED:12,CHAR_FORWARD_SLASH:47,CHAR_GRAVE_ACCENT:96,CHAR_HASH:35,CHAR_HYPHEN_MINUS:45,CHAR_LEFT_ANGLE_BRACKET:60,CHAR_LEFT_CURLY_BRACE:123,CHAR_LEFT_SQUARE_BRACKET:91,CHAR_LINE_FEED:10,CHAR_NO_BREAK_SPACE:160,CHAR_PERCENT:37,CHAR_PLUS:43,CHAR_QUESTION_MARK:63,CHAR_RIGHT_ANGLE_BRACKET:62,CHAR_RIGHT_CURLY_BRACE:125,CHAR_RIGHT_SQUARE_BRACKET:93,CHAR_SEMICOLON:59,CHAR_SINGLE_QUOTE:39,CHAR_SPACE:32,CHAR_TAB:9,CHAR_UNDERSCORE:95,CHAR_VERTICAL_LINE:124,CHAR_ZERO_WIDTH_NOBREAK_SPACE:65279,extglobChars(t){return{"!":{type:"negate",open:"(?:(?!(?:",close:`))${t.STAR})`},"?":{type:"qmark",open:"(?:",close:")?"},"+":{type:"plus",open:"(?:",close:")+"},"*":{type:"star",open:"(?:",close:")*"},"@":{type:"at",open:"(?:",close:")"}}},globChars(t){return t===!0?ph:gu}}});var Gn=ue(ye=>{"use strict";var{REGEX_BACKSLASH:hh,REGEX_REMOVE_BACKSLASH:yh,REGEX_SPECIAL_CHARS:bh,REGEX_SPECIAL_CHARS_GLOBAL:kh}=Nn();ye.isObject=t=>t!==null&&typeof t=="object"&&!Array.isArray(t);ye.hasRegexChars=t=>bh.test(t);ye.isRegexChar=t=>t.length===1&&ye.hasRegexChars(t);ye.escapeRegex=t=>t.replace(kh,"\\$1");ye.toPosixSlashes=t=>t.replace(hh,"/");ye.isWindows=()=>{if(typeof navigator<"u"&&navigator.platform){let t=navigator.platform.toLowerCase();return t==="win32"||t==="windows"}return typeof process<"u"&&process.platform?process.platform==="win32":!1};ye.removeBackslashes=t=>t.replace(yh,e=>e==="\\"?"":e);ye.escapeLast=(t,e,n)=>{let r=t.lastIndexOf(e,n);return r===-1?t:t[r-1]==="\\"?ye.escapeLast(t,e,r-1):`${t.slice(0,r)}\\${t.slice(r)}`};ye.removePrefix=(t,e={})=>{let n=t;return n.startsWith("./")&&(n=n.slice(2),e.prefix="./"),n};ye.wrapOutput=(t,e={},n={})=>{let r=n.contains?"":"^",i=n.contains?"":"$",o=`${r}(?:${t})${i}`;return e.negated===!0&&(o=`(?:^(?!${o}).*$)`),o};ye.basename=(t,{windows:e}={})=>{let n=t.split(e?/[\\/]/:"/"),r=n[n.length-1];return r===""?n[n.length-2]:r}});var Su=ue((HT,Au)=>{"use strict";var yu=Gn(),{CHAR_ASTERISK:Ho,CHAR_AT:wh,CHAR_BACKWARD_SLASH:rn,CHAR_COMMA:vh,CHAR_DOT:Yo,CHAR_EXCLAMATION_MARK:Xo,CHAR_FORWARD_SLASH:_u,CHAR_LEFT_CURLY_BRACE:Jo,CHAR_LEFT_PARENTHESES:jr,CHAR_LEFT_SQUARE_BRACKET:_h,CHAR_PLUS:Ah,CHAR_QUESTION_MARK:bu,CHAR_RIGHT_CURLY_BRACE:Sh,CHAR_RIGHT_PARENTHESES:ku,CHAR_RIGHT_SQUARE_BRACKET:Th}=Nn(),wu=t=>t===_u||t===rn,vu=t=>{t.isPrefix!==!0&&(t.depth=t.isGlobstar?1/0:1)},Ch=(t,e)=>{let n=e||{},r=t.length-1,i=n.parts===!0||n.tokens===!0||n.scanToEnd===!0,o=[],s=[],a=[],c=t,u=-1,l=0,d=0,m=!1,f=!1,p=!1,h=!1,C=!1,_=!1,y=!1,g=!1,v=!1,T=!1,E=0,D,I,P={value:"",depth:0,isGlob:!1},b=()=>u>=r,se=()=>c.charCodeAt(u+1),Q=()=>(D=I,c.charCodeAt(++u));for(;u<r;){I=Q();let V;if(I===rn){y=P.backslashes=!0,I=Q(),I===Jo&&(_=!0);continue}if(_===!0||I===Jo){for(E++;b()!==!0&&(I=Q());){if(I===rn){y=P.backslashes=!0,Q();continue}if(I===Jo){E++;continue}if(_!==!0&&I===Yo&&(I=Q())===Yo){if(m=P.isBrace=!0,p=P.isGlob=!0,T=!0,i===!0)continue;break}if(_!==!0&&I===vh){if(m=P.isBrace=!0,p=P.isGlob=!0,T=!0,i===!0)continue;break}if(I===Sh&&(E--,E===0)){_=!1,m=P.isBrace=!0,T=!0;break}}if(i===!0)continue;break}if(I===_u){if(o.push(u),s.push(P),P={value:"",depth:0,isGlob:!1},T===!0)continue;if(D===Yo&&u===l+1){l+=2;continue}d=u+1;continue}if(n.noext!==!0&&(I===Ah||I===wh||I===Ho||I===bu||I===Xo)===!0&&se()===jr){if(p=P.isGlob=!0,h=P.isExtglob=!0,T=!0,I===Xo&&u===l&&(v=!0),i===!0){let N=0;for(;b()!==!0&&(I=Q());){if(I===rn){y=P.backslashes=!0,Q();continue}if(I===jr){N++;continue}if(I===ku&&--N===0){T=!0;break}}continue}break}if(I===Ho){if(D===Ho&&(C=P.isGlobstar=!0),p=P.isGlob=!0,T=!0,i===!0)continue;break}if(I===bu){if(p=P.isGlob=!0,T=!0,i===!0)continue;break}if(I===_h){for(;b()!==!0&&(V=Q());){if(V===rn){y=P.backslashes=!0,Q();continue}if(V===Th){f=P.isBracket=!0,p=P.isGlob=!0,T=!0;break}}if(i===!0)continue;break}if(n.nonegate!==!0&&I===Xo&&u===l){g=P.negated=!0,l++;continue}if(n.noparen!==!0&&I===jr){if(p=P.isGlob=!0,i===!0){let fe=1;for(;b()!==!0&&(I=Q());){if(I===rn){y=P.backslashes=!0,Q();continue}if(I===jr){fe++;continue}if(I===ku&&--fe===0){T=!0;break}}continue}break}if(p===!0){if(T=!0,i===!0)continue;break}}n.noext===!0&&(h=!1,p=!1);let H=c,k="",w="";l>0&&(k=c.slice(0,l),c=c.slice(l),d-=l),H&&p===!0&&d>0?(H=c.slice(0,d),w=c.slice(d)):p===!0?(H="",w=c):H=c,H&&H!==""&&H!=="/"&&H!==c&&wu(H.charCodeAt(H.length-1))&&(H=H.slice(0,-1)),n.unescape===!0&&(w&&(w=yu.removeBackslashes(w)),H&&y===!0&&(H=yu.removeBackslashes(H)));let ge={prefix:k,input:t,start:l,base:H,glob:w,isBrace:m,isBracket:f,isGlob:p,isExtglob:h,isGlobstar:C,negated:g,negatedExtglob:v};if(n.tokens===!0&&(ge.maxDepth=0,wu(I)||s.push(P),ge.tokens=s),n.parts===!0||n.tokens===!0){let V;for(let K=0;K<o.length;K++){let Je=V!==void 0?V+1:l,un=o[K],ht=t.slice(Je,un);n.tokens&&(K===0&&l!==0?(s[K].isPrefix=!0,s[K].value=k):s[K].value=ht,vu(s[K]),ge.maxDepth+=s[K].depth),un>=l&&(a.push(ht),V=un)}let fe=V!==void 0?V+1:l,N=t.slice(fe);a.push(N),n.tokens&&V&&V+1<t.length&&(s[s.length-1].value=N,vu(s[s.length-1]),ge.maxDepth+=s[s.length-1].depth),ge.slashes=o,ge.parts=a}return ge};Au.exports=Ch});var Ru=ue((YT,xu)=>{"use strict";var Wn=Nn(),Te=Gn(),{MAX_LENGTH:zr,POSIX_REGEX_SOURCE:xh,REGEX_NON_SPECIAL_CHARS:Rh,REGEX_SPECIAL_CHARS_BACKREF:Eh,REPLACEMENTS:Tu}=Wn,Ih=(t,e)=>{if(typeof e.expandRange=="function")return e.expandRange(...t,e);t.sort();let n=`[${t.join("-")}]`;try{new RegExp(n)}catch{return t.map(i=>Te.escapeRegex(i)).join("..")}return n},on=(t,e)=>`Missing ${t}: "${e}" - use "\\\\${e}" to match literal characters`,Cu=t=>{let e=[],n=0,r=0,i=0,o="",s=!1;for(let a of t){if(s===!0){o+=a,s=!1;continue}if(a==="\\"){o+=a,s=!0;continue}if(a==='"'){i=i===1?0:1,o+=a;continue}if(i===0){if(a==="[")n++;else if(a==="]"&&n>0)n--;else if(n===0){if(a==="(")r++;else if(a===")"&&r>0)r--;else if(a==="|"&&r===0){e.push(o),o="";continue}}}o+=a}return e.push(o),e},Lh=t=>{let e=!1;for(let n of t){if(e===!0){e=!1;continue}if(n==="\\"){e=!0;continue}if(/[?*+@!()[\]{}]/.test(n))return!1}return!0},Zo=t=>{let e=t.trim(),n=!0;for(;n===!0;)n=!1,/^@\([^\\()[\]{}|]+\)$/.test(e)&&(e=e.slice(2,-1),n=!0);if(Lh(e))return e.replace(/\\(.)/g,"$1")},Oh=t=>{let e=t.map(Zo).filter(Boolean);for(let n=0;n<e.length;n++)for(let r=n+1;r<e.length;r++){let i=e[n],o=e[r],s=i[0];if(!(!s||i!==s.repeat(i.length)||o!==s.repeat(o.length))&&(i===o||i.startsWith(o)||o.startsWith(i)))return!0}return!1},Qo=(t,e=!0)=>{if(t[0]!=="+"&&t[0]!=="*"||t[1]!=="(")return;let n=0,r=0,i=0,o=!1;for(let s=1;s<t.length;s++){let a=t[s];if(o===!0){o=!1;continue}if(a==="\\"){o=!0;continue}if(a==='"'){i=i===1?0:1;continue}if(i!==1){if(a==="["){n++;continue}if(a==="]"&&n>0){n--;continue}if(!(n>0)){if(a==="("){r++;continue}if(a===")"&&(r--,r===0))return e===!0&&s!==t.length-1?void 0:{type:t[0],body:t.slice(2,s),end:s}}}}},$h=t=>`${t.length===1?Te.escapeRegex(t[0]):`[${t.map(n=>Te.escapeRegex(n)).join("")}]`}*`,Ph=t=>{let e=0,n=[];for(;e<t.length;){let r=Qo(t.slice(e),!1);if(!r||r.type!=="*")return;let i=Cu(r.body).map(s=>s.trim());if(i.length!==1)return;let o=Zo(i[0]);if(!o||o.length!==1)return;n.push(o),e+=r.end+1}if(!(n.length<1))return n},Nh=t=>{let e=0,n=t.trim(),r=Qo(n);for(;r;)e++,n=r.body.trim(),r=Qo(n);return e},Gh=(t,e)=>{if(e.maxExtglobRecursion===!1)return{risky:!1};let n=typeof e.maxExtglobRecursion=="number"?e.maxExtglobRecursion:Wn.DEFAULT_MAX_EXTGLOB_RECURSION,r=Cu(t).map(a=>a.trim());if(r.length>1&&(r.some(a=>a==="")||r.some(a=>/^[*?]+$/.test(a))||Oh(r)))return{risky:!0};let i=[],o=!1,s=!0;for(let a of r){let c=Ph(a);if(c){o=!0,i.push(...c);continue}let u=Zo(a);if(u&&u.length===1){i.push(u);continue}if(s=!1,Nh(a)>n)return{risky:!0}}return o?s?{risky:!0,safeOutput:$h([...new Set(i)])}:{risky:!0}:{risky:!1}},es=(t,e)=>{if(typeof t!="string")throw new TypeError("Expected a string");t=Tu[t]||t;let n={...e},r=typeof n.maxLength=="number"?Math.min(zr,n.maxLength):zr,i=t.length;if(i>r)throw new SyntaxError(`Input length: ${i}, exceeds maximum allowed length: ${r}`);let o={type:"bos",value:"",output:n.prepend||""},s=[o],a=n.capture?"":"?:",c=Wn.globChars(n.windows),u=Wn.extglobChars(c),{DOT_LITERAL:l,PLUS_LITERAL:d,SLASH_LITERAL:m,ONE_CHAR:f,DOTS_SLASH:p,NO_DOT:h,NO_DOT_SLASH:C,NO_DOTS_SLASH:_,QMARK:y,QMARK_NO_DOT:g,STAR:v,START_ANCHOR:T}=c,E=S=>`(${a}(?:(?!${T}${S.dot?p:l}).)*?)`,D=n.dot?"":h,I=n.dot?y:g,P=n.bash===!0?E(n):v;n.capture&&(P=`(${P})`),typeof n.noext=="boolean"&&(n.noextglob=n.noext);let b={input:t,index:-1,start:0,dot:n.dot===!0,consumed:"",output:"",prefix:"",backtrack:!1,negated:!1,brackets:0,braces:0,parens:0,quotes:0,globstar:!1,tokens:s};t=Te.removePrefix(t,b),i=t.length;let se=[],Q=[],H=[],k=o,w,ge=()=>b.index===i-1,V=b.peek=(S=1)=>t[b.index+S],fe=b.advance=()=>t[++b.index]||"",N=()=>t.slice(b.index+1),K=(S="",Y=0)=>{b.consumed+=S,b.index+=Y},Je=S=>{b.output+=S.output!=null?S.output:S.value,K(S.value)},un=()=>{let S=1;for(;V()==="!"&&(V(2)!=="("||V(3)==="?");)fe(),b.start++,S++;return S%2===0?!1:(b.negated=!0,b.start++,!0)},ht=S=>{b[S]++,H.push(S)},at=S=>{b[S]--,H.pop()},M=S=>{if(k.type==="globstar"){let Y=b.braces>0&&(S.type==="comma"||S.type==="brace"),A=S.extglob===!0||se.length&&(S.type==="pipe"||S.type==="paren");S.type!=="slash"&&S.type!=="paren"&&!Y&&!A&&(b.output=b.output.slice(0,-k.output.length),k.type="star",k.value="*",k.output=P,b.output+=k.output)}if(se.length&&S.type!=="paren"&&(se[se.length-1].inner+=S.value),(S.value||S.output)&&Je(S),k&&k.type==="text"&&S.type==="text"){k.output=(k.output||k.value)+S.value,k.value+=S.value;return}S.prev=k,s.push(S),k=S},Yn=(S,Y)=>{let A={...u[Y],conditions:1,inner:""};A.prev=k,A.parens=b.parens,A.output=b.output,A.startIndex=b.index,A.tokensIndex=s.length;let F=(n.capture?"(":"")+A.open;ht("parens"),M({type:S,value:Y,output:b.output?"":f}),M({type:"paren",extglob:!0,value:fe(),output:F}),se.push(A)},qd=S=>{let Y=t.slice(S.startIndex,b.index+1),A=t.slice(S.startIndex+2,b.index),F=Gh(A,n);if((S.type==="plus"||S.type==="star")&&F.risky){let U=F.safeOutput?(S.output?"":f)+(n.capture?`(${F.safeOutput})`:F.safeOutput):void 0,Fe=s[S.tokensIndex];Fe.type="text",Fe.value=Y,Fe.output=U||Te.escapeRegex(Y);for(let yt=S.tokensIndex+1;yt<s.length;yt++)s[yt].value="",s[yt].output="",delete s[yt].suffix;b.output=S.output+Fe.output,b.backtrack=!0,M({type:"paren",extglob:!0,value:w,output:""}),at("parens");return}let q=S.close+(n.capture?")":""),ae;if(S.type==="negate"){let U=P;if(S.inner&&S.inner.length>1&&S.inner.includes("/")&&(U=E(n)),(U!==P||ge()||/^\)+$/.test(N()))&&(q=S.close=`)$))${U}`),S.inner.includes("*")&&(ae=N())&&/^\.[^\\/.]+$/.test(ae)){let Fe=es(ae,{...e,fastpaths:!1}).output;q=S.close=`)${Fe})${U})`}S.prev.type==="bos"&&(b.negatedExtglob=!0)}M({type:"paren",extglob:!0,value:w,output:q}),at("parens")};if(n.fastpaths!==!1&&!/(^[*!]|[/()[\]{}"])/.test(t)){let S=!1,Y=t.replace(Eh,(A,F,q,ae,U,Fe)=>ae==="\\"?(S=!0,A):ae==="?"?F?F+ae+(U?y.repeat(U.length):""):Fe===0?I+(U?y.repeat(U.length):""):y.repeat(q.length):ae==="."?l.repeat(q.length):ae==="*"?F?F+ae+(U?P:""):P:F?A:`\\${A}`);return S===!0&&(n.unescape===!0?Y=Y.replace(/\\/g,""):Y=Y.replace(/\\+/g,A=>A.length%2===0?"\\\\":A?"\\":"")),Y===t&&n.contains===!0?(b.output=t,b):(b.output=Te.wrapOutput(Y,b,e),b)}for(;!ge();){if(w=fe(),w==="\0")continue;if(w==="\\"){let A=V();if(A==="/"&&n.bash!==!0||A==="."||A===";")continue;if(!A){w+="\\",M({type:"text",value:w});continue}let F=/^\\+/.exec(N()),q=0;if(F&&F[0].length>2&&(q=F[0].length,b.index+=q,q%2!==0&&(w+="\\")),n.unescape===!0?w=fe():w+=fe(),b.brackets===0){M({type:"text",value:w});continue}}if(b.brackets>0&&(w!=="]"||k.value==="["||k.value==="[^")){if(n.posix!==!1&&w===":"){let A=k.value.slice(1);if(A.includes("[")&&(k.posix=!0,A.includes(":"))){let F=k.value.lastIndexOf("["),q=k.value.slice(0,F),ae=k.value.slice(F+2),U=xh[ae];if(U){k.value=q+U,b.backtrack=!0,fe(),!o.output&&s.indexOf(k)===1&&(o.output=f);continue}}}(w==="["&&V()!==":"||w==="-"&&V()==="]")&&(w=`\\${w}`),w==="]"&&(k.value==="["||k.value==="[^")&&(w=`\\${w}`),n.posix===!0&&w==="!"&&k.value==="["&&(w="^"),k.value+=w,Je({value:w});continue}if(b.quotes===1&&w!=='"'){w=Te.escapeRegex(w),k.value+=w,Je({value:w});continue}if(w==='"'){b.quotes=b.quotes===1?0:1,n.keepQuotes===!0&&M({type:"text",value:w});continue}if(w==="("){ht("parens"),M({type:"paren",value:w});continue}if(w===")"){if(b.parens===0&&n.strictBrackets===!0)throw new SyntaxError(on("opening","("));let A=se[se.length-1];if(A&&b.parens===A.parens+1){qd(se.pop());continue}M({type:"paren",value:w,output:b.parens?")":"\\)"}),at("parens");continue}if(w==="["){if(n.nobracket===!0||!N().includes("]")){if(n.nobracket!==!0&&n.strictBrackets===!0)throw new SyntaxError(on("closing","]"));w=`\\${w}`}else ht("brackets");M({type:"bracket",value:w});continue}if(w==="]"){if(n.nobracket===!0||k&&k.type==="bracket"&&k.value.length===1){M({type:"text",value:w,output:`\\${w}`});continue}if(b.brackets===0){if(n.strictBrackets===!0)throw new SyntaxError(on("opening","["));M({type:"text",value:w,output:`\\${w}`});continue}at("brackets");let A=k.value.slice(1);if(k.posix!==!0&&A[0]==="^"&&!A.includes("/")&&(w=`/${w}`),k.value+=w,Je({value:w}),n.literalBrackets===!1||Te.hasRegexChars(A))continue;let F=Te.escapeRegex(k.value);if(b.output=b.output.slice(0,-k.value.length),n.literalBrackets===!0){b.output+=F,k.value=F;continue}k.value=`(${a}${F}|${k.value})`,b.output+=k.value;continue}if(w==="{"&&n.nobrace!==!0){ht("braces");let A={type:"brace",value:w,output:"(",outputIndex:b.output.length,tokensIndex:b.tokens.length};Q.push(A),M(A);continue}if(w==="}"){let A=Q[Q.length-1];if(n.nobrace===!0||!A){M({type:"text",value:w,output:w});continue}let F=")";if(A.dots===!0){let q=s.slice(),ae=[];for(let U=q.length-1;U>=0&&(s.pop(),q[U].type!=="brace");U--)q[U].type!=="dots"&&ae.unshift(q[U].value);F=Ih(ae,n),b.backtrack=!0}if(A.comma!==!0&&A.dots!==!0){let q=b.output.slice(0,A.outputIndex),ae=b.tokens.slice(A.tokensIndex);A.value=A.output="\\{",w=F="\\}",b.output=q;for(let U of ae)b.output+=U.output||U.value}M({type:"brace",value:w,output:F}),at("braces"),Q.pop();continue}if(w==="|"){se.length>0&&se[se.length-1].conditions++,M({type:"text",value:w});continue}if(w===","){let A=w,F=Q[Q.length-1];F&&H[H.length-1]==="braces"&&(F.comma=!0,A="|"),M({type:"comma",value:w,output:A});continue}if(w==="/"){if(k.type==="dot"&&b.index===b.start+1){b.start=b.index+1,b.consumed="",b.output="",s.pop(),k=o;continue}M({type:"slash",value:w,output:m});continue}if(w==="."){if(b.braces>0&&k.type==="dot"){k.value==="."&&(k.output=l);let A=Q[Q.length-1];k.type="dots",k.output+=w,k.value+=w,A.dots=!0;continue}if(b.braces+b.parens===0&&k.type!=="bos"&&k.type!=="slash"){M({type:"text",value:w,output:l});continue}M({type:"dot",value:w,output:l});continue}if(w==="?"){if(!(k&&k.value==="(")&&n.noextglob!==!0&&V()==="("&&V(2)!=="?"){Yn("qmark",w);continue}if(k&&k.type==="paren"){let F=V(),q=w;(k.value==="("&&!/[!=<:]/.test(F)||F==="<"&&!/<([!=]|\w+>)/.test(N()))&&(q=`\\${w}`),M({type:"text",value:w,output:q});continue}if(n.dot!==!0&&(k.type==="slash"||k.type==="bos")){M({type:"qmark",value:w,output:g});continue}M({type:"qmark",value:w,output:y});continue}if(w==="!"){if(n.noextglob!==!0&&V()==="("&&(V(2)!=="?"||!/[!=<:]/.test(V(3)))){Yn("negate",w);continue}if(n.nonegate!==!0&&b.index===0){un();continue}}if(w==="+"){if(n.noextglob!==!0&&V()==="("&&V(2)!=="?"){Yn("plus",w);continue}if(k&&k.value==="("||n.regex===!1){M({type:"plus",value:w,output:d});continue}if(k&&(k.type==="bracket"||k.type==="paren"||k.type==="brace")||b.parens>0){M({type:"plus",value:w});continue}M({type:"plus",value:d});continue}if(w==="@"){if(n.noextglob!==!0&&V()==="("&&V(2)!=="?"){M({type:"at",extglob:!0,value:w,output:""});continue}M({type:"text",value:w});continue}if(w!=="*"){(w==="$"||w==="^")&&(w=`\\${w}`);let A=Rh.exec(N());A&&(w+=A[0],b.index+=A[0].length),M({type:"text",value:w});continue}if(k&&(k.type==="globstar"||k.star===!0)){k.type="star",k.star=!0,k.value+=w,k.output=P,b.backtrack=!0,b.globstar=!0,K(w);continue}let S=N();if(n.noextglob!==!0&&/^\([^?]/.test(S)){Yn("star",w);continue}if(k.type==="star"){if(n.noglobstar===!0){K(w);continue}let A=k.prev,F=A.prev,q=A.type==="slash"||A.type==="bos",ae=F&&(F.type==="star"||F.type==="globstar");if(n.bash===!0&&(!q||S[0]&&S[0]!=="/")){M({type:"star",value:w,output:""});continue}let U=b.braces>0&&(A.type==="comma"||A.type==="brace"),Fe=se.length&&(A.type==="pipe"||A.type==="paren");if(!q&&A.type!=="paren"&&!U&&!Fe){M({type:"star",value:w,output:""});continue}for(;S.slice(0,3)==="/**";){let Bt=t[b.index+4];if(Bt&&Bt!=="/")break;S=S.slice(3),K("/**",3)}let yt=ge()||b.parens>0&&S===")".repeat(b.parens)&&!se.some(Bt=>Bt.type==="negate");if(A.type==="bos"&&ge()){k.type="globstar",k.value+=w,k.output=E(n),b.output=k.output,b.globstar=!0,K(w);continue}if(A.type==="slash"&&A.prev.type!=="bos"&&!ae&&yt){b.output=b.output.slice(0,-(A.output+k.output).length),A.output=`(?:${A.output}`,k.type="globstar",k.output=E(n)+(n.strictSlashes?")":"|$)"),k.value+=w,b.globstar=!0,b.output+=A.output+k.output,K(w);continue}if(A.type==="slash"&&A.prev.type!=="bos"&&S[0]==="/"){let Bt=S[1]!==void 0?"|$":"";b.output=b.output.slice(0,-(A.output+k.output).length),A.output=`(?:${A.output}`,k.type="globstar",k.output=`${E(n)}${m}|${m}${Bt})`,k.value+=w,b.output+=A.output+k.output,b.globstar=!0,K(w+fe()),M({type:"slash",value:"/",output:""});continue}if(A.type==="bos"&&S[0]==="/"){k.type="globstar",k.value+=w,k.output=`(?:^|${m}|${E(n)}${m})`,b.output=k.output,b.globstar=!0,K(w+fe()),M({type:"slash",value:"/",output:""});continue}b.output=b.output.slice(0,-k.output.length),k.type="globstar",k.output=E(n),k.value+=w,b.output+=k.output,b.globstar=!0,K(w);continue}let Y={type:"star",value:w,output:P};if(n.bash===!0){Y.output=".*?",(k.type==="bos"||k.type==="slash")&&(Y.output=D+Y.output),M(Y);continue}if(k&&(k.type==="bracket"||k.type==="paren")&&n.regex===!0){Y.output=w,M(Y);continue}(b.index===b.start||k.type==="slash"||k.type==="dot")&&(k.type==="dot"?(b.output+=C,k.output+=C):n.dot===!0?(b.output+=_,k.output+=_):(b.output+=D,k.output+=D),V()!=="*"&&(b.output+=f,k.output+=f)),M(Y)}for(;b.brackets>0;){if(n.strictBrackets===!0)throw new SyntaxError(on("closing","]"));b.output=Te.escapeLast(b.output,"["),at("brackets")}for(;b.parens>0;){if(n.strictBrackets===!0)throw new SyntaxError(on("closing",")"));b.output=Te.escapeLast(b.output,"("),at("parens")}for(;b.braces>0;){if(n.strictBrackets===!0)throw new SyntaxError(on("closing","}"));b.output=Te.escapeLast(b.output,"{"),at("braces")}if(n.strictSlashes!==!0&&(k.type==="star"||k.type==="bracket")&&M({type:"maybe_slash",value:"",output:`${m}?`}),b.backtrack===!0){b.output="";for(let S of b.tokens)b.output+=S.output!=null?S.output:S.value,S.suffix&&(b.output+=S.suffix)}return b};es.fastpaths=(t,e)=>{let n={...e},r=typeof n.maxLength=="number"?Math.min(zr,n.maxLength):zr,i=t.length;if(i>r)throw new SyntaxError(`Input length: ${i}, exceeds maximum allowed length: ${r}`);t=Tu[t]||t;let{DOT_LITERAL:o,SLASH_LITERAL:s,ONE_CHAR:a,DOTS_SLASH:c,NO_DOT:u,NO_DOTS:l,NO_DOTS_SLASH:d,STAR:m,START_ANCHOR:f}=Wn.globChars(n.windows),p=n.dot?l:u,h=n.dot?d:u,C=n.capture?"":"?:",_={negated:!1,prefix:""},y=n.bash===!0?".*?":m;n.capture&&(y=`(${y})`);let g=D=>D.noglobstar===!0?y:`(${C}(?:(?!${f}${D.dot?c:o}).)*?)`,v=D=>{switch(D){case"*":return`${p}${a}${y}`;case".*":return`${o}${a}${y}`;case"*.*":return`${p}${y}${o}${a}${y}`;case"*/*":return`${p}${y}${s}${a}${h}${y}`;case"**":return p+g(n);case"**/*":return`(?:${p}${g(n)}${s})?${h}${a}${y}`;case"**/*.*":return`(?:${p}${g(n)}${s})?${h}${y}${o}${a}${y}`;case"**/.*":return`(?:${p}${g(n)}${s})?${o}${a}${y}`;default:{let I=/^(.*?)\.(\w+)$/.exec(D);if(!I)return;let P=v(I[1]);return P?P+o+I[2]:void 0}}},T=Te.removePrefix(t,_),E=v(T);return E&&n.strictSlashes!==!0&&(E+=`${s}?`),E};xu.exports=es});var Lu=ue((XT,Iu)=>{"use strict";var Wh=Su(),ts=Ru(),Eu=Gn(),Dh=Nn(),Mh=t=>t&&typeof t=="object"&&!Array.isArray(t),oe=(t,e,n=!1)=>{if(Array.isArray(t)){let l=t.map(m=>oe(m,e,n));return m=>{for(let f of l){let p=f(m);if(p)return p}return!1}}let r=Mh(t)&&t.tokens&&t.input;if(t===""||typeof t!="string"&&!r)throw new TypeError("Expected pattern to be a non-empty string");let i=e||{},o=i.windows,s=r?oe.compileRe(t,e):oe.makeRe(t,e,!1,!0),a=s.state;delete s.state;let c=()=>!1;if(i.ignore){let l={...e,ignore:null,onMatch:null,onResult:null};c=oe(i.ignore,l,n)}let u=(l,d=!1)=>{let{isMatch:m,match:f,output:p}=oe.test(l,s,e,{glob:t,posix:o}),h={glob:t,state:a,regex:s,posix:o,input:l,output:p,match:f,isMatch:m};return typeof i.onResult=="function"&&i.onResult(h),m===!1?(h.isMatch=!1,d?h:!1):c(l)?(typeof i.onIgnore=="function"&&i.onIgnore(h),h.isMatch=!1,d?h:!1):(typeof i.onMatch=="function"&&i.onMatch(h),d?h:!0)};return n&&(u.state=a),u};oe.test=(t,e,n,{glob:r,posix:i}={})=>{if(typeof t!="string")throw new TypeError("Expected input to be a string");if(t==="")return{isMatch:!1,output:""};let o=n||{},s=o.format||(i?Eu.toPosixSlashes:null),a=t===r,c=a&&s?s(t):t;return a===!1&&(c=s?s(t):t,a=c===r),(a===!1||o.capture===!0)&&(o.matchBase===!0||o.basename===!0?a=oe.matchBase(t,e,n,i):a=e.exec(c)),{isMatch:!!a,match:a,output:c}};oe.matchBase=(t,e,n,r=n&&n.windows)=>(e instanceof RegExp?e:oe.makeRe(e,n)).test(Eu.basename(t,{windows:r}));oe.isMatch=(t,e,n)=>oe(e,n)(t);oe.parse=(t,e)=>Array.isArray(t)?t.map(n=>oe.parse(n,e)):ts(t,{...e,fastpaths:!1});oe.scan=(t,e)=>Wh(t,e);oe.compileRe=(t,e,n=!1,r=!1)=>{if(n===!0)return t.output;let i=e||{},o=i.contains?"":"^",s=i.contains?"":"$",a=`${o}(?:${t.output})${s}`;t&&t.negated===!0&&(a=`^(?!${a}).*$`);let c=oe.toRegex(a,e);return r===!0&&(c.state=t),c};oe.makeRe=(t,e={},n=!1,r=!1)=>{if(!t||typeof t!="string")throw new TypeError("Expected a non-empty string");let i={negated:!1,fastpaths:!0};return e.fastpaths!==!1&&(t[0]==="."||t[0]==="*")&&(i.output=ts.fastpaths(t,e)),i.output||(i=ts(t,e)),oe.compileRe(i,e,n,r)};oe.toRegex=(t,e)=>{try{let n=e||{};return new RegExp(t,n.flags||(n.nocase?"i":""))}catch(n){if(e&&e.debug===!0)throw n;return/$^/}};oe.constants=Dh;Iu.exports=oe});var ns=ue((JT,Pu)=>{"use strict";var Ou=Lu(),Fh=Gn();function $u(t,e,n=!1){return e&&(e.windows===null||e.windows===void 0)&&(e={...e,windows:Fh.isWindows()}),Ou(t,e,n)}Object.assign($u,Ou);Pu.exports=$u});import{setFlagsFromString as Zs}from"node:v8";import{runInNewContext as Yd}from"node:vm";var Qs="--heap-growing-percent";function gk(t=process.execArgv){t.some(e=>e.startsWith(Qs))||Zs(`${Qs}=10`)}var Xd=64*1024*1024;function ea(t=process.memoryUsage().heapUsed){if(t<Xd)return!1;try{return Zs("--expose-gc"),Yd("gc")(),!0}catch{return!1}}var ma=lt(fa(),1),{program:Sk,createCommand:Tk,createArgument:Ck,createOption:xk,CommanderError:pa,InvalidArgumentError:Rk,InvalidOptionArgumentError:Ek,Command:ga,Argument:Ik,Option:Mi,Help:Lk}=ma.default;var er={minRetentionDays:365,requireTrail:!1,organization:!1,sensitiveBuckets:{tags:null,names:[]},monitoring:["cloudtrail-changes"]};function tr(t){return{file:null,dir:t,levels:new Map,settings:er,ignorePaths:[],suppressions:[]}}var et=class extends Error{};var O=class extends Error{};import{readFileSync as fi,statSync as ud}from"node:fs";import{stat as ld}from"node:fs/promises";import Gt from"node:path";function gn(t){return"type"in t&&"address"in t&&"source"in t}function Fi(t){return gn(t)||"kind"in t?t.loc:t}function Re(t,e,n){e.kind==="unknown"?t.review(e,{messageId:n.unknown,data:n.data,entity:n.entity}):e.value||t.report({messageId:n.off,data:n.data,at:e,entity:n.entity,fix:{value:!0},...n.key?{key:n.key}:{}})}var yn=["equals","startsWith","endsWith"],rr=["notEquals","notStartsWith","notEndsWith"],_t="eventCategory",vt="readOnly",wt="resources.type",hn="resources.ARN",ha="eventSource";function Vi(t,e,n){switch(t){case"equals":case"notEquals":return n===e;case"startsWith":case"notStartsWith":return n.startsWith(e);case"endsWith":case"notEndsWith":return n.endsWith(e)}}function mf(t){return t.replace(/^arn:aws-[a-z0-9-]+(?=:|$)/,"arn:aws")}function pf(t){return t===vt?e=>e.toLowerCase():t===hn?mf:e=>e}function Bi(t,e,n){if(t==null)return;if(R(t))return{known:[],unknown:!0};let r=pf(e),i=Array.isArray(t)?t:[t];if(i.length===0&&n.emptyIsAbsent)return;let o=[],s=!1;for(let a of i)if(typeof a=="string")o.push(r(a));else if(typeof a=="boolean"||typeof a=="number")o.push(r(String(a)));else{if(a===null)continue;s=!0}return{known:o,unknown:s}}function ya(t){return typeof t!="object"||t===null||Array.isArray(t)||R(t)?null:t}var nr={known:[],unknown:!0};function tt(t,e){let n={};for(let[r,i]of Object.entries(e))i!==void 0&&(n[r]=i);return{field:t,operands:n}}function gf(t){let e=ya(t);if(e===null)return{field:null,operands:{}};let n=typeof e.field=="string"?e.field:null,r={};for(let i of[...yn,...rr]){let o=Bi(e[i],n,{emptyIsAbsent:!0});o!==void 0&&(r[i]=o)}return{field:n,operands:r}}function ba(t){let e=t.fieldSelectors;return Array.isArray(e)?e.map(gf):"unknown"}function ka(t,e){if(t==null)return e;if(typeof t=="boolean")return t;if(typeof t=="string"){let n=t.toLowerCase();if(n==="true")return!0;if(n==="false")return!1}return"unknown"}function wa(t){return t==null||t==="All"?null:t==="ReadOnly"?tt(vt,{equals:{known:["true"],unknown:!1}}):t==="WriteOnly"?tt(vt,{equals:{known:["false"],unknown:!1}}):tt(vt,{equals:nr})}function va(t){let e=ka(t.includeManagementEvents,!0);if(e===!1)return null;let n=e===!0?{known:["Management"],unknown:!1}:nr,r=wa(t.readWriteType);return[tt(_t,{equals:n}),...r===null?[]:[r]]}function hf(t){return/^arn:aws:s3:::[^/]+$/.test(t)?`${t}/`:t}function _a(t){let e=wa(t.readWriteType),n=[tt(_t,{equals:{known:["Data"],unknown:!1}}),...e===null?[]:[e]],r=t.dataResources;return r==null?[]:Array.isArray(r)?r.map(i=>{let o=ya(i);if(o===null)return[...n,tt(wt,{equals:nr})];let s=Bi(o.type,wt,{emptyIsAbsent:!1}),a=Bi(o.values,hn,{emptyIsAbsent:!1})??{known:[],unknown:!1},c={known:a.known.map(hf),unknown:a.unknown},u=s===void 0?[]:[tt(wt,{equals:s})];return[...n,...u,tt(hn,{startsWith:c})]}):[[...n,tt(wt,{equals:nr})]]}function At(...t){return t.includes("yes")?"yes":t.includes("unknown")?"unknown":"no"}function nt(...t){return t.includes("no")?"no":t.includes("unknown")?"unknown":"yes"}var yf=2e5;function Sa(t,e,n){let r=!1,i="no";for(let s of yn){let a=t.operands[s];a!==void 0&&(r=!0,a.known.some(c=>Vi(s,c,e))?i="yes":a.unknown&&i==="no"&&(i="unknown"))}if(r||(i="yes"),i==="no"||n)return i;let o=!1;for(let s of rr){let a=t.operands[s];if(a!==void 0){if(a.known.some(c=>Vi(s,c,e)))return"no";a.unknown&&(o=!0)}}return o?"unknown":i}function bf(t,e,n){if(t==="unknown")return"unknown";let r=n.required.every(i=>t.some(o=>o.field===i))?"yes":"unknown";for(let i of t){if(i.field===null){r=nt(r,"unknown");continue}let o=e.get(i.field);if(o===void 0)throw new Error(`no value for field ${i.field}`);let s=n.exclusionsAllowed&&!n.fixed.has(i.field);if(r=nt(r,Sa(i,o,s)),r==="no")return"no"}return r}var kf={equals:"equal",notEquals:"equal",startsWith:"prefix",notStartsWith:"prefix",endsWith:"suffix",notEndsWith:"suffix"};function wf(t,e,n){let r={equal:new Set,prefixes:new Set,suffixes:new Set};for(let i of t)if(i!=="unknown")for(let o of i){if(o.field!==e)continue;let s=n.exclusionsAllowed&&!n.fixed.has(e);for(let a of s?yn:[...yn,...rr]){let c=o.operands[a];if(c===void 0)continue;let u=kf[a],l=u==="equal"?r.equal:u==="prefix"?r.prefixes:r.suffixes;for(let d of c.known)l.add(d)}}return r}function vf(t){let e=new Set;for(let n of t)for(let r of n)e.add(r);for(let n=1;;n++){let r=String.fromCharCode(n);if(!e.has(r))return r}}function _f(t,e){let n=new Set([e,...[...t.prefixes].filter(s=>s.startsWith(e))]),r=new Set(["",...t.suffixes]),i=vf([e,...t.equal,...t.prefixes,...t.suffixes]),o=new Set([...t.equal].filter(s=>s.startsWith(e)&&s.length>e.length));for(let s of n)for(let a of r)o.add(s+i+a);return[...o].sort()}function Af(t){let e=new Set;for(let n of t)if(n!=="unknown")for(let r of n)r.field!==null&&e.add(r.field);return[...e].sort()}function Aa(t,e){let n=Af(t).filter(c=>!e.fixed.has(c)),r=n.map(c=>_f(wf(t,c,e),e.prefixed.get(c)??"")),i=t.length;for(let c of r)i*=c.length;if(i>yf)return"too-big";let o=new Map(e.fixed),s="yes",a=r.map(()=>0);for(;;){n.forEach((l,d)=>o.set(l,r[d][a[d]]));let c="no";for(let l of t){let d=bf(l,o,e);if(d==="yes"){c="yes";break}d==="unknown"&&(c="unknown")}if(c==="no")return"no";c==="unknown"&&(s="unknown");let u=0;for(;u<a.length&&++a[u]===r[u].length;)a[u++]=0;if(u===a.length)return s}}function bn(t,e){if(t.length===0)return"no";let n=Aa(t,e);if(n!=="too-big")return n;for(let r of t)if(Aa([r],e)==="yes")return"yes";return"unknown"}function xa(t,e){return t.kind==="none"||t.selectors.length===0?null:t.kind==="basic"?t.selectors.flatMap(e):t.selectors.map(ba)}function Ta(t){return{fixed:new Map([[_t,"Management"],[vt,t]]),prefixed:new Map,required:[_t],exclusionsAllowed:!0}}function ir(t){let e=xa(t,n=>{let r=va(n);return r===null?[]:[r]});return e===null?{read:"yes",write:"yes"}:{read:bn(e,Ta("true")),write:bn(e,Ta("false"))}}function Ca(t,e){return{fixed:new Map([[_t,"Data"],[wt,"AWS::S3::Object"],[vt,e],[ha,"s3.amazonaws.com"]]),prefixed:new Map([[hn,`arn:aws:s3:::${t}/`]]),required:[_t,wt],exclusionsAllowed:!1}}function Ra(t,e){let n=xa(t,_a);return n===null?{read:"no",write:"no"}:{read:bn(n,Ca(e,"true")),write:bn(n,Ca(e,"false"))}}function Ea(t){return{read:At(...t.map(e=>e.read)),write:At(...t.map(e=>e.write))}}var Ia={TG001:{cis:["3.1"],securityHub:["CloudTrail.1","CloudTrail.3"],checkov:[],trivy:[],prowler:["cloudtrail_multi_region_enabled","cloudtrail_multi_region_enabled_logging_management_events"],securitySeverity:9},TG002:{cis:["3.1"],securityHub:["CloudTrail.1"],checkov:["CKV_AWS_67"],trivy:["AVD-AWS-0014"],prowler:["cloudtrail_multi_region_enabled"],securitySeverity:7.5},TG003:{cis:["3.2"],securityHub:["CloudTrail.4"],checkov:["CKV_AWS_36"],trivy:["AVD-AWS-0016"],prowler:["cloudtrail_log_file_validation_enabled"],securitySeverity:7.5},TG004:{cis:[],securityHub:[],checkov:["CKV_AWS_251"],trivy:[],prowler:[],securitySeverity:8.5},TG005:{cis:[],securityHub:["CloudTrail.5"],checkov:["CKV2_AWS_10"],trivy:["AVD-AWS-0162"],prowler:["cloudtrail_cloudwatch_logging_enabled"],securitySeverity:5.5},TG006:{cis:["3.8","3.9"],securityHub:["S3.22","S3.23"],checkov:[],trivy:["AVD-AWS-0171","AVD-AWS-0172"],prowler:["cloudtrail_s3_dataevents_read_enabled","cloudtrail_s3_dataevents_write_enabled"],securitySeverity:7},TG007:{cis:["2.1.2"],securityHub:["S3.20"],checkov:[],trivy:["AVD-AWS-0170"],prowler:["cloudtrail_bucket_requires_mfa_delete"],securitySeverity:8},TG008:{cis:["2.1.4"],securityHub:["CloudTrail.6","S3.1","S3.8"],checkov:["CKV_AWS_53","CKV_AWS_54","CKV_AWS_55","CKV_AWS_56","CKV_AWS_20","CKV_AWS_57","CKV_AWS_70"],trivy:["AVD-AWS-0161"],prowler:["cloudtrail_logs_s3_bucket_is_not_publicly_accessible"],securitySeverity:9},TG009:{cis:[],securityHub:[],checkov:[],trivy:[],prowler:[],securitySeverity:5},TG010:{cis:["4.3"],securityHub:["CloudWatch.1"],checkov:[],trivy:["AVD-AWS-0149"],prowler:["cloudwatch_log_metric_filter_root_usage"],securitySeverity:5.5},TG011:{cis:["3.5"],securityHub:["CloudTrail.2"],checkov:["CKV_AWS_35","CKV_AWS_293"],trivy:["AVD-AWS-0015"],prowler:["cloudtrail_kms_encryption_enabled"],securitySeverity:5},TG012:{cis:[],securityHub:[],checkov:[],trivy:[],prowler:["cloudtrail_insights_exist"],securitySeverity:2},TG013:{cis:["3.1"],securityHub:["CloudTrail.1"],checkov:[],trivy:[],prowler:["cloudtrail_multi_region_enabled_logging_management_events"],securitySeverity:6},TG014:{cis:[],securityHub:[],checkov:[],trivy:[],prowler:[],securitySeverity:5.5},TG015:{cis:["3.4"],securityHub:["CloudTrail.7"],checkov:["CKV_AWS_18"],trivy:["AVD-AWS-0163"],prowler:["cloudtrail_logs_s3_bucket_access_logging_enabled"],securitySeverity:4.5},TG016:{cis:[],securityHub:[],checkov:[],trivy:[],prowler:[],securitySeverity:8},TG017:{cis:[],securityHub:[],checkov:[],trivy:[],prowler:[],securitySeverity:5.5},TG018:{cis:[],securityHub:[],checkov:[],trivy:[],prowler:[],securitySeverity:8},TG019:{cis:["4.1","4.2","4.4","4.5","4.6","4.7","4.8","4.9","4.10","4.11","4.12","4.13","4.14","4.15"],securityHub:["CloudWatch.2","CloudWatch.3","CloudWatch.4","CloudWatch.5","CloudWatch.6","CloudWatch.7","CloudWatch.8","CloudWatch.9","CloudWatch.10","CloudWatch.11","CloudWatch.12","CloudWatch.13","CloudWatch.14"],checkov:[],trivy:["AVD-AWS-0147","AVD-AWS-0148","AVD-AWS-0150","AVD-AWS-0151","AVD-AWS-0152","AVD-AWS-0153","AVD-AWS-0154","AVD-AWS-0155","AVD-AWS-0156","AVD-AWS-0157","AVD-AWS-0158","AVD-AWS-0159","AVD-AWS-0160","AVD-AWS-0174"],prowler:["cloudwatch_log_metric_filter_unauthorized_api_calls","cloudwatch_log_metric_filter_sign_in_without_mfa","cloudwatch_log_metric_filter_policy_changes","cloudwatch_log_metric_filter_and_alarm_for_cloudtrail_configuration_changes_enabled","cloudwatch_log_metric_filter_authentication_failures","cloudwatch_log_metric_filter_disable_or_scheduled_deletion_of_kms_cmk","cloudwatch_log_metric_filter_for_s3_bucket_policy_changes","cloudwatch_log_metric_filter_and_alarm_for_aws_config_configuration_changes_enabled","cloudwatch_log_metric_filter_security_group_changes","cloudwatch_changes_to_network_acls_alarm_configured","cloudwatch_changes_to_network_gateways_alarm_configured","cloudwatch_changes_to_network_route_tables_alarm_configured","cloudwatch_changes_to_vpcs_alarm_configured","cloudwatch_log_metric_filter_aws_organizations_changes"],securitySeverity:5},TG020:{cis:[],securityHub:[],checkov:[],trivy:[],prowler:[],securitySeverity:8},TG021:{cis:["3.6"],securityHub:["KMS.4"],checkov:["CKV_AWS_7"],trivy:["AVD-AWS-0065"],prowler:["kms_cmk_rotation_enabled"],securitySeverity:4.5},TG022:{cis:[],securityHub:[],checkov:[],trivy:[],prowler:[],securitySeverity:8},TG023:{cis:[],securityHub:[],checkov:[],trivy:[],prowler:[],securitySeverity:9},TG024:{cis:[],securityHub:[],checkov:[],trivy:[],prowler:[],securitySeverity:8.5},TG025:{cis:[],securityHub:[],checkov:[],trivy:[],prowler:[],securitySeverity:9},TG026:{cis:[],securityHub:[],checkov:[],trivy:[],prowler:[],securitySeverity:5},TG027:{cis:[],securityHub:[],checkov:[],trivy:[],prowler:[],securitySeverity:8}};function L(t){let e=Ia[t];return{securitySeverity:e.securitySeverity,controls:{cis:e.cis,securityHub:e.securityHub},equivalents:{checkov:e.checkov,trivy:e.trivy,prowler:e.prowler}}}var La=`# TG001 no-account-trail
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
`;function ji(...t){return t.includes("no")?"no":t.includes("unknown")?"unknown":"yes"}function or(t){return t.kind==="unknown"?"unknown":t.value?"yes":"no"}function Oa(t){let e=t.selectors;if(e.kind==="unknown")return"unknown";let n=ir(e.value);return ji(n.read,n.write)}function Cf(t){return ji(or(t.isMultiRegion),or(t.isLogging),Oa(t))}function xf(t){return ji(or(t.isMultiRegion),or(t.ingesting),Oa(t))}var $a={meta:{id:"TG001",...L("TG001"),name:"no-account-trail",level:"error",summary:"No multi-region trail records the account's management events",tags:["security","cloudtrail"],appliesTo:["cloudformation","terraform","live"],precision:"high",messages:{missing:"requireTrail is set, but the scanned configuration defines no trail or event data store that is multi-region, logging and records read and write management events.",missingLive:"Account {{account}} has no trail or event data store that is multi-region, logging and records read and write management events: only the 90-day Event History exists.",unknown:"Whether a trail keeps the account's management events cannot be determined."}},doc:La,check(t){let e=t.model.account,n=e.source==="live";if(!n&&!(t.settings.requireTrail&&e.requireTrailAt))return;let r=[...t.model.trails.map(Cf),...t.model.eventDataStores.map(xf)];if(r.includes("yes"))return;let i=t.model.trails.map(o=>({at:o,message:`trail ${o.label} does not qualify`}));if(r.includes("unknown")){t.review({kind:"unknown",reason:"unsupported-expression",loc:e.requireTrailAt??e.loc},{messageId:"unknown",entity:e,related:i});return}n?t.report({messageId:"missingLive",data:{account:e.label},at:e,related:i}):e.requireTrailAt&&t.report({messageId:"missing",at:{kind:"known",value:!0,origin:"explicit",loc:e.requireTrailAt},entity:e,related:i})}};var Pa=`# TG002 single-region-trail
This rule checks every trail and reports the ones that record events in their home Region only. A single-Region trail sees nothing of what happens in the other Regions of the account, so it should be turned into a multi-Region trail.

## Why it matters
Attackers like Regions nobody watches: crypto-mining fleets, exfiltration buckets and persistence roles are often created in a Region the team never opens. A single-Region trail leaves all of that to the 90-day Event history of each Region, which is scattered, short-lived and not delivered anywhere. A multi-Region trail also picks up Regions that AWS adds later, and it is delivered to one bucket, so investigators have a single place to look. The console creates multi-Region trails by default; the CloudTrail API, the CLI, Terraform and CloudFormation do not, which is why infrastructure code so often produces single-Region trails without anyone choosing it.

## What fails
- A trail with \`is_multi_region_trail = false\` (Terraform) or \`IsMultiRegionTrail: false\` (CloudFormation, \`"false"\` and \`"False"\` included); live, \`IsMultiRegionTrail\` false in \`DescribeTrails\`.
- A trail where the attribute is absent: the default is false in Terraform and CloudFormation, so omitting it fails. The result points at the resource header.
- When the attribute is present, the result points at it; live results use the trail ARN.
- Every single-Region trail gets its own result, even when another trail covers the account (the account-level view is TG001).
- A value that cannot be resolved (a variable with no default and no tfvars, a module output, \`!ImportValue\`, a parameter without a default) never fails; with \`--strict\` it gives a \`review\` result.

## How to fix
Set the multi-Region flag on the trail. Changing it on an existing trail is an in-place update; the trail keeps its name, bucket and settings and starts creating shadow copies in every Region. A multi-Region trail must also include global service events, so keep \`include_global_service_events\` / \`IncludeGlobalServiceEvents\` at true (TG014).

\`trailguard scan --fix\` turns the multi-Region flag on where it is written<!-- part: fix-set-true -->

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
- Checkov: CKV_AWS_67
- Trivy: AVD-AWS-0014
- Prowler: \`cloudtrail_multi_region_enabled\`

## References
- AWS CloudTrail User Guide: "Receiving CloudTrail log files from multiple Regions", "Creating a trail for your AWS account", "How CloudTrail works".
- Terraform AWS provider: \`aws_cloudtrail\` resource, argument \`is_multi_region_trail\`.
- AWS CloudFormation: \`AWS::CloudTrail::Trail\`, property \`IsMultiRegionTrail\`.
- CIS AWS Foundations Benchmark v3.0.0: 3.1.
- AWS Security Hub: CloudTrail.1.
`;var Na=": it replaces a literal `false`, inserts the attribute when the default applies, and, for a Terraform attribute that is just `var.NAME` or `local.NAME`, edits the variable's default, its tfvars or `--var-file` assignment, or the literal module argument instead. When that value also feeds anything else (another attribute, module block, local or `count`), or comes from `--var` or `TF_VAR_name`, there is no fix and a `fix-unavailable` note says why. A CloudFormation parameter gets no fix.\n";var Ga=`The snippets below create a log bucket with Object Lock in compliance mode (365 days), versioning, server access logging and a public access block, and a trail with log file validation on. Object Lock can only be enabled when a bucket is created, and compliance mode cannot be shortened or removed for objects already written, even by the root user: try it in a test account first, or start with governance mode.

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
`;var Lf={"fix-set-true":Na,"log-archive-snippets":Ga};function Z(t){return t.replace(/<!-- part: ([a-z-]+) -->/g,(e,n)=>{let r=Lf[n];if(r===void 0)throw new Error(`rules/parts/${n}.md is not a known part`);return r.trimEnd()})}var Wa={meta:{id:"TG002",...L("TG002"),name:"single-region-trail",level:"error",summary:"Trail records only the region it lives in",tags:["security","cloudtrail"],appliesTo:["cloudformation","terraform","live"],precision:"very-high",messages:{single:"Trail {{trail}} is not multi-region: activity in every other region goes unrecorded.",unknown:"Trail {{trail}}: whether it is multi-region cannot be determined."},fix:"safe"},doc:Z(Pa),check(t){for(let e of t.model.trails)Re(t,e.isMultiRegion,{off:"single",unknown:"unknown",data:{trail:e.label},entity:e})}};var Da=`# TG003 log-file-validation-disabled
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

\`trailguard scan --fix\` turns validation on where it is written<!-- part: fix-set-true -->

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
`;var Ma={meta:{id:"TG003",...L("TG003"),name:"log-file-validation-disabled",level:"error",summary:"Log file validation is off",tags:["security","cloudtrail"],appliesTo:["cloudformation","terraform","live"],precision:"very-high",messages:{off:"Trail {{trail}} does not validate its log files: tampering with delivered logs would go unnoticed.",unknown:"Trail {{trail}}: whether log file validation is on cannot be determined."},fix:"safe"},doc:Z(Da),check(t){for(let e of t.model.trails)Re(t,e.logFileValidation,{off:"off",unknown:"unknown",data:{trail:e.label},entity:e})}};var Fa='# TG004 trail-not-logging\nThis rule reports trails that exist but are stopped. A stopped trail keeps its configuration, its bucket and its name, so it looks healthy in a list of resources, yet it records and delivers nothing until someone starts it again.\n\n## Why it matters\n`StopLogging` is one of the first calls an intruder makes, because it silences the trail without deleting anything that a reviewer would miss. A trail left stopped after a migration or a cost-saving experiment has the same effect: every event from that moment on is lost, and CloudTrail never backfills the gap once logging resumes. Other controls (validation, encryption, alarms) mean nothing while the trail is off. Terraform starts trails by default; CloudFormation requires the `IsLogging` property and does what it says.\n\n## What fails\n- Terraform: `enable_logging = false` on an `aws_cloudtrail` resource. The attribute defaults to true, so leaving it out passes.\n- CloudFormation: `IsLogging: false` (string booleans such as `"False"` included). `IsLogging` is a required property; when it is absent the template is invalid and the value is unknown, so nothing fails (cfn-lint reports the template).\n- Live: `GetTrailStatus.IsLogging` false. A status that cannot be read, or an `IsLogging` field that is missing from the answer, is unknown and never reported as stopped.\n- The result points at the attribute (live: the trail ARN). Each stopped trail gets its own result, even when another trail covers the account.\n- A value that cannot be resolved (a variable with no default and no tfvars, a module output, `!ImportValue`) never fails; with `--strict` it gives a `review` result.\n\n## How to fix\nStart the trail in code and apply the change; for a trail stopped by hand, run `aws cloudtrail start-logging --name TRAIL` and find out who stopped it (look for `StopLogging` in the Event history of the trail\'s home Region). The alarm of TG019 (`cloudtrail-changes`) tells you the next time it happens.\n\n`trailguard scan --fix` turns logging on where the code sets it (a trail stopped by hand still needs `start-logging`)<!-- part: fix-set-true -->\n\n### Terraform\n```hcl\nresource "aws_cloudtrail" "main" {\n  name                          = "org-audit-trail"\n  s3_bucket_name                = "example-org-cloudtrail-logs"\n  enable_logging                = true\n  is_multi_region_trail         = true\n  include_global_service_events = true\n  enable_log_file_validation    = true\n  # A customer managed key kept in another stack (see TG020 and TG021).\n  kms_key_id = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"\n}\n```\n\n### CloudFormation\n```yaml\nAWSTemplateFormatVersion: "2010-09-09"\nResources:\n  AuditTrail:\n    Type: AWS::CloudTrail::Trail\n    Properties:\n      TrailName: org-audit-trail\n      S3BucketName: example-org-cloudtrail-logs\n      IsLogging: true\n      IsMultiRegionTrail: true\n      IncludeGlobalServiceEvents: true\n      EnableLogFileValidation: true\n      # A customer managed key kept in another stack (see TG020 and TG021).\n      KMSKeyId: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab\n```\n\nThe bucket `example-org-cloudtrail-logs` must already exist with a bucket policy that lets CloudTrail deliver to it (see TG016).\n\n## Equivalent checks\n- Checkov: CKV_AWS_251\n- Trivy: none known.\n- Prowler: none known (its multi-Region checks include the logging state; see TG001).\n\n## References\n- AWS CloudTrail API Reference: `GetTrailStatus`, `StartLogging`, `StopLogging`.\n- AWS CloudTrail User Guide: "Updating a trail" (turning logging off and on).\n- Terraform AWS provider: `aws_cloudtrail` resource, argument `enable_logging`.\n- AWS CloudFormation: `AWS::CloudTrail::Trail`, property `IsLogging`.\n';var Ba={meta:{id:"TG004",...L("TG004"),name:"trail-not-logging",level:"error",summary:"Trail is not logging",tags:["security","cloudtrail"],appliesTo:["cloudformation","terraform","live"],precision:"very-high",messages:{stopped:"Trail {{trail}} is not logging: it records nothing.",unknown:"Trail {{trail}}: whether it is logging cannot be determined."},fix:"safe"},doc:Z(Fa),check(t){for(let e of t.model.trails)Re(t,e.isLogging,{off:"stopped",unknown:"unknown",data:{trail:e.label},entity:e})}};var Va=`# TG005 no-cloudwatch-logs
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
`;var Nf=1440*60*1e3,ja={meta:{id:"TG005",...L("TG005"),name:"no-cloudwatch-logs",level:"warning",summary:"Trail does not send its events to CloudWatch Logs",tags:["security","cloudtrail","monitoring"],appliesTo:["cloudformation","terraform","live"],precision:"very-high",messages:{noLogGroup:"Trail {{trail}} sends no events to CloudWatch Logs: no real-time alerting is possible.",noRole:"Trail {{trail}} names a CloudWatch Logs log group but no role to deliver to it.",deliveryError:"Trail {{trail}} fails to deliver to CloudWatch Logs: {{error}}.",stale:"Trail {{trail}} has delivered nothing to CloudWatch Logs in the last 24 hours (last delivery {{time}}).",unknown:"Trail {{trail}}: its CloudWatch Logs link cannot be determined."}},doc:Va,check(t){let e=Date.now();for(let n of t.model.trails){let r={trail:n.label},i=n.cloudWatchLogsGroupArn,o=n.cloudWatchLogsRoleArn;if(i.kind==="unknown"){t.review(i,{messageId:"unknown",data:r,entity:n});continue}if(!i.value){t.report({messageId:"noLogGroup",data:r,at:i,entity:n});continue}o.kind==="unknown"?t.review(o,{messageId:"unknown",data:r,entity:n}):o.value||t.report({messageId:"noRole",data:r,at:o,entity:n});let s=n.status;if(!s)continue;let a=s.latestCloudWatchLogsDeliveryError;a.kind==="known"&&a.value&&t.report({messageId:"deliveryError",data:{...r,error:a.value},at:a,entity:n,key:"delivery-error"});let c=s.latestCloudWatchLogsDeliveryTime;c.kind==="known"&&c.value&&e-Date.parse(c.value)>Nf&&t.report({messageId:"stale",data:{...r,time:c.value},at:c,entity:n,key:"stale"})}}};function sr(t){return t&&t.kind==="resolved"?t.target:null}function St(t){return sr(t.bucket)}function za(t){return sr(t.kmsKey)}function kn(t){let e=new WeakMap;return n=>{let r=e.get(n);return(r===void 0||r.length!==n.length)&&e.set(n,r={length:n.length,value:t(n)}),r.value}}var ar=kn(t=>{let e=new Map;for(let n of t){let r=St(n);if(r===null)continue;let i=e.get(r);i?i.push(n):e.set(r,[n])}return e});function Tt(t){let e=t.s3KeyPrefix;return e.kind==="unknown"?null:`${e.value?e.value.replace(/\/+$/,"")+"/":""}AWSLogs/`}function lr(t){if(t.trailArn.kind==="unknown")return new G(t.trailArn.reason,t.trailArn.detail);let e=Fs(t.trailArn.value);return e[0]==="arn"&&e[2]==="cloudtrail"&&e.length>=6?e[4]:new G("invalid","trail ARN")}var zi=["sensitive","confidential","restricted","pii","phi","pci"],Gf={DataClassification:zi,"data-classification":zi,Classification:zi};function Wf(t,e){return R(t)?"unknown":(typeof t=="string"||typeof t=="number"||typeof t=="boolean")&&e.has(String(t).toLowerCase())?"yes":"no"}function Df(t,e){if(R(t))return"unknown";let n=[];for(let[r,i]of Object.entries(e.tags??Gf)){if(!Object.hasOwn(t,r))continue;let o=t[r];o!==void 0&&n.push(Wf(o,new Set(i.map(s=>s.toLowerCase()))))}return At(...n)}var Mf=/\uE000[^\uE001]*\uE001/g;function Ff(t){if(R(t))return[null];let e=[],n=0;for(let r of t.matchAll(Mf))e.push(...Array.from(t.slice(n,r.index))),e.push(null),n=r.index+r[0].length;return e.push(...Array.from(t.slice(n))),e}function Bf(t,e){let n=new Map,r=(i,o)=>{let s=i*(e.length+1)+o,a=n.get(s);if(a!==void 0)return a;let c;return i===t.length?c=o===e.length:t[i]==="*"?c=r(i+1,o)||o<e.length&&r(i,o+1):o===e.length||e[o]===null?c=!1:c=(t[i]==="?"||t[i]===e[o])&&r(i+1,o+1),n.set(s,c),c};return r(0,0)}function Vf(t,e){let n=e.length+1,r=new Set,i=[[0,0]];for(;i.length>0;){let[o,s]=i.pop();if(r.has(o*n+s))continue;if(r.add(o*n+s),o===t.length&&s===e.length)return!0;let a=t[o],c=s<e.length?e[s]:void 0;a==="*"&&i.push([o+1,s]),c===null&&i.push([o,s+1]),!(a===void 0||c===void 0)&&(a==="*"&&c!==null?i.push([o,s+1]):a!=="*"&&c===null?i.push([o+1,s]):a!=="*"&&(a==="?"||a===c)&&i.push([o+1,s+1]))}return!1}function jf(t,e){let n=Array.from(t),r=Ff(e);return Bf(n,r)?"yes":Vf(n,r)?"unknown":"no"}function Ua(t,e){let n=e.names.map(r=>jf(r,t.name));return At(Df(t.tags,e),...n)}var Ka=`# TG006 sensitive-bucket-without-data-events
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
`;function cr(t){return t.isLogging.kind==="unknown"?"unknown":t.isLogging.value?"yes":"no"}function Uf(t,e){if(t.selectors.kind==="unknown")return{read:nt(cr(t),"unknown"),write:nt(cr(t),"unknown")};let n=Ra(t.selectors.value,e);return{read:nt(cr(t),n.read),write:nt(cr(t),n.write)}}var qa=new WeakMap;function Kf(t){let e=qa.get(t);if(e)return e;let n=new Set,r=!1,i=t.selectors;if(i.kind==="unknown"||i.value.kind==="advanced")r=!0;else if(i.value.kind==="basic")for(let o of i.value.selectors){if(!Array.isArray(o.dataResources)){r=!0;continue}for(let s of o.dataResources){if(!Array.isArray(s.values)){r=!0;continue}for(let a of s.values){let c=typeof a=="string"?/^arn:[^:]+:s3:::([^/]+)/.exec(a):null;c?n.add(c[1]):r=!0}}}return e={all:r,names:n},qa.set(t,e),e}var qf=kn(t=>{let e=[],n=new Map;for(let r of t){let i=Kf(r);if(i.all)e.push(r);else for(let o of i.names){let s=n.get(o);s?s.push(r):n.set(o,[r])}}return{all:e,named:n}});function Hf(t,e){let{all:n,named:r}=qf(t),i={read:"no",write:"no"};for(let o of[...n,...r.get(e)??[]])if(i=Ea([i,Uf(o,e)]),i.read==="yes"&&i.write==="yes")break;return i}var Ha={meta:{id:"TG006",...L("TG006"),name:"sensitive-bucket-without-data-events",level:"error",summary:"Sensitive bucket's object reads and writes are not recorded by any trail",tags:["security","cloudtrail","s3"],appliesTo:["cloudformation","terraform","live"],precision:"high",messages:{none:"Sensitive bucket {{bucket}}: no logging trail records its S3 object reads or writes (data events).",noRead:"Sensitive bucket {{bucket}}: no logging trail records reads of its objects (GetObject data events).",noWrite:"Sensitive bucket {{bucket}}: no logging trail records writes to its objects (PutObject, DeleteObject data events).",unknown:"Sensitive bucket {{bucket}}: whether a trail records its data events cannot be determined."}},doc:Ka,check(t){let e=t.model.trails;if(e.length===0&&t.model.account.source!=="live")return;let n=e.map(r=>({at:r,message:`trail ${r.label}`}));for(let r of t.model.buckets){let i=Ua({name:ct(r.name),tags:ct(r.tags)},t.settings.sensitiveBuckets);if(i==="no")continue;let o={bucket:r.label},s={kind:"unknown",reason:"unsupported-expression",loc:r.loc};if(i==="unknown"||r.name.kind==="unknown"){t.review(r.name.kind==="unknown"?r.name:s,{messageId:"unknown",data:o,entity:r,related:n});continue}let a=r.name.value,c=Hf(e,a);if(c.read==="yes"&&c.write==="yes")continue;if(c.read==="unknown"||c.write==="unknown"){t.review(s,{messageId:"unknown",data:o,entity:r,related:n});continue}let u=c.read==="no"&&c.write==="no"?"none":c.read==="no"?"noRead":"noWrite";t.report({messageId:u,data:o,at:r,related:n})}}};function ce(t,e){return e===void 0?{kind:"unknown",reason:t}:{kind:"unknown",reason:t,detail:e}}function W(t){return typeof t=="object"&&t!==null&&t.kind==="unknown"}function rt(t){return R(t)?ce(t.reason,t.detail):null}var Yf=["Effect","Action","NotAction","Resource","NotResource","Principal","NotPrincipal"];function je(t){if(typeof t=="string"){let n;try{n=JSON.parse(t)}catch{return ce("invalid","policy text is not JSON")}return je(n)}let e=rt(t);if(e)return e;if(fn(t))return{kind:"policy",statements:t.map(ur)};if(z(t)){if("Statement"in t){let n=t.Statement,r=rt(n);return r||(fn(n)?{kind:"policy",statements:n.map(ur)}:z(n)?{kind:"policy",statements:[ur(n,0)]}:ce("invalid","Statement is neither a list nor an object"))}if(Yf.some(n=>n in t))return{kind:"policy",statements:[ur(t,0)]}}return ce("invalid","not a policy document")}function ur(t,e){let n=rt(t);if(n)return{...n,index:e};if(!z(t))return{...ce("invalid","statement is not an object"),index:e};let r=typeof t.Sid=="string"?t.Sid:null;return{kind:"statement",index:e,sid:r,effect:Xf(t.Effect),principal:Qf(t),action:Ya(t,"Action","NotAction"),resource:Ya(t,"Resource","NotResource"),condition:em(t.Condition)}}function Xf(t){return t==="Allow"||t==="Deny"?t:t===void 0?ce("invalid","no Effect"):rt(t)??ce("invalid",`Effect ${JSON.stringify(t)}`)}function dr(t){return typeof t=="string"?t:typeof t=="number"||typeof t=="boolean"?String(t):rt(t)??ce("invalid","not a string")}function Xa(t){let e=rt(t);return e||(fn(t)?t.length===0?ce("invalid","empty list"):t.map(dr):z(t)||t===null?ce("invalid","not a string or list"):[dr(t)])}function Ya(t,e,n){let r=t[e],i=t[n];if(r!==void 0&&i!==void 0)return ce("invalid",`both ${e} and ${n}`);if(r===void 0&&i===void 0)return ce("invalid",`no ${e}`);let o=Xa(r??i);return W(o)?o:{kind:r!==void 0?"match":"not",values:o}}function Jf(t){return typeof t=="number"&&Number.isInteger(t)&&t>=0&&t<1e12?String(t).padStart(12,"0"):dr(t)}function Qf(t){let e=t.Principal,n=t.NotPrincipal;if(e!==void 0&&n!==void 0)return ce("invalid","both Principal and NotPrincipal");if(e===void 0&&n===void 0)return{kind:"implicit"};let r=e!==void 0?"match":"not",i=e??n,o=rt(i);if(o)return o;if(i==="*")return{kind:r,ids:[{type:"*",id:"*"}]};if(!z(i)||Object.keys(i).length===0)return ce("invalid","Principal is not `*` or a map");let s=[];for(let[a,c]of Object.entries(i)){let u=R(c)?[c]:fn(c)?c:[c];for(let l of u)s.push({type:a,id:a==="AWS"?Jf(l):dr(l)})}return{kind:r,ids:s}}function Zf(t){let e=t.toLowerCase(),n=null;e.startsWith("foranyvalue:")?(n="any",e=e.slice(12)):e.startsWith("forallvalues:")&&(n="all",e=e.slice(13));let r=e.endsWith("ifexists");return r&&(e=e.slice(0,-8)),{op:e,set:n,ifExists:r}}function em(t){if(t==null)return{kind:"conditions",clauses:[]};let e=rt(t);if(e)return e;if(!z(t))return ce("invalid","Condition is not a map");let n=[];for(let[r,i]of Object.entries(t)){let o=rt(i);if(o){n.push(o);continue}if(!z(i)){n.push(ce("invalid",`${r} is not a map`));continue}let s=Zf(r);for(let[a,c]of Object.entries(i))n.push({kind:"clause",operator:r,...s,key:a,values:Xa(c)})}return{kind:"conditions",clauses:n}}function tm(t){let e=[],n=0,r=0;for(let i=0;i<t.length;i++){let o=t[i];o===""?r++:o===""&&r>0?r--:o===":"&&r===0&&(e.push(t.slice(n,i)),n=i+1)}return e.push(t.slice(n)),e}function Ee(t){let e=tm(t);return e.length<6||e[0]!=="arn"?null:[...e.slice(0,5),e.slice(5).join(":")]}var nm={"${*}":"*","${?}":"?","${$}":"$"};function Pe(t,e){let n=[],r=0;for(;r<t.length;){let i=t[r];if(i===""){let o=t.indexOf("",r+1);if(o>r){n.push({t:"token",name:t.slice(r+1,o)}),r=o+1;continue}}if(e.variables&&i==="$"&&t[r+1]==="{"){let o=nm[t.slice(r,r+4)];if(o===void 0)return null;n.push({t:"char",c:o}),r+=4;continue}e.wild&&i==="*"?n.push({t:"star"}):e.wild&&i==="?"?n.push({t:"one"}):n.push({t:"char",c:e.fold?i.toLowerCase():i}),r+=1}return n}function Ja(t,e){return t.t==="char"&&e.t==="char"?t.c===e.c:t.t==="token"&&e.t==="token"?t.name===e.name:!1}function wn(t,e){let n=e.length+1,r=new Int8Array((t.length+1)*n),i=(o,s)=>{let a=o*n+s;if(r[a]!==0)return r[a]===1;let c,u=t[o],l=e[s];return u===void 0?c=l===void 0:u.t==="star"?c=i(o+1,s)||l!==void 0&&i(o,s+1):l===void 0?c=!1:u.t==="one"?c=(l.t==="char"||l.t==="one")&&i(o+1,s+1):c=Ja(u,l)&&i(o+1,s+1),r[a]=c?1:2,c};return i(0,0)}function Ui(t,e){let n=e.length+1,r=new Int8Array((t.length+1)*n),i=(o,s)=>{let a=o*n+s;if(r[a]!==0)return r[a]===1;let c=t[o],u=e[s],l=!1;if(c?.t==="star"&&(l=i(o+1,s)||u!==void 0&&u.t!=="star"&&i(o,s+1)),!l&&u?.t==="star"&&(l=i(o,s+1)||c!==void 0&&c.t!=="star"&&i(o+1,s)),!l&&c===void 0&&u===void 0&&(l=!0),!l&&c!==void 0&&u!==void 0&&c.t!=="star"&&u.t!=="star"){let d=(m,f)=>m.t==="one"&&(f.t==="char"||f.t==="one");l=(Ja(c,u)||d(c,u)||d(u,c))&&i(o+1,s+1)}return r[a]=l?1:2,l};return i(0,0)}function fr(t){return t.length>0&&t.every(e=>e.t==="star")}function Ct(...t){return t.includes(!1)?!1:t.includes("unknown")?"unknown":!0}function Qa(...t){return t.includes(!0)?!0:t.includes("unknown")?"unknown":!1}function xt(t){return t==="unknown"?t:!t}function he(t,e){let n=!1;for(let r of t){let i=e(r);if(i===!0)return!0;i==="unknown"&&(n=!0)}return n?"unknown":!1}function Ie(t,e){let n=!1;for(let r of t){let i=e(r);if(i===!1)return!1;i==="unknown"&&(n=!0)}return n?"unknown":!0}function rm(t,e){return W(t)?null:e==="action"?Pe(t,{wild:!0,fold:!0}):Pe(t,{wild:!0,variables:!0})}function im(t){return W(t.value)?null:Pe(t.value,{wild:t.wild??!1,fold:t.kind==="action"})}function tl(t,e,n,r){if(W(t))return"unknown";let i=im(e),o=t.values.map(s=>rm(s,e.kind));return i===null?t.kind==="match"&&o.some(s=>s!==null&&fr(s))?!0:"unknown":t.kind==="match"?he(o,s=>s===null?"unknown":n(s,i)):Ie(o,s=>s===null?"unknown":!r(s,i))}function Rt(t,e){return tl(t,e,wn,Ui)}function qi(t,e){return tl(t,e,Ui,wn)}var om=/^\uE000[^\uE001]*\uE001$/;function Ki(t){return/^\d{12}$/.test(t)||om.test(t)?`arn:aws:iam::${t}:root`:t}function Za(t){return Ee(t)?.[4]??null}function sm(t){let e=Ee(t);return e!==null&&e[2]==="iam"&&e[5]==="root"}function Et(t){return(t.type==="*"||t.type==="AWS")&&t.id==="*"}function el(t,e,n){if(Et(t))return!0;if(W(t.id))return t.type==="AWS"||t.type===e.type?"unknown":!1;if(t.type!==e.type)return!1;if(t.type==="Service")return t.id.toLowerCase()===e.id.toLowerCase();if(t.type!=="AWS")return!1;let r=Ki(t.id),i=Ki(e.id);return r===i?!0:n==="member"&&sm(r)&&Za(i)===Za(r)}function Hi(t,e){return t.kind==="implicit"?!0:W(t)?"unknown":t.kind==="match"?he(t.ids,n=>el(n,e,"member")):xt(he(t.ids,n=>el(n,e,"exact")))}function am(t){let e=/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(t);if(!e)return null;let n=0n;for(let r of e.slice(1)){let i=Number(r);if(i>255)return null;n=n<<8n|BigInt(i)}return n}function nl(t){if(t==="")return[];let e=[];for(let n of t.split(":")){if(!/^[0-9a-fA-F]{1,4}$/.test(n))return null;e.push(parseInt(n,16))}return e}function lm(t){let e=t.split("::");if(e.length>2)return null;let n=nl(e[0]),r=e.length===2?nl(e[1]):[];if(n===null||r===null)return null;let i=8-n.length-r.length;if(e.length===2?i<1:i!==0)return null;let o=0n;for(let s of[...n,...new Array(i).fill(0),...r])o=o<<16n|BigInt(s);return o}function mr(t){let[e,n,r]=t.trim().split("/");if(e===void 0||r!==void 0)return null;let i=am(e),o=i!==null?32:128,s=i??lm(e);if(s===null||n!==void 0&&!/^\d{1,3}$/.test(n))return null;let a=n===void 0?o:Number(n);return a>o?null:{bits:o,value:s,prefix:a}}function rl(t,e){let n=mr(t),r=mr(e);if(n===null||r===null||r.bits!==n.bits||r.prefix<n.prefix)return!1;let i=BigInt(n.bits-n.prefix);return r.value>>i===n.value>>i}var cm=/(\uE000[^\uE001]*\uE001)/;function il(t){return t.split(cm).map((e,n)=>n%2===1?e:e.toLowerCase()).join("")}function um(t){let e=Pe(t,{wild:!1,variables:!0});return e===null?null:e.map(n=>n.t==="char"?n.c:n.t==="token"?`${n.name}`:"").join("")}function Yi(t,e){let n=Pe(t,{wild:!0,variables:!0}),r=Pe(e,{wild:!1});return n===null||r===null?"unknown":wn(n,r)}function ol(t,e){let n=Ee(t),r=Ee(e);return n===null&&r!==null&&t.startsWith("arn:")?!1:n===null||r===null?Yi(t,e):Ie(n.keys(),i=>Yi(n[i],r[i]))}function sl(t,e,n){let r=um(t);return r===null?"unknown":n?il(r)===il(e):r===e}function vn(t){return(e,n)=>{let r=Number(e),i=Number(n);return e.trim()!==""&&n.trim()!==""&&!Number.isNaN(r)&&!Number.isNaN(i)&&t(i,r)}}function al(t){if(/^\d+$/.test(t))return Number(t)*1e3;let e=Date.parse(t);return Number.isNaN(e)?null:e}function _n(t){return(e,n)=>{let r=al(e),i=al(n);return r!==null&&i!==null&&t(i,r)}}var ll={stringequals:(t,e)=>sl(t,e,!1),stringequalsignorecase:(t,e)=>sl(t,e,!0),stringlike:Yi,arnequals:ol,arnlike:ol,bool:(t,e)=>t.toLowerCase()===e.toLowerCase(),numericequals:vn((t,e)=>t===e),numericlessthan:vn((t,e)=>t<e),numericlessthanequals:vn((t,e)=>t<=e),numericgreaterthan:vn((t,e)=>t>e),numericgreaterthanequals:vn((t,e)=>t>=e),dateequals:_n((t,e)=>t===e),datelessthan:_n((t,e)=>t<e),datelessthanequals:_n((t,e)=>t<=e),dategreaterthan:_n((t,e)=>t>e),dategreaterthanequals:_n((t,e)=>t>=e),ipaddress:(t,e)=>rl(t,e),binaryequals:()=>"unknown"},dm={stringnotequals:"stringequals",stringnotequalsignorecase:"stringequalsignorecase",stringnotlike:"stringlike",arnnotequals:"arnequals",arnnotlike:"arnlike",numericnotequals:"numericequals",datenotequals:"dateequals",notipaddress:"ipaddress"};function An(t){let e=ll[t];if(e)return{test:e,negated:!1};let n=dm[t];return n?{test:ll[n],negated:!0}:null}function cl(t,e){return W(t)?"unknown":he(t,n=>W(n)?"unknown":e(n))}function fm(t,e){if(W(t))return"unknown";let n=t.key.toLowerCase(),r=e.lookup(n);if(r.kind==="unknown")return"unknown";let i=r.kind==="absent"||r.values.length===0;if(t.op==="null")return cl(t.values,c=>{let u=c.toLowerCase();return u==="true"?i:u==="false"?!i:!1});let o=An(t.op);if(o===null)return"unknown";if(r.kind==="absent"||r.values.length===0)return t.ifExists||t.set==="all"?!0:t.set==="any"?!1:o.negated;let s=c=>cl(t.values,u=>{let l=e.blur?e.blur(n,u,c):[u,c];return l==="unknown"?"unknown":o.test(l[0],l[1])}),a=c=>o.negated?xt(s(c)):s(c);return t.set==="all"?Ie(r.values,a):t.set==="any"?he(r.values,a):o.negated?xt(he(r.values,s)):he(r.values,s)}function Xi(t,e){return W(t)?"unknown":Ie(t.clauses,n=>fm(n,e))}var ul=new Set(["aws:sourcearn","aws:sourceaccount","aws:sourceorgid","aws:principalorgid","aws:principalaccount","aws:principalarn","aws:sourcevpc","aws:sourcevpce","aws:sourceip"]),mm=new Set(["stringequals","stringequalsignorecase"]),pm=new Set(["stringlike","arnequals","arnlike"]);function gm(t,e){if(t==="ipaddress")return mr(e)?.prefix===0;if(pm.has(t)){let n=Pe(e,{wild:!0,variables:!0});return n===null?"unknown":fr(n)}return!1}function dl(t){if(W(t))return"unknown";if(!ul.has(t.key.toLowerCase()))return!1;let e=An(t.op);if(e===null)return t.op==="null"?!1:"unknown";if(e.negated||t.ifExists||t.set==="all")return!1;let n=mm.has(t.op);if(W(t.values))return n?!0:"unknown";let r=!1;for(let i of t.values){let o=W(i)?n?!1:"unknown":gm(t.op,i);if(o===!0)return!1;o==="unknown"&&(r=!0)}return r?"unknown":!0}function Ji(t){return W(t)?"unknown":he(t.clauses,dl)}function pr(t,e,n){let r=n==="cover"?Rt(t.resource,e.resource):qi(t.resource,e.resource);return Ct(Hi(t.principal,e.principal),Rt(t.action,{kind:"action",value:e.action}),r,Xi(t.condition,e.context))}function ym(t,e){if(t.kind==="unknown")return{index:t.index,asDeny:"unknown",asAllow:"unknown"};let n=t.effect,r=W(n)||n==="Deny",i=W(n)||n==="Allow",o=s=>W(n)&&s===!0?"unknown":s;return{index:t.index,asDeny:r?o(pr(t,e,"touch")):!1,asAllow:i?o(pr(t,e,"cover")):!1}}function Qi(t,e){if(W(t))return{decision:"unknown",statements:[]};let n=t.statements.map(c=>ym(c,e)),r=c=>n.filter(c).map(u=>u.index),i=r(c=>c.asDeny===!0);if(i.length>0)return{decision:"deny",statements:i};let o=r(c=>c.asDeny==="unknown");if(o.length>0)return{decision:"unknown",statements:o};let s=r(c=>c.asAllow===!0);if(s.length>0)return{decision:"allow",statements:s};let a=r(c=>c.asAllow==="unknown");return a.length>0?{decision:"unknown",statements:a}:{decision:"implicit-deny",statements:[]}}var ml=["s3:DeleteObject","s3:DeleteObjectVersion"];function bm(t){return t.kind==="implicit"?!1:W(t)?"unknown":t.kind==="match"?he(t.ids,e=>Et(e)?!0:e.type==="AWS"&&W(e.id)?"unknown":!1):Ie(t.ids,e=>!Et(e))}var km=new Set(["aws:principalarn","aws:userid"]),wm=new Set(["stringnotequals","stringnotequalsignorecase","stringnotlike","arnnotequals","arnnotlike"]),vm=new Set(["stringnotequals","stringnotequalsignorecase"]);function _m(t,e){if(e)return!0;if(W(t))return"unknown";let n=Ee(t)?.[5]??t,r=n.includes("/")?n.slice(n.indexOf("/")+1):n,i=Pe(r,{wild:!0,variables:!0});return i===null?"unknown":i.some(o=>o.t==="char"||o.t==="token")}function fl(t,e){return W(t)?"unknown":Ie(t,e)}function Am(t){if(W(t))return"unknown";if(t.set!==null)return!1;let e=t.key.toLowerCase();if(km.has(e)&&wm.has(t.op)){let n=vm.has(t.op);return fl(t.values,r=>_m(r,n))}if(e==="aws:multifactorauthpresent"){let n=t.op==="bool"?"false":t.op==="null"&&!t.ifExists?"true":null;return n===null?!1:fl(t.values,r=>W(r)?"unknown":r.toLowerCase()===n)}return!1}function Sm(t,e,n){let r=W(t.effect)?"unknown":t.effect==="Deny";return Ct(r,bm(t.principal),Rt(t.action,{kind:"action",value:e}),Rt(t.resource,n),W(t.condition)?"unknown":Ie(t.condition.clauses,Am))}function Zi(t,e){let n=je(t);if(W(n))return{result:"unknown",statements:[],unprotected:[]};let r={kind:"resource",value:e.logObjectArn??`${e.bucketArn}/*`,wild:!0},i=new Set,o=new Set,s=ml.map(l=>{let d=!1;for(let m of n.statements){let f=m.kind==="unknown"?"unknown":Sm(m,l,r);f===!0&&i.add(m.index),f==="unknown"&&o.add(m.index),d=Qa(d,f)}return{action:l,answer:d}}),a=Ct(...s.map(l=>l.answer)),c=s.filter(l=>l.answer===!1).map(l=>l.action),u=l=>[...new Set(l)].sort((d,m)=>d-m);return a===!0?{result:"protected",statements:u(i),unprotected:c}:a===!1?{result:"not-protected",statements:[],unprotected:c}:{result:"unknown",statements:u([...i,...o]),unprotected:c}}function Tm(t){if(t.kind==="implicit")return!1;if(W(t))return"unknown";let e=(n,r)=>n==="AWS"&&W(r);return t.kind==="match"?he(t.ids,n=>Et(n)?!0:e(n.type,n.id)?"unknown":!1):Ie(t.ids,n=>Et(n)?!1:e(n.type,n.id)?"unknown":!0)}function pl(t){if(t.kind==="unknown")return"unknown";let e=W(t.effect)?"unknown":t.effect==="Allow";return Ct(e,Tm(t.principal),xt(Ji(t.condition)))}function eo(t){let e=je(t);if(W(e))return{statements:[],unknownStatements:[],unknown:!0};let n=e.statements.map(i=>({index:i.index,public:pl(i)})),r=n.filter(i=>i.public==="unknown").map(i=>i.index);return{statements:n.filter(i=>i.public===!0).map(i=>i.index),unknownStatements:r,unknown:r.length>0}}var Tn={type:"Service",id:"cloudtrail.amazonaws.com"},gl=new Set(["aws:sourcearn","aws:sourceaccount"]),Cm=new Set(["aws:sourcearn","kms:encryptioncontext:aws:cloudtrail:arn"]),xm=new Set(["aws:principalarn","aws:principalaccount","aws:principalorgid","aws:principalorgpaths","aws:userid","aws:username","aws:multifactorauthpresent","aws:multifactorauthage"]),Sn="incomparable",Rm=(t,e,n)=>{if(e===n)return[e,n];if(t==="aws:sourceaccount")return Be(e)||Be(n)?[Sn,Sn]:[e,n];if(!Cm.has(t))return[e,n];let r=Ee(e),i=Ee(n);if(r===null||i===null)return r===null!=(i===null)&&(Be(e)||Be(n))?"unknown":[e,n];for(let o of[3,4])r[o]!==i[o]&&(Be(r[o])||Be(i[o]))&&(r[o]=Sn,i[o]=Sn);return[r.join(":"),i.join(":")]};function no(t,e){let n=i=>R(i)?{kind:"unknown"}:{kind:"values",values:[i]},r={"aws:sourcearn":n(t.trailArn),"aws:sourceaccount":{kind:"values",values:[R(t.accountId)?Sn:t.accountId]},"aws:securetransport":{kind:"values",values:["true"]},"aws:principalisawsservice":{kind:"values",values:["true"]},"aws:principalservicename":{kind:"values",values:[Tn.id]},...Object.fromEntries(Object.entries(e).map(([i,o])=>[i,n(o)]))};return{lookup:i=>{let o=r[i];return o||(xm.has(i)||i.startsWith("aws:principaltag/")?{kind:"absent"}:{kind:"unknown"})},blur:Rm}}function Em(t){return W(t.condition)?!1:t.condition.clauses.some(e=>!W(e)&&gl.has(e.key.toLowerCase())&&An(e.op)?.negated===!1)}function Im(t,e){if(t.effect!=="Deny"||W(t.condition))return!1;let n=t.condition.clauses.some(i=>!W(i)&&gl.has(i.key.toLowerCase())&&An(i.op)?.negated===!0),r={...t,condition:{kind:"conditions",clauses:[]}};return n&&pr(r,e,"touch")===!0}function Lm(t,e){let n=Qi(t,e);if(n.decision==="deny"||n.decision==="implicit-deny")return{state:"blocked",statements:n.statements};if(n.decision==="unknown")return{state:"unknown",statements:n.statements};let r=new Map(t.statements.map(s=>[s.index,s])),o=t.statements.some(s=>s.kind==="statement"&&Im(s,e))?[]:n.statements.filter(s=>{let a=r.get(s);return a?.kind==="statement"&&!Em(a)});return{state:"allowed",grants:n.statements,bare:o}}var to=t=>[...new Set(t)].sort((e,n)=>e-n);function ro(t,e){let n=je(t);if(W(n))return{result:"unknown",statements:[],blocked:[]};let i=[{need:{action:"s3:GetBucketAcl",resource:e.bucketArn},query:{principal:Tn,action:"s3:GetBucketAcl",resource:{kind:"resource",value:e.bucketArn},context:no(e,{})}},...e.objectArns.map(l=>({need:{action:"s3:PutObject",resource:R(l)?null:l},query:{principal:Tn,action:"s3:PutObject",resource:{kind:"resource",value:R(l)?ce(l.reason):l,wild:!0},context:no(e,{"s3:x-amz-acl":"bucket-owner-full-control"})}}))].map(l=>({need:l.need,verdict:Lm(n,l.query)})),o=i.filter(l=>l.verdict.state==="blocked"),s=l=>to(l.flatMap(d=>d.verdict.state==="allowed"?[]:d.verdict.statements));if(o.length>0)return{result:"blocked",statements:s(o),blocked:o.map(l=>l.need)};let a=i.filter(l=>l.verdict.state==="unknown");if(a.length>0)return{result:"unknown",statements:s(a),blocked:[]};let c=to(i.flatMap(l=>l.verdict.state==="allowed"?l.verdict.bare:[]));return c.length>0?{result:"allowed-without-source-condition",statements:c,blocked:[]}:{result:"allowed",statements:to(i.flatMap(l=>l.verdict.state==="allowed"?l.verdict.grants:[])),blocked:[]}}function io(t,e){let n=je(t),r=Qi(n,{principal:Tn,action:"kms:GenerateDataKey",resource:{kind:"resource",value:e.keyArn??ce("unset-variable","the key ARN was not given")},context:no(e,{"kms:encryptioncontext:aws:cloudtrail:arn":e.trailArn})});return{result:r.decision==="allow"?"allowed":r.decision==="unknown"?"unknown":"blocked",statements:r.statements}}var hl=`# TG007 log-bucket-deletable
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
`;function $m(t,e){let n=t.objectLock;if(n.kind==="unknown")return"unknown";if(!n.value?.enabled)return"no";let r=n.value.defaultRetentionDays;return r!==null&&r>=e?"yes":"no"}function Pm(t){let e=t.versioningEnabled,n=t.mfaDelete;return e.kind==="known"&&!e.value||n.kind==="known"&&!n.value?"no":e.kind==="unknown"||n.kind==="unknown"?"unknown":"yes"}function Nm(t,e){let n=t.policy;if(n.kind==="unknown"||t.name.kind==="unknown")return"unknown";if(n.value===null)return"no";let r=Tt(e),i=`arn:aws:s3:::${t.name.value}`,o=Zi(n.value.document,{bucketArn:i,logObjectArn:`${i}/${r??""}*`});return o.result==="protected"?"yes":o.result==="unknown"||r===null?"unknown":"no"}var yl={meta:{id:"TG007",...L("TG007"),name:"log-bucket-deletable",level:"error",summary:"Log bucket lets log objects be deleted",tags:["security","cloudtrail","s3"],appliesTo:["cloudformation","terraform","live"],precision:"high",messages:{deletable:"Bucket {{bucket}} lets the logs of trail {{trail}} be deleted: it has no Object Lock retention of {{min}} days, no MFA Delete, and no bucket policy denying s3:DeleteObject and s3:DeleteObjectVersion to everyone.",unknown:"Bucket {{bucket}}: whether the logs of trail {{trail}} can be deleted cannot be determined."}},doc:hl,check(t){let e=new Map;for(let n of t.model.trails){let r=St(n);if(!r)continue;let i=[$m(r,t.settings.minRetentionDays),Pm(r),Nm(r,n)];if(i.includes("yes"))continue;let o=e.get(r)??new Set,s=Tt(n)??"";if(o.has(s))continue;e.set(r,o.add(s));let a={bucket:r.label,trail:n.label,min:String(t.settings.minRetentionDays)},c=[{at:n,message:`trail ${n.label} writes its logs here`}];i.includes("unknown")?t.review({kind:"unknown",reason:"unsupported-expression",loc:r.loc},{messageId:"unknown",data:a,entity:r,related:c}):t.report({messageId:"deletable",data:a,at:r,related:c})}}};var bl=`# TG008 log-bucket-public
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
`;var kl=[["blockPublicAcls","BlockPublicAcls"],["ignorePublicAcls","IgnorePublicAcls"],["blockPublicPolicy","BlockPublicPolicy"],["restrictPublicBuckets","RestrictPublicBuckets"]],Wm=new Set(["public-read","public-read-write","authenticated-read"]),Dm=/acs\.amazonaws\.com\/groups\/global\/(AllUsers|AuthenticatedUsers)$/;function oo(t){return t.replace(/([a-z])([A-Z])/g,"$1-$2").toLowerCase()}var wl={meta:{id:"TG008",...L("TG008"),name:"log-bucket-public",level:"error",summary:"Log bucket is or can become public",tags:["security","cloudtrail","s3"],appliesTo:["cloudformation","terraform","live"],precision:"high",fix:"safe",messages:{noBlock:"Bucket {{bucket}} holds the logs of {{trail}} but has no public access block: a policy or ACL could make the logs public.",setting:"Bucket {{bucket}} holds the logs of {{trail}} but its public access block has {{setting}} off.",policy:"Bucket {{bucket}}'s policy lets anyone ({{principal}}) access it without a restricting condition: the logs of {{trail}} are public.",acl:"Bucket {{bucket}} grants {{grantee}} through its ACL: the logs of {{trail}} are public.",unknown:"Bucket {{bucket}}: whether it is public cannot be determined."}},doc:bl,check(t){for(let[e,n]of ar(t.model.trails))Mm(t,e,n.map(r=>r.label).join(", "))}};function Mm(t,e,n){let r={bucket:e.label,trail:n},i=t.model.account.publicAccessBlock,o=l=>i?.kind==="known"&&!!i.value&&i.value[l].kind==="known"&&i.value[l].value===!0,s=e.publicAccessBlock;if(s.kind==="unknown")t.review(s,{messageId:"unknown",data:r,entity:e});else if(s.value===null)kl.every(([l])=>o(l))||t.report({messageId:"noBlock",data:r,at:e,key:"public-access-block",fix:{add:"public-access-block"}});else for(let[l,d]of kl)o(l)||Re(t,s.value[l],{off:"setting",unknown:"unknown",data:{...r,setting:d},entity:e,key:`public-access-block:${d}`});let a=e.policy;if(a.kind==="unknown")t.review(a,{messageId:"unknown",data:r,entity:e});else if(a.value){let l=eo(a.value.document);for(let d of l.statements){let m=a.value.statementLocs[d]??a.loc;t.report({messageId:"policy",data:{...r,principal:"*"},at:B(d,m),entity:e,key:`policy:${d}`})}l.unknown&&l.statements.length===0&&t.review({kind:"unknown",reason:"unsupported-expression",loc:a.loc},{messageId:"unknown",data:r,entity:e})}let c=e.acl;c.kind==="unknown"?t.review(c,{messageId:"unknown",data:r,entity:e}):c.value&&Wm.has(oo(c.value))&&t.report({messageId:"acl",data:{...r,grantee:oo(c.value)==="authenticated-read"?"every AWS account (authenticated-read)":`everyone (${oo(c.value)})`},at:c,entity:e,key:"acl"});let u=e.aclGranteeUris;if(u.kind==="known"){let l=u.value.find(d=>Dm.test(d));l&&t.report({messageId:"acl",data:{...r,grantee:l.replace(/^.*\//,"")},at:u,entity:e,key:"acl-grant"})}}var vl=`# TG009 log-bucket-short-retention
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
`;function Bm(t,e){return e.startsWith(t)||t.startsWith(e)}var _l={meta:{id:"TG009",...L("TG009"),name:"log-bucket-short-retention",level:"warning",summary:"Log bucket deletes or releases logs before the minimum retention",tags:["security","cloudtrail","s3"],appliesTo:["cloudformation","terraform","live"],precision:"high",messages:{expires:"Bucket {{bucket}} expires the log objects of trail {{trail}} after {{days}} days, sooner than the {{min}} days required.",lockShort:"Bucket {{bucket}} keeps Object Lock retention for {{days}} days only, less than the {{min}} days required.",unknown:"Bucket {{bucket}}: how long it keeps the logs of trail {{trail}} cannot be determined."}},doc:vl,check(t){let e=t.settings.minRetentionDays,n=new Set;for(let r of t.model.trails){let i=St(r);if(!i||(Vm(t,r,i,e),n.has(i)))continue;n.add(i);let o=i.objectLock;if(o.kind==="unknown"){t.review(o,{messageId:"unknown",data:{bucket:i.label,trail:r.label},entity:i});continue}let s=o.value?.defaultRetentionDays;o.value?.enabled&&typeof s=="number"&&s<e&&t.report({messageId:"lockShort",data:{bucket:i.label,days:String(s),min:String(e)},at:o,entity:i,key:"object-lock",related:[{at:r,message:`trail ${r.label}`}]})}}};function Vm(t,e,n,r){let i={bucket:n.label,trail:e.label,min:String(r)},o=[{at:e,message:`trail ${e.label}`}],s=n.lifecycle;if(s.kind==="unknown")return t.review(s,{messageId:"unknown",data:i,entity:n,related:o});let a=Tt(e);for(let c of s.value)if(!(c.enabled===!1||c.expirationDays===null||typeof c.expirationDays=="number"&&c.expirationDays>=r)){if(R(c.enabled)||R(c.expirationDays)){t.review({kind:"unknown",reason:"unsupported-expression",loc:c.loc},{messageId:"unknown",data:i,entity:n,related:o});continue}if(!(c.enabled!==!0||typeof c.expirationDays!="number"||c.expirationDays>=r)&&c.prefix!==null){if(typeof c.prefix!="string"||a===null){t.review({kind:"unknown",reason:"unsupported-expression",loc:c.loc},{messageId:"unknown",data:i,entity:n,related:o});continue}Bm(c.prefix,a)&&t.report({messageId:"expires",data:{...i,days:String(c.expirationDays)},at:{kind:"known",value:c.expirationDays,origin:"explicit",loc:c.loc},entity:n,key:"lifecycle",related:o})}}}var xl=":_#=@/;,- ",Rl="^$?[]{}|\\*+.",Al={negate:!1,ranges:[[48,57]]},Sl={negate:!1,ranges:[[48,57],[65,90],[95,95],[97,122]]},Tl={negate:!1,ranges:[[9,10],[13,13],[32,32]]},jm={negate:!0,ranges:[]};function zm(t){return/^[A-Za-z0-9]$/.test(t)}function so(t){return{negate:!1,ranges:[[t,t]]}}function ao(t){return{negate:!t.negate,ranges:t.ranges}}function Um(t,e){let n=!1;for(let[r,i]of t.ranges)if(e>=r&&e<=i){n=!0;break}return n!==t.negate}var X=class{constructor(e,n){this.message=e;this.offset=n}message;offset};function Cl(t,e){if(t.charCodeAt(0)>127)throw new X("multi-byte characters are not supported in a regular expression",e);if(t==="("||t===")")throw new X("parentheses are not supported in a regular expression",e);if(!zm(t)&&!xl.includes(t)&&!Rl.includes(t))throw new X(`the character '${t}' is not supported in a regular expression (use \\xhh)`,e)}var lo=class{constructor(e){this.src=e}src;pos=0;parse(){let e=[[]],n=0;for(;this.pos<this.src.length;){let r=this.src[this.pos],i=e[e.length-1];if(r==="|"){if(i.length===0)throw new X("empty alternative before '|'",this.pos);this.pos++,e.push([]);continue}if(r==="^"||r==="$"){this.pos++,i.push({kind:r==="^"?"bol":"eol"}),this.rejectQuantifier("an anchor cannot be repeated");continue}let o=this.pos,s=this.atom(),a=this.quantified(s,o);if(n+=a.length,n>5e3)throw new X("the regular expression is too large",o);i.push(...a)}if(e[e.length-1].length===0)throw new X("empty alternative after '|'",this.src.length);return{branches:e}}rejectQuantifier(e){let n=this.src[this.pos];if(n==="*"||n==="+"||n==="?"||n==="{")throw new X(e,this.pos)}atom(){let e=this.pos,n=this.src[this.pos];switch(n){case".":return this.pos++,jm;case"[":return this.charClass();case"\\":return this.escape(!1);case"*":case"+":case"?":case"{":throw new X(`'${n}' has nothing to repeat`,e);case"]":case"}":throw new X(`unmatched '${n}'`,e);default:return Cl(n,e),this.pos++,so(n.charCodeAt(0))}}escape(e){let n=this.pos,r=this.src[this.pos+1];if(r===void 0)throw new X("a backslash ends the regular expression",n);switch(this.pos+=2,r){case"d":return Al;case"D":return ao(Al);case"w":return Sl;case"W":return ao(Sl);case"s":return Tl;case"S":return ao(Tl);case"x":{let i=this.src.slice(this.pos,this.pos+2);if(!/^[0-9A-Fa-f]{2}$/.test(i))throw new X("\\x needs two hexadecimal digits",n);return this.pos+=2,so(parseInt(i,16))}default:if(Rl.includes(r)||xl.includes(r)||e&&r==="-")return so(r.charCodeAt(0));throw new X(`unsupported escape '\\${r}'`,n)}}charClass(){let e=this.pos;this.pos++;let n=!1;this.src[this.pos]==="^"&&(n=!0,this.pos++);let r=[],i=!0;for(;;){let o=this.pos,s=this.src[this.pos];if(s===void 0)throw new X("unterminated character class",e);if(s==="]"&&!i){this.pos++;break}i=!1;let a=this.classMember();if(a.kind==="set"){r.push(...this.setRanges(a.set,o));continue}if(this.src[this.pos]==="-"&&this.src[this.pos+1]!==void 0&&this.src[this.pos+1]!=="]"){this.pos++;let c=this.pos,u=this.classMember();if(u.kind==="set")throw new X("a class escape cannot end a range",c);if(u.code<a.code)throw new X("range out of order in character class",o);r.push([a.code,u.code])}else r.push([a.code,a.code])}return{negate:n,ranges:r}}setRanges(e,n){if(!e.negate)return[...e.ranges];let r=[],i=0,o=[...e.ranges].sort((s,a)=>s[0]-a[0]);for(let[s,a]of o)s>i&&r.push([i,s-1]),i=Math.max(i,a+1);if(i<=65535&&r.push([i,65535]),r.length===0)throw new X("empty character class",n);return r}classMember(){let e=this.pos,n=this.src[this.pos];if(n==="\\"){let r=this.escape(!0),i=r.ranges[0];return!r.negate&&r.ranges.length===1&&i!==void 0&&i[0]===i[1]?{kind:"char",code:i[0]}:{kind:"set",set:r}}return Cl(n,e),this.pos++,{kind:"char",code:n.charCodeAt(0)}}quantified(e,n){let r=this.src[this.pos],i={kind:"char",set:e,rep:"one"},o={kind:"char",set:e,rep:"opt"},s={kind:"char",set:e,rep:"star"},a;if(r==="?")this.pos++,a=[o];else if(r==="*")this.pos++,a=[s];else if(r==="+")this.pos++,a=[i,s];else if(r==="{"){let[c,u]=this.braces();if(u!==null&&u>1e3)throw new X("a repetition count above 1000 is not supported",n);if(c>1e3)throw new X("a repetition count above 1000 is not supported",n);a=[];for(let l=0;l<c;l++)a.push(i);if(u===null)a.push(s);else for(let l=c;l<u;l++)a.push(o)}else return[i];return this.rejectQuantifier("a quantifier cannot follow another quantifier"),a}braces(){let e=this.pos,n=this.src.indexOf("}",e);if(n<0)throw new X("unterminated repetition '{'",e);let r=this.src.slice(e+1,n),i=/^\s*(\d*)\s*(,?)\s*(\d*)\s*$/.exec(r);if(i===null||i[1]===""&&i[3]==="")throw new X("invalid repetition '{...}'",e);let o=i[1]===""?0:Number(i[1]),s=i[2]===""?o:i[3]===""?null:Number(i[3]);if(s!==null&&s<o)throw new X("repetition maximum is below its minimum",e);return this.pos=n+1,[o,s]}};function Cn(t){if(t.length===0)return{ok:!1,message:"empty regular expression",offset:0};try{return{ok:!0,program:new lo(t).parse()}}catch(e){if(e instanceof X)return{ok:!1,message:e.message,offset:e.offset};throw e}}function gr(t,e){let n=[],r=0;for(let d of t.branches)n.push(r),r+=d.length+1;let i=new Array(r).fill(null);t.branches.forEach((d,m)=>{d.forEach((f,p)=>{i[n[m]+p]=f})});let o=e.length,s=new Uint32Array(r),a=1,c=[],u=!1,l=(d,m,f)=>{let p=[m];for(;p.length>0;){let h=p.pop();if(s[h]===a)continue;s[h]=a,d.push(h);let C=i[h];if(C==null){u=!0;continue}C.kind==="bol"?f===0&&p.push(h+1):C.kind==="eol"?f===o&&p.push(h+1):C.rep!=="one"&&p.push(h+1)}};for(let d=0;;d++){for(let p of n)l(c,p,d);if(u)return!0;if(d===o)return!1;let m=e.charCodeAt(d);a++,a===4294967295&&(s=new Uint32Array(r),a=1);let f=[];for(let p of c){let h=i[p];h==null||h.kind!=="char"||Um(h.set,m)&&l(f,h.rep==="star"?p:p+1,d+1)}if(u)return!0;c=f}}var uo=200,Il=1,fo=3,mo=2,Km=/^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/,qm=/[A-Za-z0-9_-]/,Hm=/[A-Za-z0-9_]/,Ym=new Set([" ","	",`
`,"\r","\f","\v","(",")","{","}","[","]",",",'"',"&","|","=","!","<",">"]),hr=class{constructor(e,n){this.message=e;this.offset=n}message;offset};function co(t){return t===" "||t==="	"||t===`
`||t==="\r"||t==="\f"||t==="\v"}function Xm(t){return t.kind==="and"||t.kind==="or"}function El(t,e){if(e.length===1)return e[0];let n=[];for(let r of e)Xm(r)&&r.kind===t?n.push(...r.operands):n.push(r);return{kind:t,operands:n}}function Ne(t){return t===void 0?"the end of the pattern":t===`
`?"a newline":`'${t}'`}var po=class{constructor(e){this.text=e}text;pos=0;depth=0;wildcardSelectors=0;regexes=0;parse(){this.skipSpace();let e=this.text[this.pos];return e==="{"?this.jsonPattern():e==="["?this.delimitedPattern():e==="%"?this.regexPattern():this.termPattern()}fail(e,n=this.pos){throw new hr(e,n)}skipSpace(){for(;co(this.text[this.pos]);)this.pos++}startsWith(e){return this.text.startsWith(e,this.pos)}expect(e,n){this.skipSpace(),this.startsWith(e)||this.fail(`expected ${n} but found ${Ne(this.text[this.pos])}`),this.pos+=e.length}expectEnd(e){this.skipSpace(),this.pos<this.text.length&&this.fail(`unexpected ${Ne(this.text[this.pos])} after the closing '${e}'`)}word(){let e=this.pos;for(;/[A-Za-z]/.test(this.text[this.pos]??"");)this.pos++;return this.text.slice(e,this.pos)}quoted(){let e=this.pos;this.pos++;let n="";for(;;){let r=this.text[this.pos];if(r===void 0&&this.fail("unterminated quoted string",e),r==='"')return this.pos++,n;if(r==="\\"){let i=this.text[this.pos+1];i===void 0&&this.fail("unterminated quoted string",e),n+=i,this.pos+=2;continue}n+=r,this.pos++}}regexBody(){let e=this.pos,n=this.text.indexOf("%",e+1);n<0&&this.fail("unterminated regular expression (no closing '%')",e);let r=this.text.slice(e+1,n),i=Cn(r);return i.ok||this.fail(i.message,e+1+i.offset),this.pos=n+1,r}or(e){let n=[this.and(e)];for(;this.skipSpace(),!!this.startsWith("||");)this.pos+=2,n.push(this.and(e));return El("or",n)}and(e){let n=[this.unary(e)];for(;this.skipSpace(),!!this.startsWith("&&");)this.pos+=2,n.push(this.unary(e));return El("and",n)}unary(e){if(this.skipSpace(),this.text[this.pos]!=="(")return e();let n=this.pos;this.depth>=uo&&this.fail(`parentheses nested deeper than ${uo} levels`,n),this.depth++,this.pos++;let r=this.or(e);return this.skipSpace(),this.text[this.pos]!==")"&&this.fail(`expected ')' to close the '(' at offset ${n} but found ${Ne(this.text[this.pos])}`),this.pos++,this.depth--,r}operator(){for(let e of["!=","<=",">=","=","<",">"])if(this.startsWith(e))return this.pos+=e.length,e;return null}value(e){this.skipSpace();let n=this.pos,r=this.text[this.pos],i;if(r==='"')i={kind:"string",value:this.quoted()};else if(r==="%")this.regexes++,this.regexes>mo&&this.fail(`a filter pattern may contain at most ${mo} regular expressions`,n),i={kind:"regex",source:this.regexBody()};else{for(;this.pos<this.text.length&&!Ym.has(this.text[this.pos]);)this.pos++;let o=this.text.slice(n,this.pos);o===""&&this.fail(`expected a value after '${e}' but found ${Ne(r)}`),i=Km.test(o)?{kind:"number",text:o}:{kind:"string",value:o}}return e!=="="&&e!=="!="&&i.kind!=="number"&&this.fail(`'${e}' compares numbers, so its value must be a number`,n),i}jsonPattern(){this.pos++,this.skipSpace(),this.text[this.pos]==="}"&&this.fail("empty JSON filter pattern: expected a condition inside '{ }'");let e=this.or(()=>this.jsonCondition());return this.expect("}","'&&', '||' or '}'"),this.expectEnd("}"),{kind:"json",expr:e}}jsonCondition(){this.skipSpace();let e=this.selector();this.skipSpace();let n=this.pos;if(/[A-Za-z]/.test(this.text[this.pos]??"")){let i=this.word();if(i==="IS"){this.skipSpace();let o=this.pos,s=this.word();if(s==="TRUE"||s==="FALSE"||s==="NULL")return{kind:"is",selector:e,test:s==="TRUE"?"true":s==="FALSE"?"false":"null"};s==="NOT"&&this.fail("IS NOT is not supported (use IS TRUE, IS FALSE, IS NULL or NOT EXISTS)",n),this.fail("expected TRUE, FALSE or NULL after IS",o)}if(i==="NOT"){this.skipSpace();let o=this.pos;if(this.word()==="EXISTS")return{kind:"notExists",selector:e};this.fail("expected EXISTS after NOT",o)}i==="EXISTS"&&this.fail("EXISTS is not supported (only NOT EXISTS is)",n),this.fail(`unknown keyword '${i}' after the selector (expected =, !=, <, >, <=, >=, IS or NOT EXISTS)`,n)}let r=this.operator();return r===null&&this.fail(`expected an operator (=, !=, <, >, <=, >=, IS or NOT EXISTS) but found ${Ne(this.text[this.pos])}`),{kind:"compare",selector:e,op:r,value:this.value(r)}}selector(){let e=this.pos;this.text[this.pos]!=="$"&&this.fail(`expected a property selector starting with '$.' but found ${Ne(this.text[this.pos])}`),this.pos++,this.text[this.pos]!=="."&&this.fail("a property selector starts with '$.'"),this.pos++;let n=[],r=this.text[this.pos];for(r==="*"?(this.pos++,n.push({kind:"anyField"})):r==="["?n.push(this.bracket(!1)):n.push({kind:"field",name:this.name()});;){let o=this.text[this.pos];if(o==="."){this.pos++;let s=this.text[this.pos];s==="*"?(this.pos++,n.push({kind:"anyField"})):s==="["?n.push(this.bracket(!1)):n.push({kind:"field",name:this.name()})}else if(o==="[")n.push(this.bracket(!0));else break}let i=n.filter(o=>o.kind==="anyField"||o.kind==="anyIndex").length;return i>Il&&this.fail("a property selector may contain only one wildcard",e),i>0&&(this.wildcardSelectors++,this.wildcardSelectors>fo&&this.fail(`a filter pattern may contain at most ${fo} wildcard selectors`,e)),{steps:n}}name(){let e=this.pos;for(;qm.test(this.text[this.pos]??"");)this.pos++;return this.pos===e&&this.fail(`expected a property name but found ${Ne(this.text[this.pos])}`),this.text.slice(e,this.pos)}bracket(e){let n=this.pos;this.pos++;let r=this.text[this.pos],i;if(r==="'"){let o=this.text.indexOf("'",this.pos+1);o<0&&this.fail("unterminated quoted property name",this.pos);let s=this.text.slice(this.pos+1,o);s===""&&this.fail("empty property name",this.pos),this.pos=o+1,i={kind:"field",name:s}}else if(e&&r==="*")this.pos++,i={kind:"anyIndex"};else if(e&&/[0-9]/.test(r??"")){let o=this.pos;for(;/[0-9]/.test(this.text[this.pos]??"");)this.pos++;let s=this.text.slice(o,this.pos);s.length>9&&this.fail("array index too large",o),i={kind:"index",index:Number(s)}}else this.fail(e?"expected an array index, '*' or a quoted property name in '[ ]'":"expected a quoted property name in '[ ]'",this.pos);return this.text[this.pos]!=="]"&&this.fail(`expected ']' to close the '[' at offset ${n}`),this.pos++,i}delimitedPattern(){this.pos++,this.skipSpace(),this.text[this.pos]==="]"&&this.fail("empty space-delimited pattern: expected at least one field inside '[ ]'");let e=[];for(;;){e.push(this.delimitedField()),this.skipSpace();let n=this.text[this.pos];if(n===","){this.pos++;continue}if(n==="]"){this.pos++;break}this.fail(`expected ',' or ']' but found ${Ne(n)}`)}return this.expectEnd("]"),{kind:"delimited",fields:e}}delimitedField(){if(this.skipSpace(),this.startsWith("..."))return this.pos+=3,{kind:"ellipsis"};let e=this.pos,n=this.fieldName();if(n!==null){this.skipSpace();let s=this.text[this.pos];if(s===","||s==="]"||s===void 0)return{kind:"field",name:n,condition:null}}this.pos=e;let r=[],i=this.or(()=>this.fieldComparison(r)),o=r[0].name;for(let s of r)s.name!==o&&this.fail(`a field's conditions must all name that field ('${o}'), not '${s.name}'`,s.offset);return{kind:"field",name:o,condition:i}}fieldName(){let e=this.pos;for(;Hm.test(this.text[this.pos]??"");)this.pos++;return this.pos===e?null:this.text.slice(e,this.pos)}fieldComparison(e){this.skipSpace();let n=this.pos,r=this.fieldName();r===null&&this.fail(`expected a field name, '...' or '(' but found ${Ne(this.text[this.pos])}`),e.push({name:r,offset:n}),this.skipSpace();let i=this.operator();return i===null&&this.fail(`expected an operator (=, !=, <, >, <=, >=) after '${r}' but found ${Ne(this.text[this.pos])}`),{kind:"compare",op:i,value:this.value(i)}}regexPattern(){this.regexes++;let e=this.regexBody();return this.skipSpace(),this.pos<this.text.length&&this.fail("a regular expression must be the whole filter pattern"),{kind:"regex",source:e}}termPattern(){let e=[];for(;this.skipSpace(),!(this.pos>=this.text.length);){let n="include",r=this.text[this.pos];(r==="?"||r==="-")&&(n=r==="?"?"optional":"exclude",this.pos++);let i=this.pos,o=this.text[this.pos],s;if(o==='"'){s=this.quoted();let a=this.text[this.pos];a!==void 0&&!co(a)&&this.fail(`expected a space after the closing quote but found ${Ne(a)}`)}else{for(;this.pos<this.text.length&&!co(this.text[this.pos]);)this.text[this.pos]==='"'&&this.fail("a double quote inside an unquoted term (quote the whole term)"),this.pos++;s=this.text.slice(i,this.pos),s===""&&this.fail(`expected a term after '${r}'`,i),s.startsWith("%")&&this.fail("a regular expression must be the whole filter pattern",i)}e.push({mode:n,text:s})}return{kind:"terms",terms:e}}};function yr(t){if(typeof t!="string")return{ok:!1,error:{message:"the filter pattern is not a string",offset:0}};try{return{ok:!0,pattern:new po(t).parse()}}catch(e){if(e instanceof hr)return{ok:!1,error:{message:e.message,offset:e.offset}};if(e instanceof RangeError)return{ok:!1,error:{message:"the filter pattern is too complex",offset:0}};throw e}}var Jm=/^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/,br=new Map,Qm=512;function $l(t){let e=br.get(t);if(e===void 0){let n=Cn(t);e=n.ok?n.program:null,br.size>=Qm&&br.clear(),br.set(t,e)}return e}function ho(t){return typeof t=="object"&&t!==null&&!Array.isArray(t)}function Pl(t,e){if(!t.includes("*"))return t===e;let n=t.split("*"),r=n[0],i=n[n.length-1];if(e.length<r.length+i.length||!e.startsWith(r)||!e.endsWith(i))return!1;let o=r.length,s=e.length-i.length;for(let a=1;a<n.length-1;a++){let c=n[a];if(c==="")continue;let u=e.indexOf(c,o);if(u<0||u+c.length>s)return!1;o=u+c.length}return!0}function Zm(t){return t.kind==="and"||t.kind==="or"}function kr(t,e){return Zm(t)?t.kind==="and"?t.operands.every(n=>kr(n,e)):t.operands.some(n=>kr(n,e)):e(t)}function Nl(t,e){let n=[t];for(let r of e.steps){let i=[];for(let o of n)switch(r.kind){case"field":ho(o)&&Object.hasOwn(o,r.name)&&i.push(o[r.name]);break;case"index":Array.isArray(o)&&r.index<o.length&&i.push(o[r.index]);break;case"anyField":ho(o)&&i.push(...Object.values(o));break;case"anyIndex":Array.isArray(o)&&i.push(...o);break}if(n=i,n.length===0)break}return n}function ep(t){return typeof t=="number"?t:typeof t=="string"&&Jm.test(t)?Number(t):null}function tp(t,e,n){switch(e){case"=":return t===n;case"!=":return t!==n;case"<":return t<n;case">":return t>n;case"<=":return t<=n;case">=":return t>=n}}function Gl(t,e,n){if(typeof t!="string"&&typeof t!="number"&&typeof t!="boolean")return!1;if(n.kind==="number"){let o=ep(t);return o===null?e==="!=":tp(o,e,Number(n.text))}if(e!=="="&&e!=="!=")return!1;let r=String(t),i;if(n.kind==="string")i=Pl(n.value,r);else{let o=$l(n.source);i=o!==null&&gr(o,r)}return e==="="?i:!i}function np(t,e){let n=Nl(t,e.selector);switch(e.kind){case"notExists":return n.length===0;case"is":{let r=e.test==="true"?!0:e.test==="false"?!1:null;return n.some(i=>i===r)}case"compare":return n.some(r=>Gl(r,e.op,e.value))}}function Ll(t){return t===" "||t==="	"||t===`
`||t==="\r"||t==="\f"||t==="\v"}function Wl(t){let e=[],n=0;for(;n<t.length;){for(;Ll(t[n]);)n++;if(n>=t.length)break;let r=n,i=t[n],o=i==='"'?'"':i==="["?"]":null;if(o!==null){let s=t.indexOf(o,n+1);if(s>=0){e.push({value:t.slice(n+1,s),start:r}),n=s+1;continue}}for(;n<t.length&&!Ll(t[n]);)n++;e.push({value:t.slice(r,n),start:r})}return e}function Ol(t,e){return t===null?!0:kr(t,n=>Gl(e,n.op,n.value))}function rp(t,e){let n=Wl(e),r=n.length,i=new Uint8Array(r+1);return i[0]=1,t.forEach((o,s)=>{let a=new Uint8Array(r+1),c=s===t.length-1;if(o.kind==="ellipsis"){let u=!1;for(let l=0;l<=r;l++)i[l]&&(u=!0),u&&(a[l]=1)}else for(let u=0;u<r;u++)if(i[u])if(c&&u<r-1){let l=e.slice(n[u].start).trimEnd();Ol(o.condition,l)&&(a[r]=1)}else Ol(o.condition,n[u].value)&&(a[u+1]=1);i=a}),i[r]===1}function ip(t,e){let n=s=>s.text.trim()===""||e.includes(s.text),r=t.filter(s=>s.mode==="include"),i=t.filter(s=>s.mode==="exclude");if(r.length>0||i.length>0)return r.every(n)&&!i.some(n);let o=t.filter(s=>s.mode==="optional");return o.length===0||o.some(n)}function go(t){if(typeof t=="string")return t;try{return JSON.stringify(t)??""}catch{return""}}function op(t){if(typeof t!="string")return t;try{return JSON.parse(t)}catch{return}}function xn(t,e){switch(t.kind){case"json":{let n=op(e);return ho(n)?kr(t.expr,r=>np(n,r)):!1}case"delimited":return rp(t.fields,go(e));case"regex":{let n=$l(t.source);return n!==null&&gr(n,go(e))}case"terms":return ip(t.terms,go(e))}}var bo="111122223333",pe=bo;function Ut(t){return{type:"IAMUser",principalId:"AIDAQRSTUVWXYZEXAMPLE",arn:`arn:aws:iam::${pe}:user/${t}`,accountId:pe,accessKeyId:"AKIAQRSTUVWXEXAMPLE1",userName:t}}function Kt(t,e){return{type:"AssumedRole",principalId:`AROAQRSTUVWXYZEXAMPL:${e}`,arn:`arn:aws:sts::${pe}:assumed-role/${t}/${e}`,accountId:pe,accessKeyId:"ASIAQRSTUVWXEXAMPLE2",sessionContext:{sessionIssuer:{type:"Role",principalId:"AROAQRSTUVWXYZEXAMPL",arn:`arn:aws:iam::${pe}:role/${t}`,accountId:pe,userName:t},attributes:{creationDate:"2024-05-14T08:02:11Z",mfaAuthenticated:"false"}}}}function ko(t){return{type:"Root",principalId:pe,arn:`arn:aws:iam::${pe}:root`,accountId:pe,accessKeyId:"ASIAQRSTUVWXROOTKEY1",...t===void 0?{}:{invokedBy:t}}}function yo(t){let e="";for(let n=0;e.length<32;n++){let r=2166136261^n;for(let i=0;i<t.length;i++)r^=t.charCodeAt(i),r=Math.imul(r,16777619)>>>0;e+=r.toString(16).padStart(8,"0")}return`${e.slice(0,8)}-${e.slice(8,12)}-4${e.slice(13,16)}-a${e.slice(17,20)}-${e.slice(20,32)}`}var sp="aws-cli/2.15.30 md/Botocore#1.34.62 ua/2.0 os/linux#6.1.0 md/arch#x86_64 lang/python#3.11.8",ap="Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36";function ee(t){let e=t.identity??Kt("PlatformAdmin","jdoe"),n=`${t.source}/${t.name}/${e.type}/${t.error?.code??""}/${t.time??""}`;return{eventVersion:"1.09",userIdentity:e,eventTime:t.time??"2024-05-14T09:21:37Z",eventSource:t.source,eventName:t.name,awsRegion:t.region??"us-east-1",sourceIPAddress:t.sourceIPAddress??"203.0.113.24",userAgent:t.userAgent??sp,...t.error===void 0?{}:{errorCode:t.error.code,errorMessage:t.error.message},requestParameters:t.request===void 0?null:t.request,responseElements:t.response===void 0?null:t.response,...t.additional===void 0?{}:{additionalEventData:t.additional},requestID:yo(`request:${n}`),eventID:yo(`event:${n}`),readOnly:t.readOnly??!1,eventType:t.eventType??"AwsApiCall",managementEvent:!0,recipientAccountId:pe,eventCategory:"Management"}}function qt(t){let e=`signin/${t.identity.type}/${t.identity.userName??""}/${String(t.success)}/${String(t.mfaUsed)}`;return{eventVersion:"1.09",userIdentity:t.identity,eventTime:"2024-05-14T07:55:02Z",eventSource:"signin.amazonaws.com",eventName:"ConsoleLogin",awsRegion:"us-east-1",sourceIPAddress:"198.51.100.77",userAgent:ap,...t.success?{}:{errorMessage:"Failed authentication"},requestParameters:null,responseElements:{ConsoleLogin:t.success?"Success":"Failure"},additionalEventData:{LoginTo:"https://console.aws.amazon.com/console/home?hashArgs=%23&isauthcode=true&state=hashArgsFromTB_us-east-1",MobileVersion:"No",MFAUsed:t.mfaUsed?"Yes":"No"},eventID:yo(`event:${e}`),readOnly:!1,eventType:"AwsConsoleSignIn",managementEvent:!0,recipientAccountId:pe,eventCategory:"Management"}}function Dl(t,e){return t==="Root"?{type:"Root",principalId:pe,accountId:pe,accessKeyId:""}:{type:"IAMUser",principalId:"AIDAQRSTUVWXYZEXAMPLE",accountId:pe,accessKeyId:"",userName:e??"alice"}}var wr=qt({identity:{...ko(),accessKeyId:""},success:!0,mfaUsed:!0}),Ml=ee({source:"iam.amazonaws.com",name:"CreateAccessKey",identity:ko(),sourceIPAddress:"198.51.100.77",request:null,response:{accessKey:{accessKeyId:"AKIAQRSTUVWXROOTNEW1",status:"Active",createDate:"May 14, 2024 9:21:37 AM"}}}),Fl=ee({source:"s3.amazonaws.com",name:"GetBucketAcl",identity:ko("config.amazonaws.com"),sourceIPAddress:"config.amazonaws.com",userAgent:"config.amazonaws.com",eventType:"AwsServiceEvent",readOnly:!0,request:{bucketName:"example-data-bucket",acl:"",Host:"example-data-bucket.s3.us-east-1.amazonaws.com"},response:null}),vr=ee({source:"ec2.amazonaws.com",name:"RunInstances",identity:Ut("alice"),request:{instancesSet:{items:[{imageId:"ami-0abcdef1234567890",minCount:1,maxCount:1}]},instanceType:"t3.micro"},response:{requestId:"6f1e0a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b",reservationId:"r-0123456789abcdef0",ownerId:pe}}),Bl=ee({source:"s3.amazonaws.com",name:"CreateBucket",identity:Kt("PlatformAdmin","jdoe"),request:{bucketName:"example-data-bucket",Host:"example-data-bucket.s3.amazonaws.com"},response:null}),_r=qt({identity:Ut("alice"),success:!0,mfaUsed:!1}),wo=qt({identity:Ut("bob"),success:!0,mfaUsed:!0}),vo=qt({identity:Dl("IAMUser","alice"),success:!1,mfaUsed:!1}),Vl=qt({identity:Dl("Root"),success:!1,mfaUsed:!1}),jl=qt({identity:Kt("AWSReservedSSO_Admin_0123456789abcdef","jdoe@example.com"),success:!0,mfaUsed:!1});var En=["unauthorized-api-calls","console-signin-without-mfa","iam-policy-changes","cloudtrail-changes","console-auth-failures","cmk-disable-or-deletion","s3-bucket-policy-changes","config-changes","security-group-changes","nacl-changes","network-gateway-changes","route-table-changes","vpc-changes","organizations-changes"],lp=["root-usage",...En],xr=bo;function $(t,e,n=!1){return ee({source:"ec2.amazonaws.com",name:t,readOnly:n,request:e,response:n?null:{requestId:"0f5e3b7c-8a1d-4e2f-9b6a-3c4d5e6f7a8b",_return:!0}})}function te(t,e,n=!1){return ee({source:"iam.amazonaws.com",name:t,readOnly:n,request:e,response:null})}function ve(t,e,n=!1){return ee({source:"s3.amazonaws.com",name:t,readOnly:n,request:{bucketName:"example-data-bucket",Host:"example-data-bucket.s3.us-east-1.amazonaws.com",...e},response:null,additional:{SignatureVersion:"SigV4",CipherSuite:"TLS_AES_128_GCM_SHA256",bytesTransferredIn:0,AuthenticationMethod:"AuthHeader"}})}function It(t,e,n=!1){return ee({source:"kms.amazonaws.com",name:t,readOnly:n,request:e,response:null})}function Lt(t,e,n=!1){return ee({source:"config.amazonaws.com",name:t,readOnly:n,request:e,response:null})}function Ht(t,e,n=!1){return ee({source:"cloudtrail.amazonaws.com",name:t,readOnly:n,request:e,response:null})}function ie(t,e,n=!1){return ee({source:"organizations.amazonaws.com",name:t,readOnly:n,request:e,response:null})}var Ar=`arn:aws:cloudtrail:us-east-1:${xr}:trail/management-events`,Yt=`arn:aws:kms:us-east-1:${xr}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,it=`arn:aws:iam::${xr}:policy/DataReadOnly`,ze='{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}',_e="vpc-0a1b2c3d4e5f67890",Xt="sg-0123456789abcdef0",Tr="acl-0fedcba9876543210",Cr="igw-0a1b2c3d4e5f67890",cp="cgw-0123456789abcdef0",Rn="rtb-0123456789abcdef0",_o="pcx-0123456789abcdef0",Sr={items:[{ipProtocol:"tcp",fromPort:22,toPort:22,groups:{},ipRanges:{items:[{cidrIp:"0.0.0.0/0"}]},ipv6Ranges:{},prefixListIds:{}}]},zl={networkAclId:Tr,ruleNumber:100,egress:!1,ruleAction:"allow",protocol:"6",portRange:{from:22,to:22},cidrBlock:"0.0.0.0/0"},up={id:"root-usage",title:"Usage of the root user",cis:"4.3",cisPattern:'{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }',mustMatch:[wr,Ml],mustNotMatch:[vr,Bl,_r],eitherWay:[Fl]},dp={id:"unauthorized-api-calls",title:"Unauthorized API calls",cis:"4.1",cisPattern:'{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") && ($.sourceIPAddress != "delivery.logs.amazonaws.com") && ($.eventName != "HeadBucket") }',mustMatch:[ee({source:"ec2.amazonaws.com",name:"TerminateInstances",identity:Ut("alice"),request:{instancesSet:{items:[{instanceId:"i-0123456789abcdef0"}]}},error:{code:"Client.UnauthorizedOperation",message:"You are not authorized to perform this operation. User: arn:aws:iam::111122223333:user/alice is not authorized to perform: ec2:TerminateInstances"}}),ee({source:"iam.amazonaws.com",name:"CreateUser",identity:Kt("ReadOnly","jdoe"),request:{userName:"backdoor"},error:{code:"AccessDenied",message:"User: arn:aws:sts::111122223333:assumed-role/ReadOnly/jdoe is not authorized to perform: iam:CreateUser"}}),ee({source:"kms.amazonaws.com",name:"Decrypt",identity:Kt("AppServer","i-0123456789abcdef0"),readOnly:!0,request:{encryptionAlgorithm:"SYMMETRIC_DEFAULT"},error:{code:"AccessDeniedException",message:"User is not authorized to perform: kms:Decrypt on the resource associated with this ciphertext"}})],mustNotMatch:[ee({source:"ec2.amazonaws.com",name:"DescribeInstances",readOnly:!0,request:{instancesSet:{},filterSet:{}}}),vr,ee({source:"iam.amazonaws.com",name:"GetUser",readOnly:!0,request:{userName:"carol"},error:{code:"NoSuchEntityException",message:"The user with name carol cannot be found."}}),ee({source:"dynamodb.amazonaws.com",name:"DescribeTable",readOnly:!0,request:{tableName:"orders"},error:{code:"ThrottlingException",message:"Rate exceeded"}})],eitherWay:[ee({source:"s3.amazonaws.com",name:"HeadBucket",readOnly:!0,request:{bucketName:"example-data-bucket"},error:{code:"AccessDenied",message:"Access Denied"}}),ee({source:"s3.amazonaws.com",name:"PutObject",identity:{type:"AWSService",invokedBy:"delivery.logs.amazonaws.com"},sourceIPAddress:"delivery.logs.amazonaws.com",userAgent:"delivery.logs.amazonaws.com",request:{bucketName:"example-log-bucket",key:"AWSLogs/111122223333/elasticloadbalancing/us-east-1/file.log.gz"},error:{code:"AccessDenied",message:"Access Denied"}})]},fp={id:"console-signin-without-mfa",title:"Management console sign-in without MFA",cis:"4.2",cisPattern:'{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }',mustMatch:[_r],mustNotMatch:[wo,wr,vr],eitherWay:[vo,jl]},mp={id:"iam-policy-changes",title:"IAM policy changes",cis:"4.4",cisPattern:"{ ($.eventName = DeleteGroupPolicy) || ($.eventName = DeleteRolePolicy) || ($.eventName = DeleteUserPolicy) || ($.eventName = PutGroupPolicy) || ($.eventName = PutRolePolicy) || ($.eventName = PutUserPolicy) || ($.eventName = CreatePolicy) || ($.eventName = DeletePolicy) || ($.eventName = CreatePolicyVersion) || ($.eventName = DeletePolicyVersion) || ($.eventName = AttachRolePolicy) || ($.eventName = DetachRolePolicy) || ($.eventName = AttachUserPolicy) || ($.eventName = DetachUserPolicy) || ($.eventName = AttachGroupPolicy) || ($.eventName = DetachGroupPolicy) }",mustMatch:[te("DeleteGroupPolicy",{groupName:"developers",policyName:"inline-s3"}),te("DeleteRolePolicy",{roleName:"AppServer",policyName:"inline-s3"}),te("DeleteUserPolicy",{userName:"alice",policyName:"inline-s3"}),te("PutGroupPolicy",{groupName:"developers",policyName:"inline-s3",policyDocument:ze}),te("PutRolePolicy",{roleName:"AppServer",policyName:"inline-s3",policyDocument:ze}),te("PutUserPolicy",{userName:"alice",policyName:"inline-s3",policyDocument:ze}),te("CreatePolicy",{policyName:"DataReadOnly",policyDocument:ze}),te("DeletePolicy",{policyArn:it}),te("CreatePolicyVersion",{policyArn:it,policyDocument:ze,setAsDefault:!0}),te("DeletePolicyVersion",{policyArn:it,versionId:"v2"}),te("AttachRolePolicy",{roleName:"AppServer",policyArn:"arn:aws:iam::aws:policy/AdministratorAccess"}),te("DetachRolePolicy",{roleName:"AppServer",policyArn:it}),te("AttachUserPolicy",{userName:"alice",policyArn:"arn:aws:iam::aws:policy/AdministratorAccess"}),te("DetachUserPolicy",{userName:"alice",policyArn:it}),te("AttachGroupPolicy",{groupName:"developers",policyArn:it}),te("DetachGroupPolicy",{groupName:"developers",policyArn:it})],mustNotMatch:[te("GetPolicy",{policyArn:it},!0),te("GetRolePolicy",{roleName:"AppServer",policyName:"inline-s3"},!0),te("ListAttachedRolePolicies",{roleName:"AppServer"},!0),ve("PutBucketPolicy",{bucketPolicy:{Version:"2012-10-17",Statement:[]},policy:""})],eitherWay:[ie("CreatePolicy",{name:"DenyLeaveOrg",type:"SERVICE_CONTROL_POLICY",content:ze})]},pp={id:"cloudtrail-changes",title:"CloudTrail configuration changes",cis:"4.5",cisPattern:"{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }",mustMatch:[Ht("StopLogging",{name:Ar}),Ht("DeleteTrail",{name:Ar}),Ht("UpdateTrail",{name:Ar,isMultiRegionTrail:!1,enableLogFileValidation:!1})],mustNotMatch:[Ht("DescribeTrails",{trailNameList:[],includeShadowTrails:!0},!0),Ht("GetTrailStatus",{name:Ar},!0),Ht("LookupEvents",{maxResults:50},!0)],eitherWay:[]},gp={id:"console-auth-failures",title:"Management console authentication failures",cis:"4.6",cisPattern:'{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }',mustMatch:[vo,Vl],mustNotMatch:[_r,wo,wr,ee({source:"iam.amazonaws.com",name:"ListUsers",identity:Ut("alice"),readOnly:!0,request:null,error:{code:"AccessDenied",message:"User: arn:aws:iam::111122223333:user/alice is not authorized to perform: iam:ListUsers"}})],eitherWay:[]},hp={id:"cmk-disable-or-deletion",title:"Disabling or scheduled deletion of customer-managed KMS keys",cis:"4.7",cisPattern:"{ ($.eventSource = kms.amazonaws.com) && (($.eventName = DisableKey) || ($.eventName = ScheduleKeyDeletion)) }",mustMatch:[It("DisableKey",{keyId:Yt}),It("ScheduleKeyDeletion",{keyId:Yt,pendingWindowInDays:7})],mustNotMatch:[It("DescribeKey",{keyId:Yt},!0),It("ListKeys",{limit:100},!0),It("EnableKey",{keyId:Yt}),It("DisableKeyRotation",{keyId:Yt}),It("CancelKeyDeletion",{keyId:Yt})],eitherWay:[]},yp={id:"s3-bucket-policy-changes",title:"S3 bucket policy changes",cis:"4.8",cisPattern:"{ ($.eventSource = s3.amazonaws.com) && (($.eventName = PutBucketAcl) || ($.eventName = PutBucketPolicy) || ($.eventName = PutBucketCors) || ($.eventName = PutBucketLifecycle) || ($.eventName = PutBucketReplication) || ($.eventName = DeleteBucketPolicy) || ($.eventName = DeleteBucketCors) || ($.eventName = DeleteBucketLifecycle) || ($.eventName = DeleteBucketReplication)) }",mustMatch:[ve("PutBucketAcl",{acl:"",AccessControlPolicy:{AccessControlList:{Grant:[]}}}),ve("PutBucketPolicy",{bucketPolicy:{Version:"2012-10-17",Statement:[]},policy:""}),ve("PutBucketCors",{cors:""}),ve("PutBucketLifecycle",{lifecycle:""}),ve("PutBucketReplication",{replication:""}),ve("DeleteBucketPolicy",{policy:""}),ve("DeleteBucketCors",{cors:""}),ve("DeleteBucketLifecycle",{lifecycle:""}),ve("DeleteBucketReplication",{replication:""})],mustNotMatch:[ve("GetBucketPolicy",{policy:""},!0),ve("GetBucketAcl",{acl:""},!0),ve("ListBuckets",{},!0),te("PutRolePolicy",{roleName:"AppServer",policyName:"inline-s3",policyDocument:ze})],eitherWay:[]},bp={id:"config-changes",title:"AWS Config configuration changes",cis:"4.9",cisPattern:"{ ($.eventSource = config.amazonaws.com) && (($.eventName = StopConfigurationRecorder) || ($.eventName = DeleteDeliveryChannel) || ($.eventName = PutDeliveryChannel) || ($.eventName = PutConfigurationRecorder)) }",mustMatch:[Lt("StopConfigurationRecorder",{configurationRecorderName:"default"}),Lt("DeleteDeliveryChannel",{deliveryChannelName:"default"}),Lt("PutDeliveryChannel",{deliveryChannel:{name:"default",s3BucketName:"example-config-bucket"}}),Lt("PutConfigurationRecorder",{configurationRecorder:{name:"default",roleARN:`arn:aws:iam::${xr}:role/config-role`}})],mustNotMatch:[Lt("DescribeConfigurationRecorders",{},!0),Lt("DescribeConfigurationRecorderStatus",{},!0),Lt("DescribeDeliveryChannels",{},!0)],eitherWay:[]},kp={id:"security-group-changes",title:"Security group changes",cis:"4.10",cisPattern:"{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress) || ($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress) || ($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) }",mustMatch:[$("AuthorizeSecurityGroupIngress",{groupId:Xt,ipPermissions:Sr}),$("AuthorizeSecurityGroupEgress",{groupId:Xt,ipPermissions:Sr}),$("RevokeSecurityGroupIngress",{groupId:Xt,ipPermissions:Sr}),$("RevokeSecurityGroupEgress",{groupId:Xt,ipPermissions:Sr}),$("CreateSecurityGroup",{groupName:"bastion",groupDescription:"bastion hosts",vpcId:_e}),$("DeleteSecurityGroup",{groupId:Xt})],mustNotMatch:[$("DescribeSecurityGroups",{securityGroupSet:{},securityGroupIdSet:{}},!0),$("DescribeSecurityGroupRules",{filterSet:{}},!0)],eitherWay:[]},wp={id:"nacl-changes",title:"Network ACL changes",cis:"4.11",cisPattern:"{ ($.eventName = CreateNetworkAcl) || ($.eventName = CreateNetworkAclEntry) || ($.eventName = DeleteNetworkAcl) || ($.eventName = DeleteNetworkAclEntry) || ($.eventName = ReplaceNetworkAclEntry) || ($.eventName = ReplaceNetworkAclAssociation) }",mustMatch:[$("CreateNetworkAcl",{vpcId:_e}),$("CreateNetworkAclEntry",zl),$("DeleteNetworkAcl",{networkAclId:Tr}),$("DeleteNetworkAclEntry",{networkAclId:Tr,ruleNumber:100,egress:!1}),$("ReplaceNetworkAclEntry",zl),$("ReplaceNetworkAclAssociation",{associationId:"aclassoc-0123456789abcdef0",networkAclId:Tr})],mustNotMatch:[$("DescribeNetworkAcls",{networkAclIdSet:{},filterSet:{}},!0)],eitherWay:[]},vp={id:"network-gateway-changes",title:"Network gateway changes",cis:"4.12",cisPattern:"{ ($.eventName = CreateCustomerGateway) || ($.eventName = DeleteCustomerGateway) || ($.eventName = AttachInternetGateway) || ($.eventName = CreateInternetGateway) || ($.eventName = DeleteInternetGateway) || ($.eventName = DetachInternetGateway) }",mustMatch:[$("CreateCustomerGateway",{type:"ipsec.1",ipAddress:"192.0.2.10",bgpAsn:65e3}),$("DeleteCustomerGateway",{customerGatewayId:cp}),$("AttachInternetGateway",{internetGatewayId:Cr,vpcId:_e}),$("CreateInternetGateway",{}),$("DeleteInternetGateway",{internetGatewayId:Cr}),$("DetachInternetGateway",{internetGatewayId:Cr,vpcId:_e})],mustNotMatch:[$("DescribeInternetGateways",{internetGatewayIdSet:{},filterSet:{}},!0),$("DescribeCustomerGateways",{customerGatewaySet:{}},!0)],eitherWay:[]},_p={id:"route-table-changes",title:"Route table changes",cis:"4.13",cisPattern:"{ ($.eventSource = ec2.amazonaws.com) && (($.eventName = CreateRoute) || ($.eventName = CreateRouteTable) || ($.eventName = ReplaceRoute) || ($.eventName = ReplaceRouteTableAssociation) || ($.eventName = DeleteRouteTable) || ($.eventName = DeleteRoute) || ($.eventName = DisassociateRouteTable)) }",mustMatch:[$("CreateRoute",{routeTableId:Rn,destinationCidrBlock:"0.0.0.0/0",gatewayId:Cr}),$("CreateRouteTable",{vpcId:_e}),$("ReplaceRoute",{routeTableId:Rn,destinationCidrBlock:"0.0.0.0/0",natGatewayId:"nat-0123456789abcdef0"}),$("ReplaceRouteTableAssociation",{associationId:"rtbassoc-0123456789abcdef0",routeTableId:Rn}),$("DeleteRouteTable",{routeTableId:Rn}),$("DeleteRoute",{routeTableId:Rn,destinationCidrBlock:"10.20.0.0/16"}),$("DisassociateRouteTable",{associationId:"rtbassoc-0123456789abcdef0"})],mustNotMatch:[$("DescribeRouteTables",{routeTableIdSet:{},filterSet:{}},!0)],eitherWay:[ee({source:"apigateway.amazonaws.com",name:"CreateRoute",request:{apiId:"a1b2c3d4e5",routeKey:"GET /orders",target:"integrations/abc123"},response:{routeId:"r1s2t3u",routeKey:"GET /orders"}})]},Ap={id:"vpc-changes",title:"VPC changes",cis:"4.14",cisPattern:"{ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) || ($.eventName = ModifyVpcAttribute) || ($.eventName = AcceptVpcPeeringConnection) || ($.eventName = CreateVpcPeeringConnection) || ($.eventName = DeleteVpcPeeringConnection) || ($.eventName = RejectVpcPeeringConnection) || ($.eventName = AttachClassicLinkVpc) || ($.eventName = DetachClassicLinkVpc) || ($.eventName = DisableVpcClassicLink) || ($.eventName = EnableVpcClassicLink) }",mustMatch:[$("CreateVpc",{cidrBlock:"10.20.0.0/16",instanceTenancy:"default"}),$("DeleteVpc",{vpcId:_e}),$("ModifyVpcAttribute",{vpcId:_e,enableDnsHostnames:{value:!0}}),$("AcceptVpcPeeringConnection",{vpcPeeringConnectionId:_o}),$("CreateVpcPeeringConnection",{vpcId:_e,peerVpcId:"vpc-0fedcba9876543210",peerOwnerId:"444455556666"}),$("DeleteVpcPeeringConnection",{vpcPeeringConnectionId:_o}),$("RejectVpcPeeringConnection",{vpcPeeringConnectionId:_o}),$("AttachClassicLinkVpc",{instanceId:"i-0123456789abcdef0",vpcId:_e,groupSet:{items:[{groupId:Xt}]}}),$("DetachClassicLinkVpc",{instanceId:"i-0123456789abcdef0",vpcId:_e}),$("DisableVpcClassicLink",{vpcId:_e}),$("EnableVpcClassicLink",{vpcId:_e})],mustNotMatch:[$("DescribeVpcs",{vpcSet:{},filterSet:{}},!0),$("DescribeVpcAttribute",{vpcId:_e,attribute:"enableDnsHostnames"},!0),$("DescribeVpcPeeringConnections",{vpcPeeringConnectionIdSet:{},filterSet:{}},!0)],eitherWay:[]},Sp={id:"organizations-changes",title:"AWS Organizations changes",cis:"4.15",cisPattern:'{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = "AcceptHandshake") || ($.eventName = "AttachPolicy") || ($.eventName = "CreateAccount") || ($.eventName = "CreateOrganizationalUnit") || ($.eventName = "CreatePolicy") || ($.eventName = "DeclineHandshake") || ($.eventName = "DeleteOrganization") || ($.eventName = "DeleteOrganizationalUnit") || ($.eventName = "DeletePolicy") || ($.eventName = "DetachPolicy") || ($.eventName = "DisablePolicyType") || ($.eventName = "EnablePolicyType") || ($.eventName = "InviteAccountToOrganization") || ($.eventName = "LeaveOrganization") || ($.eventName = "MoveAccount") || ($.eventName = "RemoveAccountFromOrganization") || ($.eventName = "UpdatePolicy") || ($.eventName = "UpdateOrganizationalUnit")) }',mustMatch:[ie("AcceptHandshake",{handshakeId:"h-examplehandshakeid111"}),ie("AttachPolicy",{policyId:"p-examplepolicyid111",targetId:"ou-examplerootid111-exampleouid111"}),ie("CreateAccount",{accountName:"sandbox",email:"sandbox@example.com"}),ie("CreateOrganizationalUnit",{parentId:"r-examplerootid111",name:"Sandbox"}),ie("CreatePolicy",{name:"DenyLeaveOrg",type:"SERVICE_CONTROL_POLICY",content:ze}),ie("DeclineHandshake",{handshakeId:"h-examplehandshakeid111"}),ie("DeleteOrganization",{}),ie("DeleteOrganizationalUnit",{organizationalUnitId:"ou-examplerootid111-exampleouid111"}),ie("DeletePolicy",{policyId:"p-examplepolicyid111"}),ie("DetachPolicy",{policyId:"p-examplepolicyid111",targetId:"ou-examplerootid111-exampleouid111"}),ie("DisablePolicyType",{rootId:"r-examplerootid111",policyType:"SERVICE_CONTROL_POLICY"}),ie("EnablePolicyType",{rootId:"r-examplerootid111",policyType:"TAG_POLICY"}),ie("InviteAccountToOrganization",{target:{id:"444455556666",type:"ACCOUNT"}}),ie("LeaveOrganization",{}),ie("MoveAccount",{accountId:"444455556666",sourceParentId:"r-examplerootid111",destinationParentId:"ou-examplerootid111-exampleouid111"}),ie("RemoveAccountFromOrganization",{accountId:"444455556666"}),ie("UpdatePolicy",{policyId:"p-examplepolicyid111",content:ze}),ie("UpdateOrganizationalUnit",{organizationalUnitId:"ou-examplerootid111-exampleouid111",name:"Workloads"})],mustNotMatch:[ie("DescribeOrganization",{},!0),ie("ListAccounts",{},!0),te("CreatePolicy",{policyName:"DataReadOnly",policyDocument:ze}),te("DeletePolicy",{policyArn:it})],eitherWay:[]},Ao=[up,dp,fp,mp,pp,gp,hp,yp,bp,kp,wp,vp,_p,Ap,Sp],Tp=new Map(Ao.map(t=>[t.id,t]));function In(t){let e=Tp.get(t);if(e===void 0)throw new Error(`unknown event class '${String(t)}'`);return e}function So(t){return typeof t=="string"&&En.includes(t)}function Cp(t,e){let n=In(e),r=n.mustMatch.filter(o=>!xn(t,o)),i=n.mustNotMatch.filter(o=>xn(t,o));return{monitored:r.length===0&&i.length===0,missed:r,falseHits:i}}function xp(t,e){return Cp(t,e).monitored}function To(t,e){let n=yr(t);return n.ok?xp(n.pattern,e)?"yes":"no":"invalid-pattern"}function Ul(t){return To(t,"root-usage")}var Co=["no-filter","no-alarm","alarm-never-fires","no-notification"];function xo(t,e){return t.kind==="unknown"?"unknown":e(t.value)?"yes":"no"}function Rr(...t){return t.includes("no")?"no":t.includes("unknown")?"unknown":"yes"}function Rp(t,e){if(t.statistic.kind==="unknown"||t.threshold.kind==="unknown"||t.comparison.kind==="unknown")return"unknown";let n=t.statistic.value,r=t.threshold.value;if(n===null||r===null)return"unknown";let i;if(n==="SampleCount")i=1;else if(n==="Sum"||n==="Maximum"||n==="Minimum"||n==="Average"){let o=typeof e=="number"?e:typeof e=="string"?Number(e):NaN;if(R(e)||Number.isNaN(o))return"unknown";i=o}else return"unknown";switch(t.comparison.value){case"GreaterThanOrEqualToThreshold":return i>=r?"yes":"no";case"GreaterThanThreshold":return i>r?"yes":"no";case"LessThanThreshold":return i<r?"yes":"no";case"LessThanOrEqualToThreshold":return i<=r?"yes":"no";default:return"unknown"}}var Ep=kn(t=>{let e=new Map;for(let n of t)n.topicArn.kind==="known"&&!e.has(n.topicArn.value)&&e.set(n.topicArn.value,n);return e});function Ip(t,e,n){let r=xo(t.actionsEnabled,s=>s===!0);if(t.alarmActions.kind==="unknown")return Rr(r,"unknown");let i="no",o=Ep(e);for(let s of t.alarmActions.value){if(R(s)){i=i==="yes"?"yes":"unknown";continue}if(typeof s!="string")continue;let a=o.get(s),c;n?c=a?xo(a.subscriptions,u=>typeof u=="number"&&u>0):s.startsWith("arn:")&&s.split(":")[2]==="sns"?"unknown":"no":c=a||/^arn:[^:]*:sns:/.test(s)?"yes":"no",c==="yes"?i="yes":c==="unknown"&&i==="no"&&(i="unknown")}return Rr(r,i)}function Kl(t){let e=0,n=!1,r=!1,i=(c,u)=>{e=Math.max(e,c),n||=u,r||=c===Co.length},o=[],s=[];for(let c of t.filters){if(r)break;let u=xo(c.logGroupName,f=>f===t.groupName);if(u==="no")continue;let l=c.pattern.kind==="unknown"?"unknown":t.monitors(c.pattern.value)==="yes"?"yes":"no",d=Rr(u,l);if(d==="no")continue;if(d==="unknown"){i(0,!0);continue}if(o.push(c),c.metrics.kind==="unknown"){i(1,!0);continue}let m=!1;for(let f of c.metrics.value)for(let p of t.alarmsFor(f.name,f.namespace)){let h=p.metricName.kind==="unknown"||R(f.name)?"unknown":p.metricName.value===f.name?"yes":"no",C=p.namespace.kind==="unknown"||R(f.namespace)?"unknown":p.namespace.value===f.namespace?"yes":"no",_=Rr(h,C);if(_==="no")continue;if(_==="unknown"){i(1,!0);continue}m=!0,s.push(p);let y=Rp(p,f.value);if(y!=="yes"){i(2,y==="unknown");continue}let g=Ip(p,t.topics,t.live);if(i(g==="yes"?Co.length:3,g==="unknown"),r)break}m||i(1,!1)}let a=(c,u)=>({verdict:c,gap:u,filters:o,alarms:s});return r?a("yes",null):a(n?"unknown":"no",Co[e])}var ql=new WeakMap;function Hl(t,e,n){let r=t.get(e);r?r.push(n):t.set(e,[n])}function Lp(t){let e=ql.get(t);if(e)return e;e={filtersByGroup:new Map,filtersAnyGroup:[],alarmsByMetric:new Map,alarmsAnyMetric:[]};for(let n of t.metricFilters)n.logGroupName.kind==="known"?Hl(e.filtersByGroup,n.logGroupName.value,n):e.filtersAnyGroup.push(n);for(let n of t.alarms)n.metricName.kind==="known"&&n.namespace.kind==="known"?Hl(e.alarmsByMetric,`${n.metricName.value}\0${n.namespace.value}`,n):e.alarmsAnyMetric.push(n);return ql.set(t,e),e}function Er(t,e,n){let r=e.cloudWatchLogsGroupArn;if(r.kind==="unknown")return{kind:"unknown",at:r};if(!r.value)return{kind:"skip"};if(e.logGroup?.kind==="unknown"&&e.logGroup.reason!=="not-found")return{kind:"unknown",at:e.logGroup};let i=e.logGroup?.kind==="resolved"?e.logGroup.target.name:null,o=i?.kind==="known"?i.value:js(r.value);if(o===null)return{kind:"unknown",at:{kind:"unknown",reason:"unsupported-expression",loc:r.loc}};let s=Lp(t),a=(u,l)=>R(u)||R(l)?t.alarms:[...s.alarmsByMetric.get(`${String(u)}\0${String(l)}`)??[],...s.alarmsAnyMetric],c=Kl({groupName:o,filters:[...s.filtersByGroup.get(o)??[],...s.filtersAnyGroup],alarmsFor:a,topics:t.topics,live:t.account.source==="live",monitors:n});return{kind:"judged",at:r,chain:c}}function Ir(t){let e=new Map;return n=>{let r=e.get(n);return r===void 0&&e.set(n,r=t(n)),r}}var Yl=`# TG010 no-root-usage-alarm
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
`;var Xl={meta:{id:"TG010",...L("TG010"),name:"no-root-usage-alarm",level:"warning",summary:"No alarm notifies anyone of root-user activity",tags:["security","cloudtrail","monitoring"],appliesTo:["cloudformation","terraform","live"],precision:"high",messages:{"no-filter":"Trail {{trail}}: no metric filter on its log group matches a root-user call without also matching IAM users.","no-alarm":"Trail {{trail}}: the root-usage metric filter has no alarm on its metric.","alarm-never-fires":"Trail {{trail}}: the root-usage alarm does not fire on a single root-user call (check its statistic, threshold and comparison).","no-notification":"Trail {{trail}}: the root-usage alarm notifies no one (no enabled SNS action{{live}}).",unknown:"Trail {{trail}}: whether root-user activity raises an alarm cannot be determined."}},doc:Yl,check(t){let e=t.model.account.source==="live",n=Ir(Ul);for(let r of t.model.trails){let i={trail:r.label,live:e?" with a confirmed subscription":""},o=Er(t.model,r,n);if(o.kind==="skip")continue;if(o.kind==="unknown"){t.review(o.at,{messageId:"unknown",data:i,entity:r});continue}let{chain:s}=o;if(s.verdict==="yes")continue;let a=[...s.filters,...s.alarms].map(c=>({at:c,message:`${c.type} ${c.label}`}));s.verdict==="unknown"?t.review({kind:"unknown",reason:"unsupported-expression",loc:o.at.loc},{messageId:"unknown",data:i,entity:r,related:a}):t.report({messageId:s.gap,data:i,at:o.at,entity:r,related:a,key:"root-usage"})}}};var Jl=`# TG011 trail-not-kms-encrypted
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
`;var Ql={meta:{id:"TG011",...L("TG011"),name:"trail-not-kms-encrypted",level:"warning",summary:"Trail logs are not encrypted with a customer-managed KMS key",tags:["security","cloudtrail","encryption"],appliesTo:["cloudformation","terraform","live"],precision:"very-high",messages:{noKey:"Trail {{trail}} names no KMS key: its logs are encrypted only with SSE-S3, so anyone who can read the bucket can read them. Use SSE-KMS with a customer-managed key.",storeNoKey:"Event data store {{store}} names no KMS key: use a customer-managed key to control who can read the events.",unknown:"Trail {{trail}}: its KMS key cannot be determined."}},doc:Jl,check(t){for(let e of t.model.trails){let n=e.kmsKeyId;n.kind==="unknown"?t.review(n,{messageId:"unknown",data:{trail:e.label},entity:e}):(n.value===null||n.value==="")&&t.report({messageId:"noKey",data:{trail:e.label},at:n,entity:e})}for(let e of t.model.eventDataStores){let n=e.kmsKeyId;n.kind==="known"&&(n.value===null||n.value==="")&&t.report({messageId:"storeNoKey",data:{store:e.label},at:n,entity:e})}}};var Zl=`# TG012 insights-disabled
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
`;var ec={meta:{id:"TG012",...L("TG012"),name:"insights-disabled",level:"note",summary:"Trail has no CloudTrail Insights selectors",tags:["security","cloudtrail"],appliesTo:["cloudformation","terraform","live"],precision:"very-high",messages:{none:"Trail {{trail}} has no Insights selectors: unusual API call or error rates go unnoticed.",unknown:"Trail {{trail}}: its Insights selectors cannot be determined."}},doc:Zl,check(t){for(let e of t.model.trails){let n=e.insights;n.kind==="unknown"?t.review(n,{messageId:"unknown",data:{trail:e.label},entity:e}):n.value.length===0&&t.report({messageId:"none",data:{trail:e.label},at:n,entity:e})}}};var tc=`# TG013 management-events-excluded
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
`;var nc={meta:{id:"TG013",...L("TG013"),name:"management-events-excluded",level:"warning",summary:"Trail's selectors exclude management events, or their reads or writes",tags:["security","cloudtrail"],appliesTo:["cloudformation","terraform","live"],precision:"high",messages:{none:"Trail {{trail}} records no management events: its selectors exclude them.",onlyRead:"Trail {{trail}} records only read management events: changes to the account go unrecorded.",onlyWrite:"Trail {{trail}} records only write management events: reads (Describe, Get, List) go unrecorded.",unknown:"Trail {{trail}}: which management events its selectors record cannot be determined."}},doc:tc,check(t){for(let e of t.model.trails){let n={trail:e.label},r=e.selectors;if(r.kind==="unknown"){t.review(r,{messageId:"unknown",data:n,entity:e});continue}let i=ir(r.value);if(i.read==="yes"&&i.write==="yes")continue;if(i.read==="unknown"||i.write==="unknown"){t.review({kind:"unknown",reason:"unsupported-expression",loc:r.loc},{messageId:"unknown",data:n,entity:e});continue}let o=i.read==="no"&&i.write==="no"?"none":i.read==="no"?"onlyWrite":"onlyRead";t.report({messageId:o,data:n,at:r,entity:e})}}};var rc=`# TG014 global-service-events-excluded
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

\`trailguard scan --fix\` turns global service events on where it is written<!-- part: fix-set-true -->

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
`;var ic={meta:{id:"TG014",...L("TG014"),name:"global-service-events-excluded",level:"warning",summary:"Trail excludes global service events (IAM, STS, CloudFront)",tags:["security","cloudtrail"],appliesTo:["cloudformation","terraform","live"],precision:"very-high",messages:{excluded:"Trail {{trail}} excludes global service events: IAM, STS and CloudFront activity is lost.",unknown:"Trail {{trail}}: whether it includes global service events cannot be determined."},fix:"safe"},doc:Z(rc),check(t){for(let e of t.model.trails)Re(t,e.includeGlobalServiceEvents,{off:"excluded",unknown:"unknown",data:{trail:e.label},entity:e})}};var oc=`# TG015 log-bucket-access-logging-disabled
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
`;var sc={meta:{id:"TG015",...L("TG015"),name:"log-bucket-access-logging-disabled",level:"warning",summary:"Log bucket has no server access logging",tags:["security","cloudtrail","s3"],appliesTo:["cloudformation","terraform","live"],precision:"very-high",messages:{off:"Bucket {{bucket}} stores the logs of trail {{trail}} but has no server access logging: reads and deletions of the logs leave no trace.",unknown:"Bucket {{bucket}}: whether server access logging is on cannot be determined."}},doc:oc,check(t){for(let[e,n]of ar(t.model.trails)){let r={bucket:e.label,trail:n.map(s=>s.label).join(", ")},i=n.map(s=>({at:s,message:`trail ${s.label} writes its logs here`})),o=e.accessLogging;o.kind==="unknown"?t.review(o,{messageId:"unknown",data:r,entity:e,related:i}):o.value||t.report({messageId:"off",data:r,at:o,entity:e,related:i})}}};var ac=`# TG016 log-bucket-policy-blocks-delivery
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
`;var lc={meta:{id:"TG016",...L("TG016"),name:"log-bucket-policy-blocks-delivery",level:"error",summary:"Log bucket policy does not let CloudTrail deliver",tags:["security","cloudtrail","s3"],appliesTo:["cloudformation","terraform","live"],precision:"high",messages:{blocked:"The policy of bucket {{bucket}} does not let cloudtrail.amazonaws.com {{need}}: trail {{trail}} cannot deliver its logs.",noPolicy:"Bucket {{bucket}} has no bucket policy: trail {{trail}} cannot deliver its logs.",confusedDeputy:"The policy of bucket {{bucket}} lets cloudtrail.amazonaws.com write without an aws:SourceArn or aws:SourceAccount condition: any account's trail could deliver into it.",unknown:"Bucket {{bucket}}: whether its policy lets trail {{trail}} deliver cannot be determined."}},doc:ac,check(t){for(let e of t.model.trails){let n=St(e);if(!n)continue;let r={bucket:n.label,trail:e.label},i=[{at:e,message:`trail ${e.label}`}],o=n.policy;if(o.kind==="unknown"){t.review(o,{messageId:"unknown",data:r,entity:n,related:i});continue}if(o.value===null){o.origin==="explicit"&&t.report({messageId:"noPolicy",data:r,at:o,entity:n,related:i});continue}if(n.name.kind==="unknown")continue;let s=`arn:aws:s3:::${n.name.value}`,a=Tt(e),c=lr(e),u=[];if(a===null)u.push(new G("unsupported-expression","S3KeyPrefix"));else{u.push(typeof c=="string"?`${s}/${a}${c}/*`:c);let m=e.isOrganizationTrail;if(m.kind!=="known"||m.value){let f=e.organizationId?ct(e.organizationId):new G("unsupported-expression","organization ID");u.push(m.kind==="unknown"?new G(m.reason):typeof f=="string"?`${s}/${a}${f}/*`:f)}}let l=ro(o.value.document,{bucketArn:s,objectArns:u,trailArn:ct(e.trailArn),accountId:c}),d=B(!0,o.value.statementLocs[l.statements[0]??-1]??o.loc);if(l.result==="unknown")t.review({kind:"unknown",reason:"unsupported-expression",loc:o.loc},{messageId:"unknown",data:r,entity:n,related:i});else if(l.result==="blocked"){let m=l.blocked.map(f=>`${f.action} on ${f.resource??"the log prefix"}`).join(" and ")||"write its logs";t.report({messageId:"blocked",data:{...r,need:m},at:B(!0,o.loc),entity:n,related:i,key:"blocked"})}else l.result==="allowed-without-source-condition"&&t.report({messageId:"confusedDeputy",data:r,at:d,entity:n,related:i,key:"confused-deputy",level:"warning"})}}};var cc=`# TG017 no-organization-trail
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
`;var uc={meta:{id:"TG017",...L("TG017"),name:"no-organization-trail",level:"warning",summary:"Organization has no organization trail",tags:["security","cloudtrail","organizations"],appliesTo:["cloudformation","terraform","live"],precision:"high",messages:{missing:"No organization trail is defined, although the configuration says this is an AWS Organizations management account.",missingLive:"Account {{account}} manages an AWS Organization but no organization trail exists: member accounts can stop their own trails."}},doc:cc,check(t){let e=t.model.account;if(!t.model.trails.some(r=>r.isOrganizationTrail.kind==="unknown"||r.isOrganizationTrail.value)){if(e.source==="live"){let r=e.orgRole;r?.kind==="known"&&(r.value==="management"||r.value==="delegated-admin")&&t.report({messageId:"missingLive",data:{account:e.label},at:e});return}t.settings.organization&&e.organizationAt&&t.report({messageId:"missing",at:{kind:"known",value:!0,origin:"explicit",loc:e.organizationAt},entity:e})}}};var dc=`# TG018 trail-delivery-failing
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
`;function fc(t){return t?.kind==="known"&&typeof t.value=="string"&&t.value.trim()!==""}var mc={meta:{id:"TG018",...L("TG018"),name:"trail-delivery-failing",level:"error",summary:"Trail fails to deliver its log or digest files",tags:["security","cloudtrail"],appliesTo:["live"],precision:"very-high",messages:{logs:"Trail {{trail}} fails to deliver its log files to S3: {{error}}.",digests:"Trail {{trail}} fails to deliver its digest files to S3: {{error}}.",unknown:"Trail {{trail}}: whether its deliveries succeed cannot be determined."}},doc:dc,check(t){for(let e of t.model.trails){let n=e.status;if(!n)continue;let r={trail:e.label},i=n.latestDeliveryError,o=n.latestDigestDeliveryError;fc(i)&&t.report({messageId:"logs",data:{...r,error:i.value},at:i,entity:e,key:"logs"}),fc(o)&&t.report({messageId:"digests",data:{...r,error:o.value},at:o,entity:e,key:"digests"}),i.kind==="unknown"&&i.reason==="access-denied"&&t.review(i,{messageId:"unknown",data:r,entity:e})}}};var pc=`# TG019 monitoring-alarm-missing
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
`;var gc={meta:{id:"TG019",...L("TG019"),name:"monitoring-alarm-missing",level:"warning",summary:"A monitored event class has no metric filter, alarm and notification",tags:["security","cloudtrail","monitoring"],appliesTo:["cloudformation","terraform","live"],precision:"high",messages:{"no-filter":"Trail {{trail}}: no metric filter on its log group monitors {{title}} ({{class}}).","no-alarm":"Trail {{trail}}: the metric filter for {{title}} ({{class}}) has no alarm on its metric.","alarm-never-fires":"Trail {{trail}}: the alarm for {{title}} ({{class}}) does not fire on a single event.","no-notification":"Trail {{trail}}: the alarm for {{title}} ({{class}}) notifies no one.",unknown:"Trail {{trail}}: whether {{title}} ({{class}}) raises an alarm cannot be determined."}},doc:pc,check(t){for(let e of t.settings.monitoring){if(!So(e))continue;let n=In(e),r=Ir(i=>To(i,e));for(let i of t.model.trails){let o={trail:i.label,class:e,title:n.title},s=Er(t.model,i,r);if(s.kind==="skip")continue;if(s.kind==="unknown"){t.review(s.at,{messageId:"unknown",data:o,entity:i,key:e});continue}let{chain:a}=s;if(a.verdict==="yes")continue;let c=[...a.filters,...a.alarms].map(u=>({at:u,message:`${u.type} ${u.label}`}));a.verdict==="unknown"?t.review({kind:"unknown",reason:"unsupported-expression",loc:s.at.loc},{messageId:"unknown",data:o,entity:i,related:c,key:e}):t.report({messageId:a.gap,data:o,at:s.at,entity:i,related:c,key:e})}}}};var hc=`# TG020 trail-kms-key-policy-blocks-cloudtrail
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
`;var yc={meta:{id:"TG020",...L("TG020"),name:"trail-kms-key-policy-blocks-cloudtrail",level:"error",summary:"The trail's KMS key policy does not let CloudTrail encrypt",tags:["security","cloudtrail","kms"],appliesTo:["cloudformation","terraform","live"],precision:"high",messages:{blocked:"The policy of KMS key {{key}} does not let cloudtrail.amazonaws.com run kms:GenerateDataKey* for trail {{trail}}: log delivery fails.",unknown:"KMS key {{key}}: whether its policy lets trail {{trail}} encrypt cannot be determined."}},doc:hc,check(t){for(let e of t.model.trails){let n=za(e);if(!n)continue;let r={key:n.label,trail:e.label},i=[{at:e,message:`trail ${e.label}`}],o=n.policy;if(o.kind==="unknown"){t.review(o,{messageId:"unknown",data:r,entity:n,related:i});continue}if(o.value===null)continue;let s=io(o.value.document,{trailArn:ct(e.trailArn),accountId:lr(e)});s.result==="blocked"?t.report({messageId:"blocked",data:r,at:B(!0,o.loc),entity:n,related:i}):s.result==="unknown"&&t.review({kind:"unknown",reason:"unsupported-expression",loc:o.loc},{messageId:"unknown",data:r,entity:n,related:i})}}};var bc=`# TG021 trail-kms-key-rotation-disabled
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

\`trailguard scan --fix\` turns rotation on where it is written<!-- part: fix-set-true -->

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
`;var kc={meta:{id:"TG021",...L("TG021"),name:"trail-kms-key-rotation-disabled",level:"warning",summary:"The trail's KMS key does not rotate automatically",tags:["security","cloudtrail","kms"],appliesTo:["cloudformation","terraform","live"],precision:"very-high",messages:{off:"KMS key {{key}} encrypts the logs of {{trail}} but has automatic rotation off.",unknown:"KMS key {{key}}: whether automatic rotation is on cannot be determined."},fix:"safe"},doc:Z(bc),check(t){let e=new Map;for(let n of[...t.model.trails,...t.model.eventDataStores]){let r=sr(n.kmsKey);r&&e.set(r,[...e.get(r)??[],n.label])}for(let[n,r]of e){if(n.customerManaged.kind!=="known"||!n.customerManaged.value||n.keySpec.kind!=="known"||n.keySpec.value!=="SYMMETRIC_DEFAULT")continue;let i={key:n.label,trail:r.join(", ")};Re(t,n.rotationEnabled,{off:"off",unknown:"unknown",data:i,entity:n})}}};function zp(t,e,n){for(let r of t.model.logObjects??[]){if(r.problem!==e)continue;let i={object:r.key.endsWith("/")?`s3://${r.bucket}/${r.key}`:r.key.slice(r.key.lastIndexOf("/")+1),trail:r.trailArn.slice(r.trailArn.indexOf(":trail/")+7),detail:r.detail,from:r.from??"",to:r.to??""},o=r.listedBy?[{at:{arn:r.listedBy,address:r.listedBy,path:[]},message:"the digest file that lists it"}]:[];t.report({messageId:n,data:i,at:r,entity:r,related:o})}}function Le(t){return{meta:{...t.meta,tags:["security","cloudtrail","log-integrity"],appliesTo:["live"],precision:"very-high",verify:!0,messages:{[t.messageId]:t.message}},doc:t.doc,check(e){zp(e,t.problem,t.messageId)}}}var wc='# TG022 log-digest-missing\nThis rule is reported only by `trailguard verify`, which reads the files a trail has delivered instead of its settings. It points at a digest file that CloudTrail did deliver and that is no longer in the bucket: the digest written an hour later names it as its predecessor, so it existed, and someone or something has removed it since.\n\n## Why it matters\nWith log file validation on (TG003), CloudTrail writes one digest file an hour for each account and Region into `AWSLogs/ACCOUNT/CloudTrail-Digest/REGION/`. A digest lists the log files delivered in its hour with the SHA-256 of each, carries a signature that only CloudTrail can produce, and records the key and the signature of the digest before it, so the digests form one chain back to the hour validation was switched on. A link that is gone is the visible trace of tampering: removing a digest is what someone does after changing or deleting the log files of that hour, so that the list of hashes that would give them away disappears too. Without it, nothing proves any more that the log files of that hour are the ones CloudTrail wrote, and files added to that hour are not noticed either (TG026 only looks at hours a digest covers). Treat the hour as untrusted until the digest is back or its events have been rebuilt from another source.\n\n## What fails\n- A digest names its predecessor in `previousDigestS3Bucket` and `previousDigestS3Object`, the predecessor belongs in the same bucket and digest folder and ends within the period verified, and the bucket has no such object (a delete marker hiding it counts as missing). The result uses the ARN of the missing object, `arn:aws:s3:::BUCKET/KEY`, with the digest that names it as a related location.\n- A digest that was in the bucket listing and was gone when `verify` came to read it a moment later (deleted while it ran). This result has no related location.\n- When several digests in a row are missing, this rule reports only the newest of them, the one its successor names; TG027 reports the period the others covered.\n- Not findings, but notifications: a digest past the bucket\'s lifecycle expiration (learned from the `x-amz-expiration` header S3 returns with the objects it serves), which the lifecycle rule removed, not a person; a bucket or object the caller may not read (AccessDenied); a chain that continues in another bucket or prefix because the trail\'s destination was changed (not followed). A chain that starts again is no finding at all: the first digest after logging or validation was switched back on has no predecessor (`previousDigestS3Object` is null), so the hours when the trail was stopped are never reported.\n- `trailguard verify` checks the last 24 hours unless `--start-time` and `--end-time` say otherwise, for every trail the accounts own, every account (for an organization trail, every member account under `AWSLogs/ORG_ID/`) and every Region. `trailguard scan` never reports this rule, and a trail with log file validation off (TG003) has no digests to check.\n\n## How to fix\nFind out what happened before repairing anything: a removed digest usually means that the log files of its hour were touched as well.\n1. Look at the key\'s versions: `aws s3api list-object-versions --bucket BUCKET --prefix KEY`. A delete marker on top of an older version means the file was only hidden by a `DeleteObject` without a version ID, and the digest is still there; no version at all means it was deleted for good (or versioning was off).\n2. Find out who did it: the bucket\'s S3 server access logs (TG015) record each DELETE request with the requester and the source address, and CloudTrail data events on the log bucket (`DeleteObject`, `DeleteObjects`), recorded by another trail or an event data store that writes elsewhere, name the IAM identity. Then check the log files the digest listed once it is back (TG024, TG025).\n3. Restore it: remove the delete marker (`aws s3api delete-object --bucket BUCKET --key KEY --version-id MARKER_VERSION_ID`), or copy the original version back over the key (`aws s3api copy-object --bucket BUCKET --key KEY --copy-source "BUCKET/KEY?versionId=VERSION_ID"`). A copy keeps the object\'s user metadata, and with it the signature in `x-amz-meta-signature`. Run `trailguard verify` for the period again. If no version is left, the hour can no longer be proved: rebuild its management events from CloudTrail Event history (the last 90 days) or from a copy in CloudWatch Logs (TG005) or an event data store, and record the gap.\n4. Make it impossible next time. Object Lock in compliance mode with a default retention (TG007) keeps every version of every log and digest file until the retention ends, whoever asks; a plain `DeleteObject` can still add a delete marker, but the file stays and can be brought back. MFA Delete makes removing a version, or suspending versioning, require the root user\'s MFA device. A bucket policy that denies `s3:DeleteObject`, `s3:DeleteObjectVersion` and `s3:PutObject` on the log keys to every principal but CloudTrail stops even delete markers and overwrites (keep a break-glass exception for restores, since copying a version back is a `PutObject`). Keep log file validation on (TG003), and keep the bucket in a separate log-archive account that the administrators of the logged accounts cannot reach.\n\n<!-- part: log-archive-snippets -->\n\n## Equivalent checks\n- Checkov, Trivy and Prowler: none. They check that log file validation is on (TG003), not the digest files.\n- AWS CLI: `aws cloudtrail validate-logs` also reports a digest that its successor names and that is not in the bucket. It verifies one trail per run, in one Region (the one the CLI uses) and, for an organization trail, one member account (`--account-id`), and prints text. `trailguard verify` covers every trail, Region and account in scope in parallel, reports catalog results in SARIF or any other format (with levels, suppressions and baselines), and also finds log files that no digest lists (TG026) and digests missing for a whole period, including the newest ones that `GetTrailStatus` says were delivered (TG027).\n\n## References\n- AWS CloudTrail User Guide: "Validating CloudTrail log file integrity", "CloudTrail digest file structure", "Custom implementations of CloudTrail log file integrity validation".\n- AWS CloudTrail API Reference: `ListPublicKeys`, `GetTrailStatus`.\n- Amazon S3 User Guide: "Locking objects with Object Lock", "Working with delete markers", "Logging requests with server access logging".\n- AWS CLI: `aws cloudtrail validate-logs`, `aws s3api list-object-versions`.\n';var vc=Le({meta:{id:"TG022",...L("TG022"),name:"log-digest-missing",level:"error",summary:"A digest file of the trail's chain is missing"},problem:"digest-missing",messageId:"missing",message:"Digest file {{object}} of trail {{trail}} is missing: {{detail}}.",doc:Z(wc)});var _c='# TG023 log-digest-signature-invalid\nThis rule is reported only by `trailguard verify`, which reads the files a trail has delivered instead of its settings. It points at a digest file that is where CloudTrail put it but cannot be shown to be what CloudTrail wrote: its signature does not verify, cannot be checked against any key CloudTrail publishes, is absent, or is not the one that the next digest vouches for.\n\n## Why it matters\nThe signature is what turns a digest into evidence. CloudTrail signs each digest (SHA256withRSA) with a private key that it keeps for each Region and never hands out, stores the signature in hex in the object\'s user metadata (`x-amz-meta-signature`), and publishes the matching public keys through the `ListPublicKeys` API, each with a fingerprint that the digest names. The signed text ties together the digest\'s end time, its own bucket and key, the SHA-256 of its uncompressed content, and the signature of the digest before it. So whoever edits a digest (to put in the hash of a log file they have altered, or to drop a file from the list), moves it, or splices it into another chain breaks the signature, and nobody outside AWS can make a new one. A digest that fails is damaged or forged, and either way its list of log files and hashes proves nothing: `verify` does not use it to check the log files of its hour (TG024, TG025), which remain unverified until it is restored.\n\n## What fails\n- The signature in `x-amz-meta-signature` does not verify with RSA (PKCS #1 v1.5, SHA-256) over the four lines CloudTrail signs: the digest\'s `digestEndTime`; `BUCKET/KEY` from its `digestS3Bucket` and `digestS3Object`; the hex SHA-256 of the uncompressed digest; and its `previousDigestSignature` (the word `null` for the first digest of a chain). The public key is the one whose fingerprint the digest gives in `digestPublicKeyFingerprint`, listed by `ListPublicKeys` for the period in the digest\'s Region (or else in the trail\'s home Region).\n- The digest names a key fingerprint that CloudTrail does not list for the period.\n- The object has no signature metadata, or names a signature algorithm other than SHA256withRSA in `x-amz-meta-signature-algorithm`.\n- The object is not gzip, does not hold a JSON object, or lacks a field every digest has (`digestStartTime`, `digestEndTime`, `digestS3Bucket`, `digestS3Object`, `digestPublicKeyFingerprint`, and a bucket, key and hash for each entry of `logFiles`).\n- The digest says it was delivered somewhere else: its `digestS3Bucket` and `digestS3Object` are not the bucket and key it was read from, so it is a copy or was moved.\n- Its signature is not the one the next digest records for its predecessor in `previousDigestSignature`: the file was replaced after its successor was written. The successor is then given as a related location.\n- Results use the ARN of the digest, `arn:aws:s3:::BUCKET/KEY`. `trailguard verify` checks the last 24 hours unless `--start-time` and `--end-time` say otherwise, for every trail the accounts own, every account (for an organization trail, every member account under `AWSLogs/ORG_ID/`) and every Region; `trailguard scan` never reports this rule.\n- Not findings, but notifications: `ListPublicKeys` cannot be called (for example AccessDenied), so signatures are unknown rather than bad, and the log files of those digests are not checked; a digest the caller may not read. A trail with log file validation off (TG003) has no digests to check.\n\n## How to fix\nFind out what happened before repairing anything: a digest that was tampered with usually goes with log files that were.\n1. Look at the key\'s versions: `aws s3api list-object-versions --bucket BUCKET --prefix KEY`. The oldest version, written a few minutes after the hour the digest covers, is normally the one CloudTrail delivered; a newer one was written by someone else. Download both (`aws s3api get-object ... --version-id VERSION_ID`) and compare their content and metadata.\n2. A digest without signature metadata often comes from a copy or upload that dropped the user metadata (a sync from another bucket, a `copy-object` with `--metadata-directive REPLACE`, a restore by a backup tool): the content may be intact, but it can no longer be proved. A digest that names an unknown key can be checked by hand with `aws cloudtrail list-public-keys --start-time ... --end-time ...` in the digest\'s Region.\n3. Find out who wrote it: the bucket\'s S3 server access logs (TG015) record each PUT and COPY request with the requester and the source address, and CloudTrail data events on the log bucket (`PutObject`, `CopyObject`), recorded by another trail or an event data store that writes elsewhere, name the IAM identity.\n4. Restore the version CloudTrail wrote by copying it back over the key (`aws s3api copy-object --bucket BUCKET --key KEY --copy-source "BUCKET/KEY?versionId=VERSION_ID"`; a copy keeps the user metadata, and so the signature) and run `trailguard verify` for the period again, which then checks the log files the digest lists. If no original version is left, the hour can no longer be proved: rebuild its management events from CloudTrail Event history (the last 90 days) or from a copy in CloudWatch Logs (TG005) or an event data store.\n5. Make it impossible next time. Object Lock in compliance mode with a default retention (TG007) keeps every version CloudTrail writes until the retention ends, whoever asks, so the original can always be recovered. MFA Delete makes removing a version, or suspending versioning, require the root user\'s MFA device. A bucket policy that denies `s3:PutObject`, `s3:DeleteObject` and `s3:DeleteObjectVersion` on the log keys to every principal but CloudTrail stops overwrites in the first place (keep a break-glass exception for restores, since copying a version back is a `PutObject`). Keep log file validation on (TG003), and keep the bucket in a separate log-archive account that the administrators of the logged accounts cannot reach.\n\n<!-- part: log-archive-snippets -->\n\n## Equivalent checks\n- Checkov, Trivy and Prowler: none. They check that log file validation is on (TG003), not the digest files.\n- AWS CLI: `aws cloudtrail validate-logs` also rejects a digest whose signature fails, whose key it cannot find, that is not a readable digest, or that was moved; it does not compare a digest\'s signature with the one its successor records. It verifies one trail per run, in one Region (the one the CLI uses) and, for an organization trail, one member account (`--account-id`), and prints text. `trailguard verify` covers every trail, Region and account in scope in parallel, reports catalog results in SARIF or any other format (with levels, suppressions and baselines), and also finds log files that no digest lists (TG026) and digests missing for a whole period, including the newest ones that `GetTrailStatus` says were delivered (TG027).\n\n## References\n- AWS CloudTrail User Guide: "Validating CloudTrail log file integrity", "CloudTrail digest file structure", "Custom implementations of CloudTrail log file integrity validation".\n- AWS CloudTrail API Reference: `ListPublicKeys`, `GetTrailStatus`.\n- Amazon S3 User Guide: "Locking objects with Object Lock", "Logging requests with server access logging".\n- AWS CLI: `aws cloudtrail validate-logs`, `aws cloudtrail list-public-keys`.\n';var Ac=Le({meta:{id:"TG023",...L("TG023"),name:"log-digest-signature-invalid",level:"error",summary:"A digest file's signature does not verify"},problem:"digest-signature-invalid",messageId:"invalid",message:"Digest file {{object}} of trail {{trail}} fails verification: {{detail}}.",doc:Z(_c)});var Sc='# TG024 log-file-missing\nThis rule is reported only by `trailguard verify`, which reads the files a trail has delivered instead of its settings. It points at a log file that CloudTrail delivered and listed, with its hash, in a signed digest file, and that is no longer in the bucket.\n\n## Why it matters\nDeleting a log file is the cheapest way to make an action disappear: whatever the file held (a `StopLogging`, a policy change, the calls of a stolen key) is gone for every tool that reads the bucket, the SIEM, Athena queries and the investigators alike. The file leaves no trace of its own, but the digest of its hour still names it, and the digest is signed by CloudTrail, so its absence is proof that it was removed after delivery rather than never written. With versioning or Object Lock the data is often still there behind a delete marker; without them the events are lost unless another copy exists.\n\n## What fails\n- A log file listed in the `logFiles` of a digest whose signature verifies, for which S3 answers that the key does not exist (`NoSuchKey`; a delete marker hiding it counts). The result uses the ARN of the log file, `arn:aws:s3:::BUCKET/KEY`, with the digest that lists it as a related location.\n- Only digests that verify are trusted: the log files of a digest that fails TG023, or whose signature could not be checked, are not looked at.\n- `trailguard verify` checks the last 24 hours unless `--start-time` and `--end-time` say otherwise, for every trail the accounts own, every account (for an organization trail, every member account under `AWSLogs/ORG_ID/`) and every Region; `trailguard scan` never reports this rule, and a trail with log file validation off (TG003) has no digests to check.\n- Not findings, but notifications: a log file older than the bucket\'s lifecycle expiration (learned from the `x-amz-expiration` header S3 returns with the objects it serves), which the lifecycle rule removed, not a person; an object the caller may not read (AccessDenied). Without `s3:ListBucket` on the bucket, S3 answers AccessDenied instead of `NoSuchKey` for a key that does not exist, so grant it (as `docs/iam-policy.json` does) or missing files show up only as notifications. For a log file encrypted with SSE-KMS, reading it also takes `kms:Decrypt` on the trail\'s key.\n\n## How to fix\nFind out what happened before repairing anything.\n1. Look at the key\'s versions: `aws s3api list-object-versions --bucket BUCKET --prefix KEY`. A delete marker on top of an older version means the file was only hidden by a `DeleteObject` without a version ID; no version at all means it was deleted for good (or versioning was off).\n2. Find out who did it: the bucket\'s S3 server access logs (TG015) record each DELETE request with the requester and the source address, and CloudTrail data events on the log bucket (`DeleteObject`, `DeleteObjects`), recorded by another trail or an event data store that writes elsewhere, name the IAM identity. Several files gone at once, or gone together with their digest (TG022, TG027), point to a deliberate clean-up.\n3. Restore it: remove the delete marker (`aws s3api delete-object --bucket BUCKET --key KEY --version-id MARKER_VERSION_ID`), or copy the original version back over the key (`aws s3api copy-object --bucket BUCKET --key KEY --copy-source "BUCKET/KEY?versionId=VERSION_ID"`). Read what it holds: those events are what someone wanted hidden. Run `trailguard verify` for the period again. If no version is left, rebuild what you can from CloudTrail Event history (management events of the last 90 days), a copy in CloudWatch Logs (TG005) or an event data store, and record the loss.\n4. Make it impossible next time. Object Lock in compliance mode with a default retention (TG007) keeps every version of every log and digest file until the retention ends, whoever asks; a plain `DeleteObject` can still add a delete marker, but the file stays and can be brought back. MFA Delete makes removing a version, or suspending versioning, require the root user\'s MFA device. A bucket policy that denies `s3:DeleteObject`, `s3:DeleteObjectVersion` and `s3:PutObject` on the log keys to every principal but CloudTrail stops even delete markers (keep a break-glass exception for restores, since copying a version back is a `PutObject`). Keep log file validation on (TG003), keep a lifecycle expiration no shorter than the retention you need (TG009), and keep the bucket in a separate log-archive account that the administrators of the logged accounts cannot reach.\n\n<!-- part: log-archive-snippets -->\n\n## Equivalent checks\n- Checkov, Trivy and Prowler: none. They check that log file validation is on (TG003), not the files it protects.\n- AWS CLI: `aws cloudtrail validate-logs` also reports a listed log file that is not found. It verifies one trail per run, in one Region (the one the CLI uses) and, for an organization trail, one member account (`--account-id`), and prints text. `trailguard verify` covers every trail, Region and account in scope in parallel, reports catalog results in SARIF or any other format (with levels, suppressions and baselines), tells files removed by a lifecycle rule from files removed by someone, and also finds log files that no digest lists (TG026) and digests missing for a whole period (TG027).\n\n## References\n- AWS CloudTrail User Guide: "Validating CloudTrail log file integrity", "CloudTrail digest file structure", "Custom implementations of CloudTrail log file integrity validation".\n- AWS CloudTrail API Reference: `ListPublicKeys`, `GetTrailStatus`.\n- Amazon S3 User Guide: "Locking objects with Object Lock", "Working with delete markers", "Logging requests with server access logging".\n- AWS CLI: `aws cloudtrail validate-logs`, `aws s3api list-object-versions`.\n';var Tc=Le({meta:{id:"TG024",...L("TG024"),name:"log-file-missing",level:"error",summary:"A log file listed by a digest is missing"},problem:"log-missing",messageId:"missing",message:"Log file {{object}} of trail {{trail}} is missing: {{detail}}.",doc:Z(Sc)});var Cc='# TG025 log-file-modified\nThis rule is reported only by `trailguard verify`, which reads the files a trail has delivered instead of its settings. It points at a log file whose content is no longer what CloudTrail delivered: its SHA-256 differs from the hash that a signed digest file recorded for it at delivery.\n\n## Why it matters\nAn edited log file is worse than a missing one, because nothing about it looks wrong. Every tool that reads the bucket trusts what it finds: an event removed from the middle of a file (a `StopLogging`, a `PutBucketPolicy`), a source address or user name changed, or a call attributed to somebody else. The digest of the file\'s hour holds the SHA-256 that CloudTrail computed when it delivered the file, and the digest is signed, so a file that no longer matches has been rewritten after delivery, by someone who could write to the log bucket. Until it is restored, treat every event in it, and every conclusion drawn from it, as untrusted.\n\n## What fails\n- A log file listed in the `logFiles` of a digest whose signature verifies, whose content, once decompressed, has a SHA-256 other than the `hashValue` in the digest. The hash covers the JSON inside the gzip, so compressing the same content again does not count as a change, while any changed byte of the JSON, reformatting included, does. The file is hashed as it streams in, never held whole in memory.\n- A listed log file that is no longer gzip, or whose gzip data is broken or cut short.\n- The result uses the ARN of the log file, `arn:aws:s3:::BUCKET/KEY`, with the digest that lists it as a related location.\n- Only digests that verify are trusted: the log files of a digest that fails TG023, or whose signature could not be checked, are not looked at. A log file listed with a hash algorithm other than SHA-256 is not checked (a notification says so).\n- `trailguard verify` checks the last 24 hours unless `--start-time` and `--end-time` say otherwise, for every trail the accounts own, every account (for an organization trail, every member account under `AWSLogs/ORG_ID/`) and every Region; `trailguard scan` never reports this rule, and a trail with log file validation off (TG003) has no digests to check.\n- Not findings, but notifications: a log file the caller may not read (AccessDenied). For a trail that encrypts its logs with SSE-KMS (TG011), reading a log file also takes `kms:Decrypt` on the trail\'s key.\n\n## How to fix\nKeep the changed file as evidence and find out what happened before repairing anything.\n1. Look at the key\'s versions: `aws s3api list-object-versions --bucket BUCKET --prefix KEY`. The oldest version, written when CloudTrail delivered the file, is normally the original; a newer one was written by someone else. Download both (`aws s3api get-object ... --version-id VERSION_ID`), decompress them and compare: whatever was removed or changed is what someone wanted hidden.\n2. Find out who wrote it: the bucket\'s S3 server access logs (TG015) record each PUT and COPY request with the requester and the source address, and CloudTrail data events on the log bucket (`PutObject`, `CopyObject`), recorded by another trail or an event data store that writes elsewhere, name the IAM identity.\n3. Restore the original by copying it back over the key (`aws s3api copy-object --bucket BUCKET --key KEY --copy-source "BUCKET/KEY?versionId=VERSION_ID"`); the changed version stays behind as a noncurrent version. Run `trailguard verify` for the period again. If no original version is left (versioning was off), the file can no longer be trusted: rebuild its events from CloudTrail Event history (management events of the last 90 days), a copy in CloudWatch Logs (TG005) or an event data store, and make sure downstream copies (SIEM, data lake) did not ingest the edited version as the truth.\n4. Make it impossible next time. Object Lock in compliance mode with a default retention (TG007) keeps every version CloudTrail writes until the retention ends, whoever asks, so an overwrite can never destroy the original. MFA Delete makes removing a version, or suspending versioning, require the root user\'s MFA device. A bucket policy that denies `s3:PutObject`, `s3:DeleteObject` and `s3:DeleteObjectVersion` on the log keys to every principal but CloudTrail stops overwrites in the first place (keep a break-glass exception for restores, since copying a version back is a `PutObject`). Keep log file validation on (TG003), and keep the bucket in a separate log-archive account that the administrators of the logged accounts cannot reach.\n\n<!-- part: log-archive-snippets -->\n\n## Equivalent checks\n- Checkov, Trivy and Prowler: none. They check that log file validation is on (TG003), not the files it protects.\n- AWS CLI: `aws cloudtrail validate-logs` also reports a listed log file whose hash does not match or that cannot be decompressed. It verifies one trail per run, in one Region (the one the CLI uses) and, for an organization trail, one member account (`--account-id`), and prints text. `trailguard verify` covers every trail, Region and account in scope in parallel, reports catalog results in SARIF or any other format (with levels, suppressions and baselines), and also finds log files that no digest lists (TG026) and digests missing for a whole period (TG027).\n\n## References\n- AWS CloudTrail User Guide: "Validating CloudTrail log file integrity", "CloudTrail digest file structure", "Custom implementations of CloudTrail log file integrity validation".\n- AWS CloudTrail API Reference: `ListPublicKeys`, `GetTrailStatus`.\n- Amazon S3 User Guide: "Locking objects with Object Lock", "Logging requests with server access logging".\n- AWS CLI: `aws cloudtrail validate-logs`, `aws s3api list-object-versions`.\n';var xc=Le({meta:{id:"TG025",...L("TG025"),name:"log-file-modified",level:"error",summary:"A log file differs from the hash its digest lists"},problem:"log-modified",messageId:"modified",message:"Log file {{object}} of trail {{trail}} was changed after delivery: {{detail}}.",doc:Z(Cc)});var Rc='# TG026 log-file-unlisted\nThis rule is reported only by `trailguard verify`, which reads the files a trail has delivered instead of its settings. It points at a file in the trail\'s log folder that is named like a CloudTrail log file and dated in an hour a digest file covers, yet is listed by no digest. While validation is on, CloudTrail lists every log file it delivers, so this one was put there by someone else.\n\n## Why it matters\nA planted log file feeds invented events to everything that reads the bucket: the SIEM, Athena queries, the people investigating an incident. It can pin an action on the wrong identity, hand an alibi to the real one, or bury the calls that matter under noise, and nothing inside the file gives it away: it is just JSON in the right folder under a plausible name. It also shows that someone other than CloudTrail can write to the log bucket, which is a finding in itself. The digests are what tell it apart: CloudTrail adds each log file it delivers to the digest of the hour it was delivered in, or, when processing was delayed, to a backfill digest (its name ends in `_backfill.json.gz`), so a file that none of them lists was not written by CloudTrail. This is a warning rather than an error because an added file takes nothing away from the record the digests vouch for, and because the check relies on file names and delivery hours rather than on a signature.\n\n## What fails\n- An object in the trail\'s log folder for the account and Region (`AWSLogs/ACCOUNT/CloudTrail/REGION/YYYY/MM/DD/`, or `AWSLogs/ORG_ID/ACCOUNT/...` for an organization trail), named like a CloudTrail log file (`ACCOUNT_CloudTrail_REGION_YYYYMMDDTHHmmZ_ID.json.gz`), whose name time falls within the hour of a digest read in this run, and that no digest read in this run lists, backfill digests included. The result uses the ARN of the file, `arn:aws:s3:::BUCKET/KEY`; there is no related location, since no digest names it.\n- Not looked for: files from the last two hours (a backfill digest may still list them); hours that no digest here covers (a missing digest, TG022 and TG027, or a time when validation or logging was off); objects whose names do not look like CloudTrail log files; and folders that other trails deliver to as well (seen from their digest files next to this trail\'s), since their log files cannot be told apart from this trail\'s (a notification says so).\n- Another trail that writes to the same bucket and prefix with log file validation off delivers log files that no digest lists, and they are reported here: give every trail its own bucket or prefix.\n- `trailguard verify` checks the last 24 hours unless `--start-time` and `--end-time` say otherwise, for every trail the accounts own, every account (for an organization trail, every member account under `AWSLogs/ORG_ID/`) and every Region; `trailguard scan` never reports this rule, and a trail with log file validation off (TG003) has no digests to check.\n\n## How to fix\nKeep the file as evidence and find out where it came from.\n1. Find out who wrote it: the bucket\'s S3 server access logs (TG015) record each PUT and COPY request with the requester and the source address, and CloudTrail data events on the log bucket (`PutObject`, `CopyObject`), recorded by another trail or an event data store that writes elsewhere, name the IAM identity. CloudTrail delivers as the service principal `cloudtrail.amazonaws.com`; a write by any other identity is foreign. `aws s3api list-object-versions --bucket BUCKET --prefix KEY` shows when the object was written.\n2. Read it: compare its events with CloudTrail Event history (management events of the last 90 days), a copy in CloudWatch Logs (TG005) or an event data store. Management events that appear in this file and not in Event history were not recorded by CloudTrail.\n3. Keep it out of analysis: remove it from the SIEM or data lake it was loaded into and exclude its key from queries. With Object Lock it cannot be deleted before its retention ends anyway, which keeps it available as evidence.\n4. Close the way in. A bucket policy that denies `s3:PutObject` on the log keys to every principal but CloudTrail (with a break-glass exception for restores) stops planted files; Object Lock in compliance mode with a default retention (TG007) and MFA Delete keep what CloudTrail wrote from being replaced or removed. Keep log file validation on (TG003), and keep the bucket in a separate log-archive account that the administrators of the logged accounts cannot reach.\n\nIf a folder is shared on purpose and the file is known to be harmless, suppress the result, or turn the rule off with `--rule TG026=off`.\n\n<!-- part: log-archive-snippets -->\n\n## Equivalent checks\n- Checkov, Trivy and Prowler: none. They check that log file validation is on (TG003), not the files in the bucket.\n- AWS CLI: `aws cloudtrail validate-logs` does not look for log files that no digest lists; it only checks the files the digests name. It verifies one trail per run, in one Region (the one the CLI uses) and, for an organization trail, one member account (`--account-id`), and prints text. `trailguard verify` covers every trail, Region and account in scope in parallel, reports catalog results in SARIF or any other format (with levels, suppressions and baselines), and also finds digests missing for a whole period (TG027).\n\n## References\n- AWS CloudTrail User Guide: "Validating CloudTrail log file integrity", "CloudTrail digest file structure", "Custom implementations of CloudTrail log file integrity validation".\n- AWS CloudTrail API Reference: `ListPublicKeys`, `GetTrailStatus`.\n- Amazon S3 User Guide: "Locking objects with Object Lock", "Logging requests with server access logging".\n- AWS CLI: `aws cloudtrail validate-logs`.\n';var Ec=Le({meta:{id:"TG026",...L("TG026"),name:"log-file-unlisted",level:"warning",summary:"A log file in the bucket is listed by no digest"},problem:"log-unlisted",messageId:"unlisted",message:"Log file {{object}} is in trail {{trail}}'s folder but no digest file lists it: {{detail}}.",doc:Z(Rc)});var Ic='# TG027 log-digest-gap\nThis rule is reported only by `trailguard verify`, which reads the files a trail has delivered instead of its settings. It reports a period, rather than a single file, for which the trail\'s digest files are gone although the trail was logging: a run of links missing from the middle of the chain, or the newest digests missing from its end.\n\n## Why it matters\nEvery hour without its digest is an hour whose log files can no longer be checked: not for changes (TG025), not for deletions (TG024), not for files added (TG026). Removing the digests of a whole period is what someone does after rewriting or deleting the logs of that period, and removing the newest ones is the quietest way to do it, because no later digest names them and the chain that is left looks complete. CloudTrail keeps its own record of its latest digest delivery in the trail\'s status, outside the bucket, and that is what gives the missing end away. A period with no digests at all has to be treated as unverified, and the events in it as untrusted, until the digests are restored.\n\n## What fails\n- In the middle of a chain: a digest names a predecessor that is missing (reported by TG022), and the next older digest still present ends more than an hour (plus ten minutes for delivery) before that predecessor does, so the digests in between are missing too. The period runs from the end of the older digest present to the start of the hour the missing predecessor covers.\n- At the end of a chain: `GetTrailStatus` gives a `LatestDigestDeliveryTime` more than an hour (plus ten minutes) later than the end of the newest digest in the account and Region\'s folder or, when there is none in the period, later than the start of the period (or the time the trail last started logging, if that is later). The period runs from there to the latest delivery, capped at the end of the period verified.\n- The result uses the ARN of the digest folder of the day the gap starts, `arn:aws:s3:::BUCKET/.../CloudTrail-Digest/REGION/YYYY/MM/DD/`, and its message gives the start and end of the period. There is no related location; in the middle of a chain, the TG022 result for the newest missing digest points at the digest that names it.\n- Not findings, but notifications: a pause in the chain while logging or log file validation was off (CloudTrail starts a new chain afterwards, whose first digest has no predecessor, so a stopped day is no finding); digests past the bucket\'s lifecycle expiration (learned from the `x-amz-expiration` header S3 returns with the objects it serves), which the lifecycle rule removed; a bucket the caller may not list. When the trail\'s status cannot be read, the end of the chain is not checked.\n- `LatestDigestDeliveryTime` is one time for the whole trail, so an account or Region whose digests stopped while the trail went on (a member account that left the organization, a Region that was disabled) also shows a gap at its end. And if the first digest after a pause was itself deleted, the pause cannot be told from a gap: look for `StopLogging` and `UpdateTrail` calls in that period before concluding.\n- `trailguard verify` checks the last 24 hours unless `--start-time` and `--end-time` say otherwise, for every trail the accounts own, every account (for an organization trail, every member account under `AWSLogs/ORG_ID/`) and every Region; `trailguard scan` never reports this rule, and a trail with log file validation off (TG003) has no digests to check.\n\n## How to fix\nFind out what happened before repairing anything.\n1. Look at the versions in the digest folder of each day of the period: `aws s3api list-object-versions --bucket BUCKET --prefix .../CloudTrail-Digest/REGION/YYYY/MM/DD/`. Delete markers on top of older versions mean the digests were only hidden; no versions at all mean they were deleted for good (or versioning was off).\n2. Find out who did it: the bucket\'s S3 server access logs (TG015) record each DELETE request with the requester and the source address, and CloudTrail data events on the log bucket (`DeleteObject`, `DeleteObjects`, which deletes up to a thousand keys in one call), recorded by another trail or an event data store that writes elsewhere, name the IAM identity. Check CloudTrail Event history for `StopLogging`, `StartLogging` and `UpdateTrail` in the period, to rule out a pause.\n3. Restore the digests: remove the delete markers (`aws s3api delete-object --bucket BUCKET --key KEY --version-id MARKER_VERSION_ID`), or copy the original versions back over their keys (`aws s3api copy-object --bucket BUCKET --key KEY --copy-source "BUCKET/KEY?versionId=VERSION_ID"`; a copy keeps the user metadata, and so the signature). Run `trailguard verify` for the period again: with the digests back, the log files of those hours are checked as well. If no versions are left, the period can no longer be proved: rebuild its management events from CloudTrail Event history (the last 90 days), a copy in CloudWatch Logs (TG005) or an event data store, and record the gap.\n4. Make it impossible next time. Object Lock in compliance mode with a default retention (TG007) keeps every version of every log and digest file until the retention ends, whoever asks; a plain `DeleteObject` can still add a delete marker, but the file stays and can be brought back. MFA Delete makes removing a version, or suspending versioning, require the root user\'s MFA device. A bucket policy that denies `s3:DeleteObject`, `s3:DeleteObjectVersion` and `s3:PutObject` on the log keys to every principal but CloudTrail stops even delete markers (keep a break-glass exception for restores, since copying a version back is a `PutObject`). Keep log file validation on (TG003), and keep the bucket in a separate log-archive account that the administrators of the logged accounts cannot reach.\n\n<!-- part: log-archive-snippets -->\n\n## Equivalent checks\n- Checkov, Trivy and Prowler: none. They check that log file validation is on (TG003), not the digest files.\n- AWS CLI: `aws cloudtrail validate-logs` reports only the one missing digest that its successor names and then goes on with the next digest it finds, so a run of missing digests shows as a single missing file; it starts from the newest digest present, so it cannot tell that newer ones were deleted. It verifies one trail per run, in one Region (the one the CLI uses) and, for an organization trail, one member account (`--account-id`), and prints text. `trailguard verify` compares the chain with the trail\'s status, covers every trail, Region and account in scope in parallel, reports catalog results in SARIF or any other format (with levels, suppressions and baselines), and also finds log files that no digest lists (TG026).\n\n## References\n- AWS CloudTrail User Guide: "Validating CloudTrail log file integrity", "CloudTrail digest file structure", "Custom implementations of CloudTrail log file integrity validation".\n- AWS CloudTrail API Reference: `GetTrailStatus` (`LatestDigestDeliveryTime`, `StartLoggingTime`), `ListPublicKeys`.\n- Amazon S3 User Guide: "Locking objects with Object Lock", "Working with delete markers", "Logging requests with server access logging".\n- AWS CLI: `aws cloudtrail validate-logs`, `aws s3api list-object-versions`.\n';var Lc=Le({meta:{id:"TG027",...L("TG027"),name:"log-digest-gap",level:"error",summary:"Digest files are missing for a period while the trail was logging"},problem:"digest-gap",messageId:"gap",message:"Trail {{trail}} has no digest files from {{from}} to {{to}} although it was logging: {{detail}}.",doc:Z(Ic)});var Ae=[$a,Wa,Ma,Ba,ja,Ha,yl,wl,_l,Xl,Ql,ec,nc,ic,sc,lc,uc,mc,gc,yc,kc,vc,Ac,Tc,xc,Ec,Lc];import{existsSync as Mo,readFileSync as Ag,statSync as Sg}from"node:fs";import Qt from"node:path";var ug=lt(Nc(),1),fg=lt(Wc(),1),pg=lt(Uc(),1),dg=Go(ug),mg=Go(fg),gg=Go(pg);function Go(t){return t.default&&t.default.__esModule?t.default:t}var Wo=Kc,Lr={$schema:"http://json-schema.org/draft-07/schema#",$id:"https://github.com/trailguard/trailguard/schemas/config.schema.json",title:"trailguard configuration (.trailguard.yml)",type:"object",additionalProperties:!1,properties:{rules:{description:"Level per rule (ID or name): error, warning, note or off.",type:"object",propertyNames:{type:"string",enum:["TG001","TG002","TG003","TG004","TG005","TG006","TG007","TG008","TG009","TG010","TG011","TG012","TG013","TG014","TG015","TG016","TG017","TG018","TG019","TG020","TG021","TG022","TG023","TG024","TG025","TG026","TG027","no-account-trail","single-region-trail","log-file-validation-disabled","trail-not-logging","no-cloudwatch-logs","sensitive-bucket-without-data-events","log-bucket-deletable","log-bucket-public","log-bucket-short-retention","no-root-usage-alarm","trail-not-kms-encrypted","insights-disabled","management-events-excluded","global-service-events-excluded","log-bucket-access-logging-disabled","log-bucket-policy-blocks-delivery","no-organization-trail","trail-delivery-failing","monitoring-alarm-missing","trail-kms-key-policy-blocks-cloudtrail","trail-kms-key-rotation-disabled","log-digest-missing","log-digest-signature-invalid","log-file-missing","log-file-modified","log-file-unlisted","log-digest-gap"]},additionalProperties:{enum:["error","warning","note","off"]}},minRetentionDays:{description:"Minimum days logs must be kept (TG007, TG009).",type:"integer",minimum:1,default:365},requireTrail:{description:"IaC: report TG001 when the scanned files define no qualifying trail.",type:"boolean",default:!1},organization:{description:"IaC: report TG017 when the scanned files define no organization trail.",type:"boolean",default:!1},monitoring:{description:"TG019 event classes: 'cis' or a list of class IDs; [] turns TG019 off.",default:["cloudtrail-changes"],oneOf:[{const:"cis"},{type:"array",uniqueItems:!0,items:{enum:["unauthorized-api-calls","console-signin-without-mfa","iam-policy-changes","cloudtrail-changes","console-auth-failures","cmk-disable-or-deletion","s3-bucket-policy-changes","config-changes","security-group-changes","nacl-changes","network-gateway-changes","route-table-changes","vpc-changes","organizations-changes"]}}]},sensitiveBuckets:{description:"Buckets that need S3 data events (TG006).",type:"object",additionalProperties:!1,properties:{tags:{description:"Tag key -> sensitive values (case-insensitive); replaces the default tags.",type:"object",additionalProperties:{type:"array",items:{type:"string"}}},names:{description:"Bucket name globs, added to the tag test.",type:"array",items:{type:"string",minLength:1}}}},ignorePaths:{description:"Globs, relative to this file's folder, of paths not to scan.",type:"array",items:{type:"string",minLength:1},default:[]},suppressions:{type:"array",default:[],items:{type:"object",additionalProperties:!1,required:["rule","resource"],properties:{rule:{type:"string",enum:["TG001","TG002","TG003","TG004","TG005","TG006","TG007","TG008","TG009","TG010","TG011","TG012","TG013","TG014","TG015","TG016","TG017","TG018","TG019","TG020","TG021","TG022","TG023","TG024","TG025","TG026","TG027","no-account-trail","single-region-trail","log-file-validation-disabled","trail-not-logging","no-cloudwatch-logs","sensitive-bucket-without-data-events","log-bucket-deletable","log-bucket-public","log-bucket-short-retention","no-root-usage-alarm","trail-not-kms-encrypted","insights-disabled","management-events-excluded","global-service-events-excluded","log-bucket-access-logging-disabled","log-bucket-policy-blocks-delivery","no-organization-trail","trail-delivery-failing","monitoring-alarm-missing","trail-kms-key-policy-blocks-cloudtrail","trail-kms-key-rotation-disabled","log-digest-missing","log-digest-signature-invalid","log-file-missing","log-file-modified","log-file-unlisted","log-digest-gap"]},resource:{type:"string",minLength:1,description:"Glob over the Terraform address, CloudFormation logical ID or ARN."},reason:{type:"string"},expires:{type:"string",format:"date",description:"Suppresses through this day (UTC)."}}}}}},hg=dg.default,No=mg.default,yg=gg.fullFormats.date;function Kc(t,{instancePath:e="",parentData:n,parentDataProperty:r,rootData:i=t}={}){let o=null,s=0;if(t&&typeof t=="object"&&!Array.isArray(t)){for(let u in t)if(!(u==="rules"||u==="minRetentionDays"||u==="requireTrail"||u==="organization"||u==="monitoring"||u==="sensitiveBuckets"||u==="ignorePaths"||u==="suppressions")){let l={instancePath:e,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty:u},message:"must NOT have additional properties"};o===null?o=[l]:o.push(l),s++}if(t.rules!==void 0){let u=t.rules;if(u&&typeof u=="object"&&!Array.isArray(u)){for(let l in u){let d=s;if(typeof l!="string"){let m={instancePath:e+"/rules",schemaPath:"#/properties/rules/propertyNames/type",keyword:"type",params:{type:"string"},message:"must be string",propertyName:l};o===null?o=[m]:o.push(m),s++}if(!(l==="TG001"||l==="TG002"||l==="TG003"||l==="TG004"||l==="TG005"||l==="TG006"||l==="TG007"||l==="TG008"||l==="TG009"||l==="TG010"||l==="TG011"||l==="TG012"||l==="TG013"||l==="TG014"||l==="TG015"||l==="TG016"||l==="TG017"||l==="TG018"||l==="TG019"||l==="TG020"||l==="TG021"||l==="TG022"||l==="TG023"||l==="TG024"||l==="TG025"||l==="TG026"||l==="TG027"||l==="no-account-trail"||l==="single-region-trail"||l==="log-file-validation-disabled"||l==="trail-not-logging"||l==="no-cloudwatch-logs"||l==="sensitive-bucket-without-data-events"||l==="log-bucket-deletable"||l==="log-bucket-public"||l==="log-bucket-short-retention"||l==="no-root-usage-alarm"||l==="trail-not-kms-encrypted"||l==="insights-disabled"||l==="management-events-excluded"||l==="global-service-events-excluded"||l==="log-bucket-access-logging-disabled"||l==="log-bucket-policy-blocks-delivery"||l==="no-organization-trail"||l==="trail-delivery-failing"||l==="monitoring-alarm-missing"||l==="trail-kms-key-policy-blocks-cloudtrail"||l==="trail-kms-key-rotation-disabled"||l==="log-digest-missing"||l==="log-digest-signature-invalid"||l==="log-file-missing"||l==="log-file-modified"||l==="log-file-unlisted"||l==="log-digest-gap")){let m={instancePath:e+"/rules",schemaPath:"#/properties/rules/propertyNames/enum",keyword:"enum",params:{allowedValues:Lr.properties.rules.propertyNames.enum},message:"must be equal to one of the allowed values",propertyName:l};o===null?o=[m]:o.push(m),s++}var a=d===s;if(!a){let m={instancePath:e+"/rules",schemaPath:"#/properties/rules/propertyNames",keyword:"propertyNames",params:{propertyName:l},message:"property name must be valid"};o===null?o=[m]:o.push(m),s++}}for(let l in u){let d=u[l];if(!(d==="error"||d==="warning"||d==="note"||d==="off")){let m={instancePath:e+"/rules/"+l.replace(/~/g,"~0").replace(/\//g,"~1"),schemaPath:"#/properties/rules/additionalProperties/enum",keyword:"enum",params:{allowedValues:Lr.properties.rules.additionalProperties.enum},message:"must be equal to one of the allowed values"};o===null?o=[m]:o.push(m),s++}}}else{let l={instancePath:e+"/rules",schemaPath:"#/properties/rules/type",keyword:"type",params:{type:"object"},message:"must be object"};o===null?o=[l]:o.push(l),s++}}if(t.minRetentionDays!==void 0){let u=t.minRetentionDays;if(!(typeof u=="number"&&!(u%1)&&!isNaN(u)&&isFinite(u))){let l={instancePath:e+"/minRetentionDays",schemaPath:"#/properties/minRetentionDays/type",keyword:"type",params:{type:"integer"},message:"must be integer"};o===null?o=[l]:o.push(l),s++}if(typeof u=="number"&&isFinite(u)&&(u<1||isNaN(u))){let l={instancePath:e+"/minRetentionDays",schemaPath:"#/properties/minRetentionDays/minimum",keyword:"minimum",params:{comparison:">=",limit:1},message:"must be >= 1"};o===null?o=[l]:o.push(l),s++}}if(t.requireTrail!==void 0&&typeof t.requireTrail!="boolean"){let u={instancePath:e+"/requireTrail",schemaPath:"#/properties/requireTrail/type",keyword:"type",params:{type:"boolean"},message:"must be boolean"};o===null?o=[u]:o.push(u),s++}if(t.organization!==void 0&&typeof t.organization!="boolean"){let u={instancePath:e+"/organization",schemaPath:"#/properties/organization/type",keyword:"type",params:{type:"boolean"},message:"must be boolean"};o===null?o=[u]:o.push(u),s++}if(t.monitoring!==void 0){let u=t.monitoring,l=s,d=!1,m=null,f=s;if(u!=="cis"){let h={instancePath:e+"/monitoring",schemaPath:"#/properties/monitoring/oneOf/0/const",keyword:"const",params:{allowedValue:"cis"},message:"must be equal to constant"};o===null?o=[h]:o.push(h),s++}var c=f===s;c&&(d=!0,m=0);let p=s;if(Array.isArray(u)){let h=u.length;for(let y=0;y<h;y++){let g=u[y];if(!(g==="unauthorized-api-calls"||g==="console-signin-without-mfa"||g==="iam-policy-changes"||g==="cloudtrail-changes"||g==="console-auth-failures"||g==="cmk-disable-or-deletion"||g==="s3-bucket-policy-changes"||g==="config-changes"||g==="security-group-changes"||g==="nacl-changes"||g==="network-gateway-changes"||g==="route-table-changes"||g==="vpc-changes"||g==="organizations-changes")){let v={instancePath:e+"/monitoring/"+y,schemaPath:"#/properties/monitoring/oneOf/1/items/enum",keyword:"enum",params:{allowedValues:Lr.properties.monitoring.oneOf[1].items.enum},message:"must be equal to one of the allowed values"};o===null?o=[v]:o.push(v),s++}}let C=u.length,_;if(C>1){e:for(;C--;)for(_=C;_--;)if(hg(u[C],u[_])){let y={instancePath:e+"/monitoring",schemaPath:"#/properties/monitoring/oneOf/1/uniqueItems",keyword:"uniqueItems",params:{i:C,j:_},message:"must NOT have duplicate items (items ## "+_+" and "+C+" are identical)"};o===null?o=[y]:o.push(y),s++;break e}}}else{let h={instancePath:e+"/monitoring",schemaPath:"#/properties/monitoring/oneOf/1/type",keyword:"type",params:{type:"array"},message:"must be array"};o===null?o=[h]:o.push(h),s++}var c=p===s;if(c&&d?(d=!1,m=[m,1]):c&&(d=!0,m=1),d)s=l,o!==null&&(l?o.length=l:o=null);else{let h={instancePath:e+"/monitoring",schemaPath:"#/properties/monitoring/oneOf",keyword:"oneOf",params:{passingSchemas:m},message:"must match exactly one schema in oneOf"};o===null?o=[h]:o.push(h),s++}}if(t.sensitiveBuckets!==void 0){let u=t.sensitiveBuckets;if(u&&typeof u=="object"&&!Array.isArray(u)){for(let l in u)if(!(l==="tags"||l==="names")){let d={instancePath:e+"/sensitiveBuckets",schemaPath:"#/properties/sensitiveBuckets/additionalProperties",keyword:"additionalProperties",params:{additionalProperty:l},message:"must NOT have additional properties"};o===null?o=[d]:o.push(d),s++}if(u.tags!==void 0){let l=u.tags;if(l&&typeof l=="object"&&!Array.isArray(l))for(let d in l){let m=l[d];if(Array.isArray(m)){let f=m.length;for(let p=0;p<f;p++)if(typeof m[p]!="string"){let h={instancePath:e+"/sensitiveBuckets/tags/"+d.replace(/~/g,"~0").replace(/\//g,"~1")+"/"+p,schemaPath:"#/properties/sensitiveBuckets/properties/tags/additionalProperties/items/type",keyword:"type",params:{type:"string"},message:"must be string"};o===null?o=[h]:o.push(h),s++}}else{let f={instancePath:e+"/sensitiveBuckets/tags/"+d.replace(/~/g,"~0").replace(/\//g,"~1"),schemaPath:"#/properties/sensitiveBuckets/properties/tags/additionalProperties/type",keyword:"type",params:{type:"array"},message:"must be array"};o===null?o=[f]:o.push(f),s++}}else{let d={instancePath:e+"/sensitiveBuckets/tags",schemaPath:"#/properties/sensitiveBuckets/properties/tags/type",keyword:"type",params:{type:"object"},message:"must be object"};o===null?o=[d]:o.push(d),s++}}if(u.names!==void 0){let l=u.names;if(Array.isArray(l)){let d=l.length;for(let m=0;m<d;m++){let f=l[m];if(typeof f=="string"){if(No(f)<1){let p={instancePath:e+"/sensitiveBuckets/names/"+m,schemaPath:"#/properties/sensitiveBuckets/properties/names/items/minLength",keyword:"minLength",params:{limit:1},message:"must NOT have fewer than 1 characters"};o===null?o=[p]:o.push(p),s++}}else{let p={instancePath:e+"/sensitiveBuckets/names/"+m,schemaPath:"#/properties/sensitiveBuckets/properties/names/items/type",keyword:"type",params:{type:"string"},message:"must be string"};o===null?o=[p]:o.push(p),s++}}}else{let d={instancePath:e+"/sensitiveBuckets/names",schemaPath:"#/properties/sensitiveBuckets/properties/names/type",keyword:"type",params:{type:"array"},message:"must be array"};o===null?o=[d]:o.push(d),s++}}}else{let l={instancePath:e+"/sensitiveBuckets",schemaPath:"#/properties/sensitiveBuckets/type",keyword:"type",params:{type:"object"},message:"must be object"};o===null?o=[l]:o.push(l),s++}}if(t.ignorePaths!==void 0){let u=t.ignorePaths;if(Array.isArray(u)){let l=u.length;for(let d=0;d<l;d++){let m=u[d];if(typeof m=="string"){if(No(m)<1){let f={instancePath:e+"/ignorePaths/"+d,schemaPath:"#/properties/ignorePaths/items/minLength",keyword:"minLength",params:{limit:1},message:"must NOT have fewer than 1 characters"};o===null?o=[f]:o.push(f),s++}}else{let f={instancePath:e+"/ignorePaths/"+d,schemaPath:"#/properties/ignorePaths/items/type",keyword:"type",params:{type:"string"},message:"must be string"};o===null?o=[f]:o.push(f),s++}}}else{let l={instancePath:e+"/ignorePaths",schemaPath:"#/properties/ignorePaths/type",keyword:"type",params:{type:"array"},message:"must be array"};o===null?o=[l]:o.push(l),s++}}if(t.suppressions!==void 0){let u=t.suppressions;if(Array.isArray(u)){let l=u.length;for(let d=0;d<l;d++){let m=u[d];if(m&&typeof m=="object"&&!Array.isArray(m)){if(m.rule===void 0){let f={instancePath:e+"/suppressions/"+d,schemaPath:"#/properties/suppressions/items/required",keyword:"required",params:{missingProperty:"rule"},message:"must have required property 'rule'"};o===null?o=[f]:o.push(f),s++}if(m.resource===void 0){let f={instancePath:e+"/suppressions/"+d,schemaPath:"#/properties/suppressions/items/required",keyword:"required",params:{missingProperty:"resource"},message:"must have required property 'resource'"};o===null?o=[f]:o.push(f),s++}for(let f in m)if(!(f==="rule"||f==="resource"||f==="reason"||f==="expires")){let p={instancePath:e+"/suppressions/"+d,schemaPath:"#/properties/suppressions/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty:f},message:"must NOT have additional properties"};o===null?o=[p]:o.push(p),s++}if(m.rule!==void 0){let f=m.rule;if(typeof f!="string"){let p={instancePath:e+"/suppressions/"+d+"/rule",schemaPath:"#/properties/suppressions/items/properties/rule/type",keyword:"type",params:{type:"string"},message:"must be string"};o===null?o=[p]:o.push(p),s++}if(!(f==="TG001"||f==="TG002"||f==="TG003"||f==="TG004"||f==="TG005"||f==="TG006"||f==="TG007"||f==="TG008"||f==="TG009"||f==="TG010"||f==="TG011"||f==="TG012"||f==="TG013"||f==="TG014"||f==="TG015"||f==="TG016"||f==="TG017"||f==="TG018"||f==="TG019"||f==="TG020"||f==="TG021"||f==="TG022"||f==="TG023"||f==="TG024"||f==="TG025"||f==="TG026"||f==="TG027"||f==="no-account-trail"||f==="single-region-trail"||f==="log-file-validation-disabled"||f==="trail-not-logging"||f==="no-cloudwatch-logs"||f==="sensitive-bucket-without-data-events"||f==="log-bucket-deletable"||f==="log-bucket-public"||f==="log-bucket-short-retention"||f==="no-root-usage-alarm"||f==="trail-not-kms-encrypted"||f==="insights-disabled"||f==="management-events-excluded"||f==="global-service-events-excluded"||f==="log-bucket-access-logging-disabled"||f==="log-bucket-policy-blocks-delivery"||f==="no-organization-trail"||f==="trail-delivery-failing"||f==="monitoring-alarm-missing"||f==="trail-kms-key-policy-blocks-cloudtrail"||f==="trail-kms-key-rotation-disabled"||f==="log-digest-missing"||f==="log-digest-signature-invalid"||f==="log-file-missing"||f==="log-file-modified"||f==="log-file-unlisted"||f==="log-digest-gap")){let p={instancePath:e+"/suppressions/"+d+"/rule",schemaPath:"#/properties/suppressions/items/properties/rule/enum",keyword:"enum",params:{allowedValues:Lr.properties.suppressions.items.properties.rule.enum},message:"must be equal to one of the allowed values"};o===null?o=[p]:o.push(p),s++}}if(m.resource!==void 0){let f=m.resource;if(typeof f=="string"){if(No(f)<1){let p={instancePath:e+"/suppressions/"+d+"/resource",schemaPath:"#/properties/suppressions/items/properties/resource/minLength",keyword:"minLength",params:{limit:1},message:"must NOT have fewer than 1 characters"};o===null?o=[p]:o.push(p),s++}}else{let p={instancePath:e+"/suppressions/"+d+"/resource",schemaPath:"#/properties/suppressions/items/properties/resource/type",keyword:"type",params:{type:"string"},message:"must be string"};o===null?o=[p]:o.push(p),s++}}if(m.reason!==void 0&&typeof m.reason!="string"){let f={instancePath:e+"/suppressions/"+d+"/reason",schemaPath:"#/properties/suppressions/items/properties/reason/type",keyword:"type",params:{type:"string"},message:"must be string"};o===null?o=[f]:o.push(f),s++}if(m.expires!==void 0){let f=m.expires;if(typeof f=="string"){if(!yg.validate(f)){let p={instancePath:e+"/suppressions/"+d+"/expires",schemaPath:"#/properties/suppressions/items/properties/expires/format",keyword:"format",params:{format:"date"},message:'must match format "date"'};o===null?o=[p]:o.push(p),s++}}else{let p={instancePath:e+"/suppressions/"+d+"/expires",schemaPath:"#/properties/suppressions/items/properties/expires/type",keyword:"type",params:{type:"string"},message:"must be string"};o===null?o=[p]:o.push(p),s++}}}else{let f={instancePath:e+"/suppressions/"+d,schemaPath:"#/properties/suppressions/items/type",keyword:"type",params:{type:"object"},message:"must be object"};o===null?o=[f]:o.push(f),s++}}}else{let l={instancePath:e+"/suppressions",schemaPath:"#/properties/suppressions/type",keyword:"type",params:{type:"array"},message:"must be array"};o===null?o=[l]:o.push(l),s++}}}else{let u={instancePath:e,schemaPath:"#/type",keyword:"type",params:{type:"object"},message:"must be object"};o===null?o=[u]:o.push(u),s++}return Kc.errors=o,s===0}var bg=[["TG001","no-account-trail","error"],["TG002","single-region-trail","error"],["TG003","log-file-validation-disabled","error"],["TG004","trail-not-logging","error"],["TG005","no-cloudwatch-logs","warning"],["TG006","sensitive-bucket-without-data-events","error"],["TG007","log-bucket-deletable","error"],["TG008","log-bucket-public","error"],["TG009","log-bucket-short-retention","warning"],["TG010","no-root-usage-alarm","warning"],["TG011","trail-not-kms-encrypted","warning"],["TG012","insights-disabled","note"],["TG013","management-events-excluded","warning"],["TG014","global-service-events-excluded","warning"],["TG015","log-bucket-access-logging-disabled","warning"],["TG016","log-bucket-policy-blocks-delivery","error"],["TG017","no-organization-trail","warning"],["TG018","trail-delivery-failing","error"],["TG019","monitoring-alarm-missing","warning"],["TG020","trail-kms-key-policy-blocks-cloudtrail","error"],["TG021","trail-kms-key-rotation-disabled","warning"],["TG022","log-digest-missing","error"],["TG023","log-digest-signature-invalid","error"],["TG024","log-file-missing","error"],["TG025","log-file-modified","error"],["TG026","log-file-unlisted","warning"],["TG027","log-digest-gap","error"]];function Ge(t){let e=t.trim(),n=bg.find(([r,i])=>r===e.toUpperCase()||i===e.toLowerCase());return n?n[0]:null}function Or(t){if(!t)return null;if(t.kind==="scalar")return t.value;if(t.kind==="seq")return t.items.map(Or);let e={};for(let n of t.entries)e[n.key]=Or(n.value);return e}function $r(t,e){let n=t,r=t?.span[0]??0;for(let i of e){if(!n)return null;if(n.kind==="map"){let o=n.entries.find(s=>s.key===String(i));if(!o)return null;r=o.keySpan[0],n=o.value}else if(n.kind==="seq"){let o=n.items[Number(i)];if(!o)return null;r=o.span[0],n=o}else return null}return n?{node:n,keyStart:r}:null}var Oe=lt(Hd(),1);var qc={"!Ref":"Ref","!Condition":"Condition","!Sub":"Fn::Sub","!GetAtt":"Fn::GetAtt","!If":"Fn::If","!Equals":"Fn::Equals","!Not":"Fn::Not","!And":"Fn::And","!Or":"Fn::Or","!Join":"Fn::Join","!Select":"Fn::Select","!Split":"Fn::Split","!FindInMap":"Fn::FindInMap","!ImportValue":"Fn::ImportValue","!Base64":"Fn::Base64","!Cidr":"Fn::Cidr","!GetAZs":"Fn::GetAZs","!Transform":"Fn::Transform","!Length":"Fn::Length","!ToJsonString":"Fn::ToJsonString","!ForEach":"Fn::ForEach"},kg=Object.keys(qc).flatMap(t=>[{tag:t,resolve:e=>e},{tag:t,collection:"map"},{tag:t,collection:"seq"}]),wg=/^(tag:yaml\.org,2002:|!!)/,ot=class extends Error{constructor(n,r){super(n);this.offset=r}offset};function Jt(t,e="1.1"){let n;try{n=(0,Oe.parseDocument)(t,{version:e,uniqueKeys:!1,merge:!1,prettyErrors:!1,customTags:kg})}catch(o){return{ok:!1,error:{message:o instanceof RangeError?"document is nested too deeply":String(o),offset:0}}}let r=n.errors[0];if(r)return{ok:!1,error:{message:vg(r.message),offset:r.pos[0]}};let i=new Do(t,n);try{return{ok:!0,root:n.contents?i.node(n.contents,0,0):null,warnings:i.warnings}}catch(o){if(o instanceof ot)return{ok:!1,error:{message:o.message,offset:o.offset}};if(o instanceof RangeError)return{ok:!1,error:{message:"document is nested too deeply",offset:0}};throw o}}function vg(t){return t.split(`
`)[0].replace(/ at line \d+, column \d+:?$/,"")}var Do=class{constructor(e,n){this.text=e;this.doc=n}text;doc;warnings=[];count=0;node(e,n,r){if(n>vi)throw new ot(`nesting deeper than ${vi} levels`,e.range?.[0]??0);if(++this.count>Us)throw new ot("document too large after alias expansion",e.range?.[0]??0);if((0,Oe.isAlias)(e)){let d=e.resolve(this.doc);if(!d)throw new ot(`unknown alias *${e.source}`,e.range?.[0]??0);return this.node(d,n+1,r)}let i=e.range?.[0]??0,o=e.range?.[1]??i,s=this.plainNode(e,n,i,o),a=e.tag;if(!a||wg.test(a))return s;let c=qc[a],u=this.findTag(a,i,r);if(!c)return this.warnings.push({message:`unknown tag ${a}`,offset:u}),s;let l=s;if(c==="Fn::GetAtt"&&s.kind==="scalar"&&typeof s.value=="string"){let d=s.value.indexOf("."),m=d<0?[s.value]:[s.value.slice(0,d),s.value.slice(d+1)];l={kind:"seq",span:s.span,items:m.map(f=>({kind:"scalar",value:f,span:s.span}))}}return{kind:"map",span:[u,o],entries:[{key:c,keySpan:[u,u+a.length],value:l}]}}plainNode(e,n,r,i){if((0,Oe.isMap)(e)){let o=[],s=new Set,a=r;for(let c of e.items){let u=c.key;if(!u||!(0,Oe.isScalar)(u))throw new ot("only scalar mapping keys are supported",u?.range?.[0]??a);let l=typeof u.value=="string"?u.value:u.source??String(u.value),d=[u.range[0],u.range[1]];if(s.has(l))throw new ot(`Map keys must be unique: "${l}" appears twice`,d[0]);s.add(l);let m=c.value,f=m?this.node(m,n+1,d[1]):{kind:"scalar",value:null,span:[d[1],d[1]]};o.push({key:l,keySpan:d,value:f}),a=f.span[1]}return{kind:"map",span:[r,i],entries:o}}if((0,Oe.isSeq)(e)){let o=[],s=r;for(let a of e.items){let c=a?this.node(a,n+1,s):{kind:"scalar",value:null,span:[s,s]};o.push(c),s=c.span[1]}return{kind:"seq",span:[r,i],items:o}}if((0,Oe.isScalar)(e)){let o=e.value,s=typeof o=="string"||typeof o=="number"||typeof o=="boolean"||o===null?o:_g(e);return typeof s!="string"&&e.source!==void 0?{kind:"scalar",span:[r,i],value:s,raw:e.source}:{kind:"scalar",span:[r,i],value:s}}throw new ot("unsupported YAML node",r)}findTag(e,n,r){let i=this.text.lastIndexOf(e,n);return i>=r?i:n}};function _g(t){if(!(0,Oe.isScalar)(t))return"";let e=t.value;return typeof e=="string"?e:e instanceof Date||typeof e=="object"?t.source??String(e):t.source!==void 0&&typeof e!="number"&&typeof e!="boolean"?t.source:String(e)}var Ot=".trailguard.yml";function Pr(t){let e=Qt.resolve(t);for(Mo(e)&&!Sg(e).isDirectory()&&(e=Qt.dirname(e));;){let n=Qt.join(e,Ot);if(Mo(n))return n;if(Mo(Qt.join(e,".git")))return null;let r=Qt.dirname(e);if(r===e)return null;e=r}}function Tg(t){return Wo(t)?[]:Wo.errors??[]}function Cg(t){let e=t.instancePath.split("/").slice(1).map(r=>r.replace(/~1/g,"/").replace(/~0/g,"~"));if(t.keyword==="additionalProperties"){let r=String(t.params.additionalProperty);return{path:[...e,r],message:"unknown key"}}let n=t.propertyName??(t.keyword==="propertyNames"?String(t.params.propertyName):void 0);return n!==void 0?{path:[...e,n],message:e[0]==="rules"?"unknown rule ID or name":"invalid key"}:t.keyword==="enum"?{path:e,message:`must be one of ${t.params.allowedValues.map(String).slice(0,8).join(", ")}`}:{path:e,message:t.message??"invalid"}}function Zt(t,e){let n=Qe(t,e),r;try{r=Ag(t,"utf8")}catch(u){throw new et(`${n}: cannot read the configuration: ${u.message}`)}let i=new ke(r),o=Jt(r,"1.2");if(!o.ok)throw new et(`${n}:${i.position(o.error.offset).line}: invalid YAML: ${o.error.message}`);let s=o.root,a=Or(s)??{},c=Tg(a);if(c.length>0){let u=xg(c),l=Cg(u),d=$r(s,l.path)??$r(s,l.path.slice(0,-1)),m=d?i.position(d.keyStart).line:1;throw new et(`${n}:${m}: ${l.path.join(".")||"(top level)"}: ${l.message}`)}return Rg(a,s,n,Qt.dirname(t),i)}function xg(t){let e=t.filter(r=>r.keyword!=="oneOf"&&r.keyword!=="if");return[...e.length?e:t].sort((r,i)=>i.instancePath.length-r.instancePath.length)[0]}function Rg(t,e,n,r,i){let o=u=>{let l=$r(e,u),d=l?.keyStart??0,m=l?.node.span[1]??d;return{file:n,range:i.range(d,m),address:n,path:u}},s=new Map;for(let[u,l]of Object.entries(t.rules??{}))s.set(Ge(u),l);let a=t.monitoring==="cis"?[...En]:t.monitoring??er.monitoring,c=(t.suppressions??[]).map((u,l)=>({ruleId:Ge(u.rule),resource:u.resource,reason:u.reason?.trim()?u.reason.trim():null,expires:u.expires??null,loc:o(["suppressions",l])}));return{file:n,dir:r,levels:s,settings:{minRetentionDays:t.minRetentionDays??er.minRetentionDays,requireTrail:t.requireTrail??!1,organization:t.organization??!1,sensitiveBuckets:{tags:t.sensitiveBuckets?.tags??null,names:t.sensitiveBuckets?.names??[]},monitoring:a},ignorePaths:t.ignorePaths??[],suppressions:c,...t.requireTrail?{requireTrailAt:o(["requireTrail"])}:{},...t.organization?{organizationAt:o(["organization"])}:{}}}var Nr=class{constructor(e,n,r){this.file=e;this.text=n;this.root=r;this.lines=new ke(n),this.parameters=me(x(r,"Parameters")?.value),this.mappings=me(x(r,"Mappings")?.value),this.conditions=me(x(r,"Conditions")?.value);let i=me(x(r,"Resources")?.value);for(let o of i?.entries??[]){let s=me(o.value);if(!s)continue;let a=x(s,"Type")?.value,c=a?.kind==="scalar"&&typeof a.value=="string"?a.value:"";this.resources.set(o.key,{logicalId:o.key,keySpan:o.keySpan,node:s,type:c,properties:me(x(s,"Properties")?.value)})}}file;text;root;lines;resources=new Map;parameters;mappings;conditions;notices=[];loc(e,n,r,i,o=i.length){let s=n;for(;s>e&&/\s/.test(this.text[s-1]);)s--;return Bs.of(this.file,this.lines.range(e,s),r,qs(i,o))}notice(e,n,r,i){this.notices.push({level:e,id:n,message:r,offset:i})}};function me(t){return t&&t.kind==="map"?t:null}function Gr(t,e){return e?Eg(t,n=>n==="AWSTemplateFormatVersion"||n==="Resources"):/^(?:AWSTemplateFormatVersion|Resources|["']AWSTemplateFormatVersion["']|["']Resources["'])\s*:/m.test(t)}function Eg(t,e){let n=0,r=!1;for(let i=0;i<t.length;i++){let o=t[i];if(o==='"'){let s=i+1;for(;s<t.length&&t[s]!=='"';)s+=t[s]==="\\"?2:1;if(n===1&&r&&e(t.slice(i+1,s)))return!0;r=!1,i=s}else o==="{"||o==="["?(n++,r=n===1&&o==="{"):o==="}"||o==="]"?n--:o===","&&n===1&&(r=!0);if(n===0&&i>0&&(o==="}"||o==="]"))break}return!1}function Hc(t){return!t||t.kind!=="map"?!1:x(t,"AWSTemplateFormatVersion")?!0:!!me(x(t,"Resources")?.value)?.entries.some(n=>{let r=me(n.value)&&x(n.value,"Type")?.value;return!!r&&r.kind==="scalar"&&typeof r.value=="string"&&r.value.startsWith("AWS::")})}function Ln(t){let e=t.toLowerCase();return e.endsWith(".tf")||e.endsWith(".tofu")?"terraform":e.endsWith(".tf.json")||e.endsWith(".tofu.json")?"terraform-json":e.endsWith(".tfvars")?"tfvars":e.endsWith(".tfvars.json")?"tfvars-json":e.endsWith(".json")?"maybe-json":e.endsWith(".yaml")||e.endsWith(".yml")||e.endsWith(".template")?"maybe-yaml":null}function Yc(t){let e=Math.min(t.length,8e3);for(let n=0;n<e;n++)if(t[n]===0)return!0;return!1}function Xc(t,e,n){let r=e.trimStart();return n==="maybe-yaml"&&t.toLowerCase().endsWith(".template")&&r.startsWith("{")?Gr(e,!0)?"cloudformation-json":null:n==="maybe-json"?/"format_version"\s*:/.test(e.slice(0,4096))&&e.includes('"planned_values"')?"plan":Gr(e,!0)?"cloudformation-json":null:Gr(e,!1)?"cloudformation-yaml":null}var Gu=lt(du(),1),Wu=lt(ns(),1);import{existsSync as Nu,readFileSync as Bh,readdirSync as Vh,statSync as rs}from"node:fs";import be from"node:path";var jh=new Set(["node_modules",".git",".terraform"]);function zh(t){let e=be.resolve(t);for(Nu(e)&&!rs(e).isDirectory()&&(e=be.dirname(e));;){if(Nu(be.join(e,".git")))return e;let n=be.dirname(e);if(n===e)return null;e=n}}function is(t,e){let n=(0,Gu.default)(),r=!1;for(let i of e)try{n.add(Bh(be.join(t,i),"utf8")),r=!0}catch{}return r?{dir:t,ig:n}:null}function Ur(t,e,n){let r=!1;for(let i of t){let o=be.relative(i.dir,e).split(be.sep).join("/");if(!o||o.startsWith(".."))continue;let s=i.ig.test(n?o+"/":o);s.ignored?r=!0:s.unignored&&(r=!1)}return r}function Uh(t,e){if(!e)return[];let n=[];for(let o=t;n.unshift(o),!(o===e||be.dirname(o)===o);o=be.dirname(o));let r=[],i=is(e,[]);i&&r.push(i);for(let o of n){let s=is(o,o===e?[".gitignore",".git/info/exclude"]:[".gitignore"]);s&&r.push(s)}return r}function Du(t,e,n,r){let i=[],o=new Set,s=n.length?(0,Wu.default)(n.map(u=>u.replace(/\/$/,"/**")),{dot:!0}):null,a=u=>{if(!s)return!1;let l=be.relative(r,u).split(be.sep).join("/");return!l.startsWith("..")&&(s(l)||s(l+"/"))},c=(u,l)=>{o.has(u)||(o.add(u),i.push({abs:u,rel:Qe(u,e),explicit:l}))};for(let u of t){let l=be.resolve(e,u);if(!rs(l).isDirectory()){a(l)||c(l,!0);continue}let m=zh(l),f=Uh(l,m);f.length&&Ur(f,l,!0)&&(f=f.filter(h=>!be.relative(l,h.dir).startsWith("..")));let p=[{dir:l,layers:f,inCdkOut:!1}];for(;p.length;){let{dir:h,layers:C,inCdkOut:_}=p.pop(),y;try{y=Vh(h,{withFileTypes:!0})}catch{continue}y.sort((g,v)=>g.name<v.name?-1:g.name>v.name?1:0);for(let g of y){let v=be.join(h,g.name);if(g.isDirectory()){if(jh.has(g.name)||a(v))continue;let T=_||g.name==="cdk.out";if(_&&g.name.startsWith("asset.")||!T&&Ur(C,v,!0))continue;let E=m?is(v,[".gitignore"]):null;p.push({dir:v,layers:E?[...C,E]:C,inCdkOut:T})}else if(g.isFile()){if(_){g.name.endsWith(".template.json")&&!a(v)&&c(v,!1);continue}if(!Ln(g.name)||a(v)||Ur(C,v,!1))continue;c(v,!1)}else if(g.isSymbolicLink()&&Ln(g.name))try{rs(v).isFile()&&!a(v)&&!Ur(C,v,!1)&&c(v,!1)}catch{}}}}return i.sort((u,l)=>u.rel<l.rel?-1:u.rel>l.rel?1:0),i}import{existsSync as Kh,readFileSync as qh,readdirSync as Hh}from"node:fs";import Pt from"node:path";var Yh=/\.(tf|tofu)(\.json)?$|\.tfvars(\.json)?$/;function Kr(t){try{return qh(t,"utf8")}catch{return}}function Mu(t,e,n,r){let i=[];for(let s of e){let a=s.indexOf("=");i.push({kind:"var",name:a<0?s:s.slice(0,a),value:a<0?"":s.slice(a+1)})}for(let s of n){let a=Kr(Pt.resolve(t,s));if(a===void 0)throw new O(`--var-file: cannot read ${s}`);i.push({kind:"var-file",file:{path:s.split(Pt.sep).join("/"),text:a}})}let o={};for(let[s,a]of Object.entries(r))s.startsWith("TF_VAR_")&&a!==void 0&&(o[s.slice(7)]=a);return{readFolder(s){let a=Pt.resolve(t,s),c;try{c=Hh(a)}catch{return}let u=[];for(let l of c.sort()){if(!Yh.test(l))continue;let d=Kr(Pt.join(a,l));d!==void 0&&u.push({path:Pt.posix.join(s,l),text:d})}return u},readFile:s=>Kr(Pt.resolve(t,s)),modulesManifest(s){let a=Pt.resolve(t,s,".terraform/modules/modules.json");return Kh(a)?Kr(a):void 0},cliVariables:i,environment:o}}import{readFileSync as Xh}from"node:fs";import Dn from"node:path";var Fu=/\.(tf|tofu)(\.json)?$|\.tfvars(\.json)?$/;function Bu(t,e,n){let r=o=>n.some(s=>!Dn.relative(s,o).startsWith("..")),i=new Set;for(let o of e)Fu.test(o)&&i.add(Dn.dirname(o));if(i.size){let o=new Map;for(let a of t){if(!Xn.test(a.abs))continue;let c;try{c=Xh(a.abs,"utf8")}catch{continue}let u=Dn.dirname(a.abs);for(let l of Hs(a.abs,c)){let d=Dn.resolve(u,l);o.set(d,(o.get(d)??new Set).add(u))}}let s=[...i];for(;s.length;)for(let a of o.get(s.pop())??[])i.has(a)||(i.add(a),s.push(a))}return t.filter(o=>e.has(o.abs)||r(o.abs)||Fu.test(o.abs)&&i.has(Dn.dirname(o.abs)))}import{createHash as Jh}from"node:crypto";function Vu(t,e,n){let r=[t,e.arn?"":e.file??"",e.arn??e.address,e.path.join("."),n];return Jh("sha256").update(r.join("\0")).digest("hex").slice(0,32)}var Hr=lt(ns(),1);function Qh(t,e){return t?t.length<=e.length&&t.every((n,r)=>String(n)===String(e[r])):!0}function Zh(t,e,n){return n.has(e.ruleId)?t.alsoAddresses?.includes(e.loc.address)?!0:e.loc.file!==t.file||e.loc.address!==t.address?!1:Qh(t.path,e.loc.path):!1}function ey(t,e){let n=t.split(":"),r=e.split(":");if(n.length<6||r.length<6)return!1;let i=n.slice(0,5),o=r.slice(0,5);for(let c=0;c<5;c++)if(o[c]==="*"){if(i[c]!=="*")return!1}else if(!Hr.default.isMatch(o[c],i[c],{dot:!0}))return!1;let s=n.slice(5).join(":"),a=r.slice(5).join(":");return Hr.default.isMatch(a,s,{dot:!0})}function ty(t,e){if(t.ruleId!==e.ruleId)return!1;if(t.resource.startsWith("arn:")){let r=e.arn??e.entityArn;return!!r&&ey(t.resource,r)}return[e.address,...e.instances??[]].some(r=>Hr.default.isMatch(r,t.resource,{dot:!0}))}function ju(t,e,n,r){let i=[],o=new Set,s=(u,l)=>{o.has(u)||(o.add(u),i.push(l))},a=new Map;for(let u of e){let l=new Set;for(let d of u.rules){let m=Ge(d);m?l.add(m):s(u,{level:"warning",id:"invalid-suppression",message:`suppression names no rule: '${d}'`,...qr(u.loc)})}a.set(u,l)}return{results:t.map(u=>{let l=null;for(let d of e)if(Zh(d,u,a.get(d))){if(!d.reason){s(d,{level:"warning",id:"suppression-without-reason",message:`suppression of ${d.rules.join(", ")} has no reason, so it does not suppress; add one after "--"`,...qr(d.loc)});continue}l={kind:"inSource",reason:d.reason};break}if(!l){for(let d of n)if(ty(d,u)){if(d.expires!==null&&d.expires<r){s(d,{level:"warning",id:"suppression-expired",message:`suppression of ${d.ruleId} for '${d.resource}' expired on ${d.expires} and no longer suppresses`,...qr(d.loc)});continue}if(!d.reason){s(d,{level:"warning",id:"suppression-without-reason",message:`suppression of ${d.ruleId} for '${d.resource}' has no reason, so it does not suppress`,...qr(d.loc)});continue}l={kind:"external",reason:d.reason};break}}return l?{...u,suppression:l}:u}),notifications:i}}function qr(t){return t.file&&t.range?{file:t.file,line:t.range.startLine,column:t.range.startColumn}:t.file?{file:t.file}:{}}function sn(t,e,n){return n.overrides.get(t)??n.config.levels.get(t)??e}function ny(t,e){return sn(t.rule.meta.id,t.level??t.rule.meta.level,e)}function Yr(t,e,n){let r=[],i=new Map;for(let u of t){let l=ny(u,n);if(l==="off"||u.kind==="review"&&!n.strict||n.reportFiles&&!(u.loc.file&&n.reportFiles.has(u.loc.file)))continue;let d=u.entity?.instances&&u.entity.address===u.loc.address?u.entity.instances:null,m=ry(u),f=i.get(m);if(f!==void 0){let p=r[f];d&&(r[f]={...p,instances:[...new Set([...p.instances??[],...d])]});continue}i.set(m,r.length),r.push({ruleId:u.rule.meta.id,ruleName:u.rule.meta.name,messageId:u.messageId,kind:u.kind,level:l,message:u.message,loc:u.loc,related:u.related,address:u.loc.address,instances:d?[...d]:null,arn:u.loc.arn??null,entityArn:u.entity?.arn??null,account:u.entity?.account??null,region:u.entity?.region??null,key:u.key,fingerprint:Vu(u.rule.meta.id,u.loc,u.key),fixable:!1,fix:u.fix,suppression:null})}let{results:o,notifications:s}=ju(r,e,n.config.suppressions,n.today),a=0,c=n.baseline?o.filter(u=>n.baseline.has(u.fingerprint)?(a++,!1):!0):o;return c.sort(iy),{results:c,notifications:s,baselined:a}}function ry(t){let e=t.loc.range;return[t.rule.meta.id,t.kind,t.key,t.loc.file??"",t.loc.arn??"",e?`${e.startLine}:${e.startColumn}:${e.endLine}:${e.endColumn}`:""].join("\0")}function iy(t,e){let n=[t.loc.file??"",t.account??"",t.region??"",t.loc.arn??""],r=[e.loc.file??"",e.account??"",e.region??"",e.loc.arn??""];for(let s=0;s<n.length;s++)if(n[s]!==r[s])return n[s]<r[s]?-1:1;let i=t.loc.range,o=e.loc.range;if(i&&o){if(i.startLine!==o.startLine)return i.startLine-o.startLine;if(i.startColumn!==o.startColumn)return i.startColumn-o.startColumn}return t.ruleId!==e.ruleId?t.ruleId<e.ruleId?-1:1:t.key<e.key?-1:t.key>e.key?1:0}function Xr(t,e,n){let r={error:0,warning:0,note:0,review:0,suppressed:0,baselined:e,files:n};for(let i of t)i.suppression?r.suppressed++:i.kind==="review"?r.review++:r[i.level]++;return r}var zu={error:3,warning:2,note:1};function Jr(t,e){return e==="none"?!1:t.some(n=>!n.suppression&&n.kind==="fail"&&zu[n.level]>=zu[e])}var oy=10;function sy(t,e){return"add"in t?gn(e)?{request:t,origin:"default"}:null:gn(e)?null:{request:t,origin:e.origin}}function ay(t,e,n){return t.replace(/\{\{\s*(\w+)\s*\}\}/g,(r,i)=>{let o=e?.[i];if(o===void 0)throw new Error(`${n}: message placeholder {{${i}}} has no data`);return Ms(o)})}function ly(t){return gn(t)?t:null}function an(t,e,n){let r=[],i=[];for(let o of e){let s=(a,c,u,l,d)=>{let m=o.meta.messages[c.messageId];if(m===void 0)throw new Error(`${o.meta.id}: unknown messageId '${c.messageId}'`);let f=[...(c.related??[]).slice(0,oy),...(d?.via??[]).map(h=>({at:h,message:"module call"}))].map(h=>({loc:ki(Fi(h.at)),message:h.message})),p=c.fix&&o.meta.fix==="safe"&&u?sy(c.fix,u):null;return{rule:o,messageId:c.messageId,level:c.level??null,kind:a,message:ay(m,c.data,o.meta.id),loc:ki(l),related:f,entity:d,key:c.key??"",fix:p}};try{o.check({model:t,settings:n,report(a){if("kind"in a.at&&a.at.kind!=="known")throw new Error(`${o.meta.id}: reported an unknown value`);r.push(s("fail",a,a.at,Fi(a.at),a.entity??ly(a.at)))},review(a,c){r.push(s("review",c,null,a.loc,c.entity??null))}})}catch(a){i.push({level:"error",id:"rule-error",message:`${o.meta.id} ${o.meta.name} failed: ${a instanceof Error?a.message:String(a)}`})}}return{results:r,notifications:i}}import ti from"node:path";var Qr=class{constructor(e,n){this.kind=e;this.text=n}kind;text;lineIndex=null;tree=void 0;get lines(){return this.lineIndex??=new ke(this.text)}span(e){let n=this.lines;return[n.lineStart(e.startLine)+e.startColumn-1,n.lineStart(e.endLine)+e.endColumn-1]}get root(){if(this.tree===void 0){let e=this.kind==="cloudformation-json"?mn(this.text):Jt(this.text);this.tree=e.ok?e.root:null}return this.tree}},Uu=/^(?:true|false|"(?:true|false)"|'(?:true|false)'|True|False|"True"|"False")$/;function $e(t,e){let n=t.lastIndexOf(`
`,e-1)+1;return/^[ \t]*/.exec(t.slice(n))[0]}function os(t,e,n,r,i){let o=t.indexOf(r,e);if(o<0||o>=n)return null;let s=o+r.length;for(;s<n&&/\s/.test(t[s]);)s++;let a=t.slice(s,n).trim();return Uu.test(a)?{start:s,end:s+a.length,text:i}:null}function cy(t,e,n,r){let{text:i}=t,[o,s]=t.span(e.range);if(n==="explicit")return os(i,o,s,"=","true");if(e.path.length!==1||i[s-1]!=="{")return null;let a=$e(i,o)+"  ",c=/^[ \t]*\}/.test(i.slice(s));return{start:s,end:s,text:`
${a}${r} = true${c?`
`+$e(i,o):""}`}}function Ku(t,e){if(!t||t.kind!=="map")return null;let n=x(t,"Resources")?.value,r=n?.kind==="map"?x(n,e):void 0;return r?.value.kind==="map"?r:null}function ss(t,e){return Ku(t,e)?.value??null}function qu(t){let e=x(t,"Type")?.value;return e?.kind==="scalar"&&e.value==="AWS::S3::Bucket"}function uy(t,e,n,r){let{text:i}=t,[o,s]=t.span(e.range);if(n==="explicit")return os(i,o,s,":","true");if(e.path.length!==1)return null;let a=ss(t.root,e.address);if(!a)return null;let c=x(a,"Properties");if(!c){let f=x(a,"Type");if(!f)return null;let p=i.indexOf(`
`,f.value.span[1]),h=$e(i,f.keySpan[0]),C=p<0?i.length:p+1;return{start:C,end:C,text:`${p<0?`
`:""}${h}Properties:
${h}  ${r}: true
`}}let u=c.value;if(u.kind!=="map")return null;if(i[u.span[0]]==="{"){let f=u.entries.length===0;return{start:u.span[0]+1,end:u.span[0]+1,text:f?` ${r}: true `:` ${r}: true,`}}let d=u.entries[0];if(!d)return null;let m=i.lastIndexOf(`
`,d.keySpan[0]-1)+1;return{start:m,end:m,text:`${$e(i,d.keySpan[0])}${r}: true
`}}function dy(t,e,n,r){let{text:i}=t,[o,s]=t.span(e.range);if(n==="explicit")return os(i,o,s,":","true");if(e.path.length!==1)return null;let a=ss(t.root,e.address);if(!a)return null;let c=x(a,"Properties")?.value,u=c?.kind==="map"?c:a,l=u===a?`"Properties": { "${r}": true }`:`"${r}": true`,d=u.span[0]+1,m=u.entries[0];return m?i.slice(d,m.keySpan[0]).includes(`
`)?{start:d,end:d,text:`
${$e(i,m.keySpan[0])}${l},`}:{start:d,end:d,text:` ${l},`}:{start:d,end:d,text:` ${l} `}}function Hu(t,e,n){if(!e.file||!e.range)return null;let r=String(e.path[e.path.length-1]??"");return r?t.kind==="terraform"?cy(t,e,n,r):t.kind==="cloudformation-yaml"?uy(t,e,n,r):t.kind==="cloudformation-json"?dy(t,e,n,r):null:null}function Yu(t,e){let[n,r]=t.span(e),i=t.text.slice(n,r);return!Uu.test(i)||/true/i.test(i)?null:{start:n,end:r,text:"true"}}var Zr=["BlockPublicAcls","BlockPublicPolicy","IgnorePublicAcls","RestrictPublicBuckets"],fy=["block_public_acls","block_public_policy","ignore_public_acls","restrict_public_buckets"];function ei(t,e){return e.length>t.length&&e.startsWith(t)?e.slice(t.length):"  "}function Xu(t,e,n){return!e.file||!e.range?null:t.kind==="terraform"?my(t,e,n):t.kind==="cloudformation-yaml"?py(t,e):t.kind==="cloudformation-json"?gy(t,e):null}function my(t,e,n){let r=/^aws_s3_bucket\.([A-Za-z_][\w-]*)$/.exec(e.address);if(!r||!e.block)return null;let{text:i}=t,[o,s]=t.span(e.block);if(i[s-1]!=="}")return null;let a=i.slice(o,s);if(/^[ \t]*(count|for_each)[ \t]*=/m.test(a))return null;let c=r[1],u=[c,`${c}_public_access_block`].find(v=>!n(v));if(!u)return null;let l=$e(i,o),d=a.split(`
`)[1],m=d!==void 0&&d.trim()!==""&&d.trim()!=="}"?ei(l,/^[ \t]*/.exec(d)[0]):"  ",f=/^[ \t]*provider[ \t]*=(.*)$/m.exec(a),p=f?/^[ \t]*([A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)?)[ \t]*(?:(?:#|\/\/).*)?$/.exec(f[1])?.[1]:void 0;if(f&&!p)return null;let h=[...p?[["provider",p]]:[],["bucket",`aws_s3_bucket.${c}.id`],...fy.map(v=>[v,"true"])],C=Math.max(...h.map(([v])=>v.length)),_=[`${l}resource "aws_s3_bucket_public_access_block" "${u}" {`,...h.map(([v,T])=>`${l}${m}${v.padEnd(C)} = ${T}`),`${l}}`].join(`
`),y=i.indexOf(`
`,s),g=y<0?i.length:y;return{start:g,end:g,text:`

${_}`}}function py(t,e){let{text:n}=t,r=Ku(t.root,e.address);if(!r)return null;let i=r.value;if(!qu(i))return null;let o=x(i,"Type"),s=(f,p)=>Zr.map(h=>`${f}${p}${h}: true
`).join(""),a=x(i,"Properties");if(!a){if(n[i.span[0]]==="{")return null;let f=$e(n,o.keySpan[0]),p=ei($e(n,r.keySpan[0]),f),h=n.indexOf(`
`,o.value.span[1]),C=h<0?n.length:h+1;return{start:C,end:C,text:`${h<0?`
`:""}${f}Properties:
${f}${p}PublicAccessBlockConfiguration:
${s(f+p,p)}`}}let c=a.value;if(c.kind!=="map")return null;if(n[c.span[0]]==="{"){let f=`PublicAccessBlockConfiguration: { ${Zr.map(h=>`${h}: true`).join(", ")} }`,p=c.span[0]+1;return{start:p,end:p,text:c.entries.length===0?` ${f} `:` ${f},`}}let u=c.entries[0];if(!u)return null;let l=$e(n,u.keySpan[0]),d=ei($e(n,a.keySpan[0]),l),m=n.lastIndexOf(`
`,u.keySpan[0]-1)+1;return{start:m,end:m,text:`${l}PublicAccessBlockConfiguration:
${s(l,d)}`}}function gy(t,e){let{text:n}=t,r=ss(t.root,e.address);if(!r||!qu(r))return null;let i=x(r,"Properties")?.value;if(i&&i.kind!=="map")return null;let o=i??r,s=o.span[0]+1,a=o.entries[0],c=()=>{let p=`"PublicAccessBlockConfiguration": { ${Zr.map(h=>`"${h}": true`).join(", ")} }`;return o===r?`"Properties": { ${p} }`:p};if(!a)return{start:s,end:s,text:` ${c()} `};if(!n.slice(s,a.keySpan[0]).includes(`
`))return{start:s,end:s,text:` ${c()},`};let u=$e(n,a.keySpan[0]),l=ei($e(n,o.span[0]),u),d=(p,h)=>`{
${h.map(C=>`${p}${l}${C}`).join(`,
`)}
${p}}`,m=o===r?u+l:u,f=`"PublicAccessBlockConfiguration": ${d(m,Zr.map(p=>`"${p}": true`))}`;return o===r&&(f=`"Properties": ${d(u,[f])}`),{start:s,end:s,text:`
${u}${f},`}}var Ju=/(^|\/)(\.terraform|cdk\.out)\//;function Qu(t,e,n){let r=new Map(e.map(g=>[g.rel,g])),i=new Map,o=g=>{let v=i.get(g.rel);return v===void 0&&i.set(g.rel,v=g.stale??!1),v},s=g=>({refused:`${g.rel} changed on disk during the scan`}),a=new Map,c=g=>{let v=a.get(g.rel);return v||a.set(g.rel,v=new Qr(g.kind,g.text)),v},u=new Map,l=[];for(let g of e){if(!Xn.test(g.rel))continue;l.push(g);let v=bt(g.rel),T=u.get(v);T?T.push(g):u.set(v,[g])}let d=new Map,m=(g,v)=>{let T=`${v}\0${g}`;if(!d.has(T)){let E=ti.posix.normalize(v),D=l.filter(I=>ti.posix.normalize(bt(I.rel))!==E);d.set(T,yy(D,c,g))}return d.get(T)},f=new Map,p=(g,v)=>{let T=`${g}\0${v}`,E=f.get(T);return E===void 0&&f.set(T,E=by(u.get(g)??[],c,v)),E},h=new Map,C=[],_=g=>{if(g.kind==="cli")return{refused:`${g.name} is given with --var on the command line`};if(g.kind==="environment")return{refused:`${g.name} is given by the environment variable TF_VAR_${g.name.slice(4)}`};if(g.others.length)return{refused:hy(g.others,n)};let v=Qe(ti.resolve(n,g.file),n);if(Ju.test(v))return{refused:`${g.name} is written in ${v}:${g.range.startLine}, inside a downloaded module`};let T=r.get(v);if(!T)return{refused:`${g.name} is written in ${v}:${g.range.startLine}, which is not among the scanned files`};if(o(T))return s(T);if(g.kind==="var-file"){let D=m(g.name.slice(4),g.rootDir);if(D)return{refused:`the --var-file ${v} also sets the variable declared at ${D}`}}let E=Yu(c(T),g.range);return E?{file:T,edit:E,description:`Set ${g.name} to true where it is written (${v}:${g.range.startLine})`}:null};return{results:t.map(g=>{if(!g.fix||g.suppression||!g.loc.file)return g;let v=g.fix.request,T=r.get(g.loc.file),E=null;if(!("add"in v)&&v.value===!0&&g.loc.written)E=_(g.loc.written);else{if(!T||Ju.test(T.rel))return g;if(o(T))E=s(T);else if("add"in v){let D=Xu(c(T),g.loc,I=>p(bt(T.rel),I));E=D?{file:T,edit:D,description:"Add a public access block with its four settings on"}:null}else if(v.value===!0){let D=Hu(c(T),g.loc,g.fix.origin);E=D?{file:T,edit:D}:null}}return E===null?g:"refused"in E?(C.push({level:"note",id:"fix-unavailable",message:`${g.ruleId}: not fixed: ${E.refused}; change it by hand`,file:g.loc.file,...g.loc.range?{line:g.loc.range.startLine,column:g.loc.range.startColumn}:{}}),g):(h.set(g.fingerprint,{file:E.file.rel,edit:E.edit,before:E.file.text,...E.description?{description:E.description}:{}}),{...g,fixable:!0})}),fixes:h,notifications:C}}function hy(t,e){let n=new Map;for(let r of t)n.set(r.reads,[...n.get(r.reads)??[],r]);return[...n].map(([r,i])=>{let o=i.slice(0,3).map(c=>`${c.what} (${Qe(ti.resolve(e,c.file),e)}:${c.line})`),s=i.length>3?" and more":"",a=o.length>1&&!s?`${o.slice(0,-1).join(", ")} and ${o[o.length-1]}`:o.join(", ")+s;return`${r} also feeds ${a}`}).join("; ")}function yy(t,e,n){let r=new RegExp(`^[ \\t]*variable[ \\t]+"${Zu(n)}"[ \\t]*\\{`,"m");for(let i of t){let o=e(i),s=o.text,a=i.kind==="terraform"?r.exec(s):s.includes('"variable"')&&s.includes(`"${n}"`)?{index:s.indexOf(`"${n}"`)}:null;if(a)return`${i.rel}:${o.lines.position(a.index).line}`}}function by(t,e,n){let r=new RegExp(`resource\\s+"aws_s3_bucket_public_access_block"\\s+"${Zu(n)}"`);return t.some(i=>{let o=e(i).text;return r.test(o)||i.kind==="terraform-json"&&o.includes('"aws_s3_bucket_public_access_block"')&&o.includes(`"${n}"`)})}function Zu(t){return t.replace(/[.*+?^${}()|[\]\\]/g,"\\$&")}var He=new G("invalid","AWS::NoValue"),ky={"AWS::AccountId":J("AWS::AccountId"),"AWS::Region":J("AWS::Region"),"AWS::StackName":J("AWS::StackName"),"AWS::StackId":J("AWS::StackId"),"AWS::Partition":"aws","AWS::URLSuffix":"amazonaws.com","AWS::NotificationARNs":new G("unsupported-expression","AWS::NotificationARNs")},qe=J("AWS::AccountId"),st=J("AWS::Region"),ri=class{constructor(e){this.t=e}t;conditionCache=new Map;visiting=new Set;value(e,n=0){if(n>200)return new G("unsupported-expression","nesting too deep");if(e.kind==="scalar")return e.value;if(e.kind==="seq"){let o=[];for(let s of e.items){let a=this.value(s,n+1);a!==He&&o.push(a)}return o}let r=e.entries.length===1?e.entries[0]:null;if(r&&(r.key==="Ref"||r.key.startsWith("Fn::")))return this.call(r.key,r.value,e,n);let i={};for(let o of e.entries){let s=this.value(o.value,n+1);s!==He&&(i[o.key]=s)}return i}call(e,n,r,i){switch(e){case"Ref":return n.kind==="scalar"?this.ref(Vt(n),r.span[0]):Mn("Ref");case"Fn::GetAtt":return this.getAtt(n,i);case"Fn::Sub":return this.sub(n,i);case"Fn::Join":return this.join(n,i);case"Fn::Select":return this.select(n,i);case"Fn::Split":return this.split(n,i);case"Fn::If":return this.fnIf(n,i);case"Fn::FindInMap":return this.findInMap(n,i);case"Fn::Base64":{let o=this.value(n,i+1);return typeof o=="string"&&!R(o)?Buffer.from(o,"utf8").toString("base64"):Ce(o,"Fn::Base64")}case"Fn::ToJsonString":{let o=this.value(n,i+1);return Fn(o)?new G("unsupported-expression","Fn::ToJsonString"):JSON.stringify(o)}case"Fn::Length":{let o=this.value(n,i+1);return Array.isArray(o)?o.length:Ce(o,"Fn::Length")}case"Fn::Equals":case"Fn::Not":case"Fn::And":case"Fn::Or":return this.condition(r,i);case"Fn::ImportValue":return new G("import-value","Fn::ImportValue");default:return new G("unsupported-expression",e)}}ref(e,n){if(e==="AWS::NoValue")return He;let r=ky[e];if(r!==void 0)return r;let i=this.t.parameters&&x(this.t.parameters,e);if(i)return this.parameter(e,i.value);let o=this.t.resources.get(e);return o?this.resourceRef(o):(this.t.notice("warning","unresolved-reference",`Ref to '${e}', which is not a parameter or resource of this template`,n),new G("not-found",e))}parameter(e,n){let r=me(n)&&x(n,"Default");if(!r)return new G("unset-variable",e);let i=this.value(r.value),o=x(n,"Type")?.value,s=o?.kind==="scalar"?String(o.value):"String";return(s.startsWith("List<")||s==="CommaDelimitedList")&&typeof i=="string"?i.split(",").map(a=>a.trim()):i}resourceRef(e){switch(e.type){case"AWS::S3::Bucket":return this.nameOf(e,"BucketName");case"AWS::CloudTrail::Trail":return this.nameOf(e,"TrailName");case"AWS::Logs::LogGroup":return this.nameOf(e,"LogGroupName");case"AWS::KMS::Alias":return this.nameOf(e,"AliasName");case"AWS::SNS::Topic":return`arn:aws:sns:${st}:${qe}:${ni(this.nameOf(e,"TopicName"))}`;case"AWS::CloudTrail::EventDataStore":return this.getAttOf(e,"EventDataStoreArn");default:return J(e.logicalId)}}nameOf(e,n){let r=e.properties&&x(e.properties,n);if(!r)return J(e.logicalId);if(this.visiting.has(e.logicalId))return this.t.notice("warning","cyclic-reference",`cyclic reference through resource '${e.logicalId}'`,r.keySpan[0]),new G("cycle",e.logicalId);this.visiting.add(e.logicalId);try{let i=this.value(r.value);return i===He?J(e.logicalId):i}finally{this.visiting.delete(e.logicalId)}}getAttOf(e,n){let r=o=>ni(this.nameOf(e,o)),i=(...o)=>o.find(R)??o.join("");switch(`${e.type}.${n}`){case"AWS::S3::Bucket.Arn":return i("arn:aws:s3:::",r("BucketName"));case"AWS::CloudTrail::Trail.Arn":return i(`arn:aws:cloudtrail:${st}:${qe}:trail/`,r("TrailName"));case"AWS::Logs::LogGroup.Arn":return i(`arn:aws:logs:${st}:${qe}:log-group:`,r("LogGroupName"),":*");case"AWS::KMS::Key.Arn":return`arn:aws:kms:${st}:${qe}:key/${J(e.logicalId)}`;case"AWS::KMS::Key.KeyId":return J(e.logicalId);case"AWS::SNS::Topic.TopicArn":return i(`arn:aws:sns:${st}:${qe}:`,r("TopicName"));case"AWS::SNS::Topic.TopicName":return r("TopicName");case"AWS::IAM::Role.Arn":return i(`arn:aws:iam::${qe}:role/`,r("RoleName"));case"AWS::CloudTrail::EventDataStore.EventDataStoreArn":return`arn:aws:cloudtrail:${st}:${qe}:eventdatastore/${J(e.logicalId)}`;default:return J(`${e.logicalId}.${n}`)}}getAtt(e,n){let r;if(e.kind==="scalar"&&typeof e.value=="string"){let a=e.value.indexOf(".");r=a<0?[e.value]:[e.value.slice(0,a),e.value.slice(a+1)]}else{let a=this.value(e,n+1);if(!Array.isArray(a))return Mn("Fn::GetAtt");r=[...a]}let[i,o]=r;if(typeof i!="string"||typeof o!="string")return Ce(o??null,"Fn::GetAtt");let s=this.t.resources.get(i);return s?this.getAttOf(s,o):(this.t.notice("warning","unresolved-reference",`Fn::GetAtt names '${i}', which is not a resource of this template`,e.span[0]),new G("not-found",i))}sub(e,n){let r,i={};if(e.kind==="seq"){r=e.items[0]?this.value(e.items[0],n+1):null;let c=e.items[1]?this.value(e.items[1],n+1):{};z(c)&&(i={...c})}else r=this.value(e,n+1);if(typeof r!="string")return Ce(r,"Fn::Sub");let o="",s=0,a=/\$\{([^}]*)\}/g;for(let c=a.exec(r);c;c=a.exec(r)){o+=r.slice(s,c.index),s=c.index+c[0].length;let u=c[1].trim();if(u.startsWith("!")){o+="${"+u.slice(1)+"}";continue}let l;if(u in i)l=i[u];else if(u.includes(".")&&!u.startsWith("AWS::")){let m=u.indexOf("."),f=this.t.resources.get(u.slice(0,m));l=f?this.getAttOf(f,u.slice(m+1)):this.ref(u,e.span[0])}else l=this.ref(u,e.span[0]);let d=ni(l);if(R(d))return d;o+=d}return o+r.slice(s)}join(e,n){let r=this.value(e,n+1);if(!Array.isArray(r)||r.length!==2)return Ce(r,"Fn::Join");let[i,o]=r;if(typeof i!="string")return Ce(i??null,"Fn::Join");if(!Array.isArray(o))return Ce(o??null,"Fn::Join");let s=[];for(let a of o){let c=ni(a);if(R(c))return c;s.push(c)}return s.join(i)}select(e,n){let r=this.value(e,n+1);if(!Array.isArray(r)||r.length!==2)return Ce(r,"Fn::Select");let[i,o]=r,s=typeof i=="string"?Number(i):i;return typeof s!="number"||!Array.isArray(o)?Ce(Array.isArray(o)?i??null:o??null,"Fn::Select"):o[s]??Mn("Fn::Select")}split(e,n){let r=this.value(e,n+1);if(!Array.isArray(r)||r.length!==2)return Ce(r,"Fn::Split");let[i,o]=r;return typeof i!="string"||typeof o!="string"?Ce(typeof i=="string"?o??null:i??null,"Fn::Split"):o.split(i)}fnIf(e,n){if(e.kind!=="seq"||e.items.length!==3)return Mn("Fn::If");let r=e.items[0],i=r.kind==="scalar"?this.namedCondition(Vt(r),r.span[0]):new G("invalid","Fn::If");if(i===!0)return this.value(e.items[1],n+1);if(i===!1)return this.value(e.items[2],n+1);let o=this.value(e.items[1],n+1),s=this.value(e.items[2],n+1);return ii(o,s)?o:new G("condition",r.kind==="scalar"?String(r.value):"Fn::If")}findInMap(e,n){let r=this.value(e,n+1);if(!Array.isArray(r)||r.length<3)return Ce(r,"Fn::FindInMap");let[i,o,s,a]=r;if(typeof i!="string"||typeof o!="string"||typeof s!="string")return Ce([i,o,s].find(R)??null,"Fn::FindInMap");let c=this.t.mappings&&me(x(this.t.mappings,i)?.value),u=c&&me(x(c,o)?.value),l=u&&x(u,s);return l?this.value(l.value,n+1):z(a)&&"DefaultValue"in a?a.DefaultValue:new G("not-found",`Fn::FindInMap ${i}.${o}.${s}`)}namedCondition(e,n){let r=this.conditionCache.get(e);if(r!==void 0)return r;let i=this.t.conditions&&x(this.t.conditions,e);if(!i)return this.t.notice("warning","unresolved-reference",`condition '${e}' is not defined in Conditions`,n),new G("not-found",e);if(this.visiting.has(`condition:${e}`))return this.t.notice("warning","cyclic-reference",`condition '${e}' refers to itself`,i.keySpan[0]),new G("cycle",e);this.visiting.add(`condition:${e}`);let o=this.condition(i.value,0);this.visiting.delete(`condition:${e}`);let s=typeof o=="boolean"||o instanceof G?o:new G("invalid",e);return this.conditionCache.set(e,s),s}condition(e,n){if(n>100)return new G("unsupported-expression","condition nesting");let r=e.kind==="map"&&e.entries.length===1?e.entries[0]:null;if(!r){let o=this.value(e,n+1);return typeof o=="boolean"?o:o==="true"?!0:o==="false"?!1:new G("invalid","condition")}if(r.key==="Condition"){let o=r.value;return o.kind==="scalar"?this.namedCondition(Vt(o),o.span[0]):new G("invalid","Condition")}let i=r.value.kind==="seq"?r.value.items:[];switch(r.key){case"Fn::Equals":{if(i.length!==2)return new G("invalid","Fn::Equals");let o=this.value(i[0],n+1),s=this.value(i[1],n+1);return Fn(o)||Fn(s)?new G("condition","Fn::Equals"):String(o)===String(s)||ii(o,s)}case"Fn::Not":{let o=i[0]?this.condition(i[0],n+1):new G("invalid","Fn::Not");return typeof o=="boolean"?!o:o}case"Fn::And":case"Fn::Or":{let o=r.key==="Fn::Or",s=null;for(let a of i){let c=this.condition(a,n+1);if(c===o)return o;c instanceof G&&(s=c)}return s??!o}default:{let o=this.value(e,n+1);return typeof o=="boolean"?o:new G("condition",r.key)}}}};function ni(t){return typeof t=="string"?t:typeof t=="number"||typeof t=="boolean"?String(t):R(t)?t:new G("invalid","expected a string")}function Mn(t){return new G("invalid",t)}function Ce(t,e){return R(t)?t:Mn(e)}function Fn(t){return R(t)?!0:Array.isArray(t)?t.some(Fn):z(t)?Object.values(t).some(Fn):!1}function ii(t,e){if(R(t)||R(e))return!1;if(Array.isArray(t)&&Array.isArray(e))return t.length===e.length&&t.every((n,r)=>ii(n,e[r]));if(z(t)&&z(e)){let n=Object.keys(t);return n.length===Object.keys(e).length&&n.every(r=>r in e&&ii(t[r],e[r]))}return t===e}function wy(t){return t.kind==="map"&&t.entries.length===1&&(t.entries[0].key==="Ref"||t.entries[0].key.startsWith("Fn::"))}var oi=class{constructor(e,n,r){this.t=e;this.ev=n;this.res=r;this.header=e.loc(r.keySpan[0],r.keySpan[1],r.logicalId,[])}t;ev;res;header;get(e){let n=this.res.properties;if(!n)return null;let r=0,i=0,o=0,s=()=>o===0?this.header:this.t.loc(r,i,this.res.logicalId,e,o);for(let c=0;c<e.length;c++){let u=e[c];if(wy(n))return this.navigate(this.ev.value(n),e.slice(c),s());if(n.kind==="map"&&typeof u=="string"){let l=n.entries.find(d=>d.key===u);if(!l)return null;r=l.keySpan[0],i=l.value.span[1],n=l.value}else if(n.kind==="seq"&&typeof u=="number"){let l=n.items[u];if(!l)return null;r=l.span[0],i=l.span[1],n=l}else return null;o=c+1}let a=this.ev.value(n);return a===He?null:{value:a,loc:s()}}navigate(e,n,r){let i=e;for(let o of n){if(i===He)return null;if(R(i))return{value:i,loc:r};if(typeof o=="number"&&Array.isArray(i))i=i[o]??He;else if(typeof o=="string"&&z(i))i=o in i?i[o]:He;else return null}return i===He?null:{value:i,loc:r}}read(e,n,r){let i=this.get(e);return i?kt(i.value,n,i.loc):r===void 0?ne("not-found",Xs(this.header,e),"absent"):le(r,this.header,e)}locOf(e){for(let n=e.length;n>0;n--){let r=this.get(e.slice(0,n));if(r)return r.loc}return this.header}};function dt(t){return Array.isArray(t)||R(t)?t:new G("invalid","expected a list")}var ln=t=>t===null?null:Ve(t);function td(t){let e=new ri(t),n=jt(),r=[];for(let c of t.resources.values()){if(!vy(t,e,c))continue;let u=new oi(t,e,c);r.push(u),n.directives.push(..._y(t,c))}let i=c=>r.filter(u=>u.res.type===c),o=i("AWS::KMS::Alias"),s=i("AWS::S3::BucketPolicy"),a=i("AWS::SNS::Subscription");return n.keys=i("AWS::KMS::Key").map(c=>Wy(c,o)),n.logGroups=i("AWS::Logs::LogGroup").map(Dy),n.buckets=i("AWS::S3::Bucket").map(c=>Iy(c,s)),n.metricFilters=i("AWS::Logs::MetricFilter").map(My),n.alarms=i("AWS::CloudWatch::Alarm").map(Fy),n.topics=i("AWS::SNS::Topic").map(c=>By(c,a)),n.trails=i("AWS::CloudTrail::Trail").map(c=>Sy(c,n)),n.eventDataStores=i("AWS::CloudTrail::EventDataStore").map(c=>Ry(c,n)),n}function vy(t,e,n){let r=x(n.node,"Condition")?.value;return!r||r.kind!=="scalar"?!0:e.namedCondition(Vt(r),r.span[0])!==!1}function _y(t,e){let n=me(x(e.node,"Metadata")?.value),r=n&&me(x(n,"trailguard")?.value),i=r&&x(r,"ignore")?.value;if(!i||i.kind!=="seq")return[];let o=[];for(let s of i.items){let a=me(s),c=a&&ed(x(a,"id")?.value);if(!a||!c){t.notice("warning","invalid-suppression","trailguard ignore entries need an `id`",s.span[0]);continue}let u=ed(x(a,"reason")?.value);o.push({rules:c.split(",").map(l=>l.trim()),reason:u&&u.trim()?u.trim():null,loc:t.loc(s.span[0],s.span[1],e.logicalId,[]),file:t.file,address:e.logicalId})}return o}function ed(t){return t&&t.kind==="scalar"&&t.value!==null?String(t.value):null}function Ay(t,e){return t.kind==="known"&&!Be(t.value)?t.value:e}function Bn(t,e){let n=t.get([e]);return n?kt(n.value,Ve,n.loc):le(J(t.res.logicalId),t.header,[e])}function si(t){return t.kind==="known"&&!Be(t.value)?t.value:"*"}function Vn(t,e,n){return{address:t.res.logicalId,source:"cloudformation",loc:t.header,label:Ay(e,t.res.logicalId),arn:n}}function Sy(t,e){let n=Bn(t,"TrailName"),r=t.read(["S3BucketName"],Ve,void 0),i=t.read(["KMSKeyId"],ln,null),o=t.read(["CloudWatchLogsLogGroupArn"],ln,null),s=t.ev.getAttOf(t.res,"Arn");return{type:"trail",...Vn(t,n,`arn:aws:cloudtrail:*:*:trail/${si(n)}`),name:n,trailArn:kt(s,Ve,n.loc),isMultiRegion:t.read(["IsMultiRegionTrail"],we,!1),logFileValidation:t.read(["EnableLogFileValidation"],we,!1),isLogging:t.read(["IsLogging"],we,void 0),includeGlobalServiceEvents:t.read(["IncludeGlobalServiceEvents"],we,!0),isOrganizationTrail:t.read(["IsOrganizationTrail"],we,!1),kmsKeyId:i,kmsKey:wi(i,e.keys),cloudWatchLogsGroupArn:o,cloudWatchLogsRoleArn:t.read(["CloudWatchLogsRoleArn"],ln,null),logGroup:zs(o,e.logGroups),bucketName:r,bucket:Vs(r,e.buckets),s3KeyPrefix:t.read(["S3KeyPrefix"],ln,null),selectors:Ty(t),insights:xy(t)}}function Ty(t){let e=t.get(["AdvancedEventSelectors"]);if(e)return nd(t,e.value,e.loc,["AdvancedEventSelectors"]);let n=t.get(["EventSelectors"]);if(!n)return le({kind:"none"},t.header,["EventSelectors"]);let r=dt(n.value);if(R(r))return ne(r.reason,n.loc,r.detail);if(r.length===0)return B({kind:"none"},n.loc);let i=r.map((o,s)=>{let a=z(o)?o:{},c=a.DataResources,u=Array.isArray(c)?c.map(l=>z(l)?{type:l.Type??null,values:l.Values??null}:{type:l,values:l}):c??[];return{readWriteType:a.ReadWriteType??"All",includeManagementEvents:a.IncludeManagementEvents??!0,excludeManagementEventSources:a.ExcludeManagementEventSources??[],dataResources:u,loc:R(o)?n.loc:t.locOf(["EventSelectors",s])}});return B({kind:"basic",selectors:i},n.loc)}function nd(t,e,n,r){let i=dt(e);if(R(i))return ne(i.reason,n,i.detail);let o=i.map((s,a)=>{let c=z(s)?s:{},u=c.FieldSelectors,l=Array.isArray(u)?u.map(d=>Cy(z(d)?d:{})):u??(R(s)?s:[]);return{name:c.Name??null,fieldSelectors:l,loc:R(s)?n:t.locOf([...r,a])}});return B({kind:"advanced",selectors:o},n)}function Cy(t){return{field:t.Field??null,equals:t.Equals??null,notEquals:t.NotEquals??null,startsWith:t.StartsWith??null,notStartsWith:t.NotStartsWith??null,endsWith:t.EndsWith??null,notEndsWith:t.NotEndsWith??null}}function xy(t){let e=t.get(["InsightSelectors"]);if(!e)return le([],t.header,["InsightSelectors"]);let n=dt(e.value);if(R(n))return ne(n.reason,e.loc,n.detail);let r=[];for(let i of n){let o=z(i)?i.InsightType:i;if(R(o))return ne(o.reason,e.loc,o.detail);(o==="ApiCallRateInsight"||o==="ApiErrorRateInsight")&&r.push(o)}return B(r,e.loc)}function Ry(t,e){let n=Bn(t,"Name"),r=t.read(["KmsKeyId"],ln,null),i=t.get(["AdvancedEventSelectors"]);return{type:"event-data-store",...Vn(t,n,"arn:aws:cloudtrail:*:*:eventdatastore/*"),name:n,isMultiRegion:t.read(["MultiRegionEnabled"],we,!0),isOrganization:t.read(["OrganizationEnabled"],we,!1),ingesting:t.read(["IngestionEnabled"],we,!0),selectors:i?nd(t,i.value,i.loc,["AdvancedEventSelectors"]):le({kind:"none"},t.header,["AdvancedEventSelectors"]),kmsKeyId:r,kmsKey:wi(r,e.keys)}}function Ey(t){let e=t.get(["Tags"]);if(!e)return le({},t.header,["Tags"]);let n=dt(e.value);if(R(n))return ne(n.reason,e.loc,n.detail);let r={};for(let i of n){if(!z(i))continue;let o=i.Key;if(typeof o=="string")r[o]=i.Value??null;else if(R(o))return ne(o.reason,e.loc,o.detail)}return B(r,e.loc)}function Iy(t,e){let n=Bn(t,"BucketName"),r=t.get(["VersioningConfiguration","Status"]);return{type:"bucket",...Vn(t,n,`arn:aws:s3:::${si(n)}`),name:n,tags:Ey(t),versioningEnabled:r?kt(r.value,i=>R(i)?i:i==="Enabled",r.loc):le(!1,t.header,["VersioningConfiguration"]),mfaDelete:le(!1,t.header,["VersioningConfiguration","MfaDelete"]),objectLock:Ly(t),publicAccessBlock:$y(t),policy:Gy(t,n,e),acl:t.read(["AccessControl"],ln,null),aclGranteeUris:le([],t.header,["AccessControl"]),lifecycle:Py(t),accessLogging:Ny(t)}}function Ly(t){let e=t.get(["ObjectLockConfiguration"]),n=t.get(["ObjectLockEnabled"]);if(!e&&!n)return le(null,t.header,["ObjectLockConfiguration"]);let r=e?t.get(["ObjectLockConfiguration","ObjectLockEnabled"]):null,i=r?r.value:n?we(n.value):!1,o=e?.loc??n.loc;if(R(i))return ne(i.reason,o,i.detail);let s=i===!0||i==="Enabled",a=t.get(["ObjectLockConfiguration","Rule","DefaultRetention"]);if(!s)return B({enabled:!1,mode:null,defaultRetentionDays:null},o);if(!a)return B({enabled:!0,mode:null,defaultRetentionDays:null},o);let c=z(a.value)?a.value:null;if(!c)return ne(R(a.value)?a.value.reason:"invalid",a.loc);let u=c.Days!==void 0?zt(c.Days):c.Years!==void 0?Oy(zt(c.Years)):null,l=c.Mode??null;return R(u)?ne(u.reason,a.loc,u.detail):R(l)?ne(l.reason,a.loc,l.detail):B({enabled:!0,mode:typeof l=="string"?l:null,defaultRetentionDays:u},a.loc)}function Oy(t){return typeof t=="number"?t*365:t}function $y(t){let e=t.get(["PublicAccessBlockConfiguration"]);if(!e)return le(null,t.header,["PublicAccessBlockConfiguration"]);if(R(e.value))return ne(e.value.reason,e.loc,e.value.detail);let n=r=>{let i=t.get(["PublicAccessBlockConfiguration",r]);return i?kt(i.value,we,i.loc):le(!1,e.loc,["PublicAccessBlockConfiguration",r])};return B({blockPublicAcls:n("BlockPublicAcls"),ignorePublicAcls:n("IgnorePublicAcls"),blockPublicPolicy:n("BlockPublicPolicy"),restrictPublicBuckets:n("RestrictPublicBuckets")},e.loc)}function Py(t){let e=t.get(["LifecycleConfiguration","Rules"]);if(!e)return le([],t.header,["LifecycleConfiguration"]);let n=dt(e.value);if(R(n))return ne(n.reason,e.loc,n.detail);let r=n.map((i,o)=>{let s=z(i)?i:{},a=s.Status,u=s.TagFilters!==void 0?null:s.Prefix??"",l=s.ExpirationInDays;return{id:s.Id??null,enabled:R(a)?a:a==="Enabled",prefix:u,expirationDays:l===void 0?null:zt(l),loc:t.locOf(["LifecycleConfiguration","Rules",o,"ExpirationInDays"])}});return B(r,e.loc)}function Ny(t){let e=t.get(["LoggingConfiguration"]);return e?B(!0,e.loc):le(!1,t.header,["LoggingConfiguration"])}function rd(t,e,n){let r=n.value,i=z(r)?r.Statement:void 0,o=Array.isArray(i)?i.length:i===void 0?0:1,s=[];for(let a=0;a<o;a++)s.push(Array.isArray(i)?t.locOf([...e,"Statement",a]):t.locOf([...e,"Statement"]));return{document:r,statementLocs:s}}function Gy(t,e,n){for(let r of n){let i=r.get(["Bucket"]);if(!i||R(i.value)||e.kind!=="known"||i.value!==e.value)continue;let o=r.get(["PolicyDocument"]);return o?B(rd(r,["PolicyDocument"],o),o.loc):ne("not-found",r.header,"PolicyDocument")}return le(null,t.header,["Policy"])}function Wy(t,e){let n=B(J(t.res.logicalId),t.header,"default"),r=[];for(let o of e){let s=o.get(["TargetKeyId"]),a=o.get(["AliasName"]);if(!s||!a||typeof a.value!="string")continue;let c=typeof s.value=="string"?s.value:null;c&&(c===n.value||c.endsWith(`key/${n.value}`))&&r.push(a.value)}let i=t.get(["KeyPolicy"]);return{type:"key",address:t.res.logicalId,source:"cloudformation",loc:t.header,label:r[0]??t.res.logicalId,arn:"arn:aws:kms:*:*:key/*",keyId:n,aliases:r,rotationEnabled:t.read(["EnableKeyRotation"],we,!1),policy:i?B(rd(t,["KeyPolicy"],i),i.loc):le(null,t.header,["KeyPolicy"]),keySpec:t.read(["KeySpec"],Ve,"SYMMETRIC_DEFAULT"),customerManaged:B(!0,t.header,"default")}}function Dy(t){let e=Bn(t,"LogGroupName"),n=e.kind==="known"?B(`arn:aws:logs:${st}:${qe}:log-group:${e.value}:*`,e.loc,e.origin):e;return{type:"log-group",...Vn(t,e,`arn:aws:logs:*:*:log-group:${si(e)}`),name:e,logGroupArn:n,retentionDays:t.read(["RetentionInDays"],r=>r===null?null:zt(r),null)}}function My(t){let e=t.get(["MetricTransformations"]),n;if(!e)n=ne("not-found",t.header,"MetricTransformations");else{let r=dt(e.value);n=R(r)?ne(r.reason,e.loc,r.detail):B(r.map(i=>z(i)?{name:i.MetricName??null,namespace:i.MetricNamespace??null,value:i.MetricValue??null}:{name:i,namespace:i,value:i}),e.loc)}return{type:"metric-filter",address:t.res.logicalId,source:"cloudformation",loc:t.header,label:t.res.logicalId,logGroupName:t.read(["LogGroupName"],Ve,void 0),pattern:t.read(["FilterPattern"],Ve,void 0),metrics:n}}function Fy(t){let e=t.get(["AlarmActions"]),n;if(!e)n=le([],t.header,["AlarmActions"]);else{let i=dt(e.value);n=R(i)?ne(i.reason,e.loc,i.detail):B(i,e.loc)}let r=i=>i===null?null:Ve(i);return{type:"alarm",address:t.res.logicalId,source:"cloudformation",loc:t.header,label:t.res.logicalId,metricName:t.read(["MetricName"],r,null),namespace:t.read(["Namespace"],r,null),statistic:t.read(["Statistic"],r,null),threshold:t.read(["Threshold"],i=>i===null?null:zt(i),null),comparison:t.read(["ComparisonOperator"],Ve,void 0),actionsEnabled:t.read(["ActionsEnabled"],we,!0),alarmActions:n}}function By(t,e){let n=Bn(t,"TopicName"),r=n.kind==="known"?B(`arn:aws:sns:${st}:${qe}:${n.value}`,n.loc,n.origin):n,i=t.get(["Subscription"]),o=i&&Array.isArray(i.value)?i.value.length:0;for(let s of e){let a=s.get(["TopicArn"]);a&&r.kind==="known"&&a.value===r.value&&o++}return{type:"topic",...Vn(t,n,`arn:aws:sns:*:*:${si(n)}`),name:n,topicArn:r,subscriptions:B(o,t.header,"default")}}var as=new G("known-after-apply"),ai=J("aws:region"),li=J("aws:account");function ci(t){if(t.kind==="scalar")return t.value;if(t.kind==="seq")return t.items.map(ci);let e={};for(let n of t.entries)e[n.key]=ci(n.value);return e}function ls(t){return!!t&&t.kind==="scalar"&&t.value===!0}function ui(t,e){if(ls(e))return as;if(!e)return ci(t);if(t.kind==="seq")return t.items.map((n,r)=>ui(n,e.kind==="seq"?e.items[r]:void 0));if(t.kind==="map"){let n={};for(let r of t.entries)n[r.key]=ui(r.value,e.kind==="map"?x(e,r.key)?.value:void 0);if(e.kind==="map")for(let r of e.entries)!(r.key in n)&&ls(r.value)&&(n[r.key]=as);return n}return ci(t)}var cs=class t{constructor(e,n,r,i){this.values=e;this.unknowns=n;this.range=r;this.fallback=i}values;unknowns;range;fallback;attr(e){let n=this.values?x(this.values,e):void 0,r=this.unknowns?.kind==="map"?x(this.unknowns,e)?.value:void 0;if(!n)return ls(r)?{value:as,range:this.fallback}:void 0;let i=ui(n.value,r);if(i!==null)return{value:i,range:this.range(n.keySpan[0],n.value.span[1])}}blocks(e){let n=this.values?x(this.values,e):void 0;if(!n||n.value.kind!=="seq")return[];let r=this.unknowns?.kind==="map"?x(this.unknowns,e)?.value:void 0;return n.value.items.map((i,o)=>{let s=this.range(i.span[0],i.span[1]),a=new t(i.kind==="map"?i:null,r?.kind==="seq"?r.items[o]:void 0,this.range,s);return{range:s,attr:c=>a.attr(c),blocks:c=>a.blocks(c)}})}};function Vy(t,e,n){let r=o=>typeof n=="object"&&n!==null&&!Array.isArray(n)&&!(n instanceof G)?n[o]:void 0,i=o=>{let s=r(o);return typeof s=="string"?s:J(`${e}.${o}`)};return o=>{let s=r(o);if(s!==void 0&&!(s instanceof G))return s;switch(`${t}.${o}`){case"aws_s3_bucket.bucket":case"aws_s3_bucket.id":return i("bucket");case"aws_s3_bucket.arn":return`arn:aws:s3:::${i("bucket")}`;case"aws_cloudtrail.name":return i("name");case"aws_cloudtrail.arn":return`arn:aws:cloudtrail:${ai}:${li}:trail/${i("name")}`;case"aws_kms_key.key_id":case"aws_kms_key.id":return J(`${e}.key_id`);case"aws_kms_key.arn":return`arn:aws:kms:${ai}:${li}:key/${J(`${e}.key_id`)}`;case"aws_cloudwatch_log_group.name":return i("name");case"aws_cloudwatch_log_group.arn":return`arn:aws:logs:${ai}:${li}:log-group:${i("name")}`;case"aws_sns_topic.name":return i("name");case"aws_sns_topic.arn":return`arn:aws:sns:${ai}:${li}:${i("name")}`;default:return s}}}function id(t,e,n,r=0){if(!t||r>64)return;let i=x(t,"resources")?.value;if(i?.kind==="seq")for(let s of i.items)s.kind==="map"&&n.push({node:s,module:e});let o=x(t,"child_modules")?.value;if(o?.kind==="seq")for(let s of o.items){if(s.kind!=="map")continue;let a=x(s,"address")?.value;id(s,a?.kind==="scalar"?String(a.value):e,n,r+1)}}function cn(t){return t?.kind==="scalar"&&typeof t.value=="string"?t.value:null}function od(t){return!!t&&t.kind==="map"&&!!x(t,"format_version")&&!!x(t,"planned_values")}function sd(t,e,n){let r=new ke(e),i=(d,m)=>r.range(d,m),o=[];id(x(x(n,"planned_values")?.value,"root_module")?.value,"",o);let s=new Map,a=x(n,"resource_changes")?.value;if(a?.kind==="seq")for(let d of a.items){if(d.kind!=="map")continue;let m=cn(x(d,"address")?.value),f=x(d,"change")?.value,p=f?.kind==="map"?x(f,"after_unknown")?.value:void 0;m&&p&&s.set(m,p)}let c=jy(n),u=[],l=new Map;for(let d of o){if(cn(x(d.node,"mode")?.value)!=="managed")continue;let m=cn(x(d.node,"address")?.value),f=cn(x(d.node,"type")?.value);if(!m||!f)continue;let p=x(d.node,"address"),h=i(p.keySpan[0],p.value.span[1]),C=x(d.node,"values")?.value,_=C?.kind==="map"?C:null,y=s.get(m),g=new cs(_,y,i,h),v=_?ui(_,y):{},T=m.replace(/\[[^\]]*\]$/,"").replace(/^(module\.[^.]+(\[[^\]]*\])?\.)+/,""),E={source:"plan",type:f,address:m,instances:[m],module:d.module,file:t,header:h,via:[],computed:Vy(f,m,v),attr:D=>{let I=g.attr(D);if(!I||!(I.value instanceof G))return I;let P=c.get(`${d.module}|${T}|${D}`),se=(P&&l.get(d.module?`${d.module}.${P.resource}`:P.resource))?.computed(P.attribute);return typeof se=="string"?{value:se,range:I.range}:I},blocks:D=>g.blocks(D)};u.push(E),l.set(m,E),l.set(m.replace(/\[[^\]]*\]$/,""),E)}return u}function jy(t){let e=new Map,n=(i,o,s)=>{if(!i||i.kind!=="map"||s>64)return;let a=x(i,"resources")?.value;if(a?.kind==="seq")for(let u of a.items){if(u.kind!=="map")continue;let l=cn(x(u,"address")?.value),d=x(u,"expressions")?.value;if(!(!l||d?.kind!=="map"))for(let m of d.entries){let f=m.value.kind==="map"?x(m.value,"references")?.value:void 0;if(f?.kind==="seq")for(let p of f.items){let h=/^([a-z0-9_]+\.[A-Za-z0-9_-]+)\.([a-z_]+)$/.exec(cn(p)??"");if(h&&!h[1].startsWith("var.")&&!h[1].startsWith("local.")&&!h[1].startsWith("module.")){e.set(`${o}|${l}|${m.key}`,{resource:h[1],attribute:h[2]});break}}}}let c=x(i,"module_calls")?.value;if(c?.kind==="map")for(let u of c.entries){let l=u.value.kind==="map"?x(u.value,"module")?.value:void 0;n(l,o?`${o}.module.${u.key}`:`module.${u.key}`,s+1)}},r=x(t,"configuration")?.value;return n(r?.kind==="map"?x(r,"root_module")?.value:void 0,"",0),e}function di(t,e,n,r,i,o){let s=e.position(n);return{level:r,id:i,message:o,file:t,line:s.line,column:s.column}}function zy(t,e,n){let r=t.kind==="cloudformation-json"?mn(t.text):Jt(t.text);if(!r.ok){e.failed.push(t.rel),e.notifications.push(di(t.rel,new ke(t.text),r.error.offset,"error","parse-error",r.error.message));return}if(!Hc(r.root))return;let i=new Nr(t.rel,t.text,r.root);for(let s of r.warnings)e.notifications.push(di(t.rel,i.lines,s.offset,"warning","unknown-tag",`${s.message}: its value is treated as unknown`));let o=td(i);n.detach(o),e.parts.push(o);for(let s of i.notices)e.notifications.push(di(t.rel,i.lines,s.offset,s.level,s.id,s.message));e.scanned.push(t.rel)}var Uy=new Set(["terraform","terraform-json","tfvars","tfvars-json"]);async function ad(t,e,n=null){let r={parts:[],notifications:[],scanned:[],failed:[]},i=new Set,o=new Ks,s=null,a=new Set;for(let m of t){if(m.kind!=="plan")continue;let f=mn(m.text);if(!f.ok){r.failed.push(m.rel),r.notifications.push(di(m.rel,new ke(m.text),f.error.offset,"error","parse-error",f.error.message));continue}if(!od(f.root))continue;i.add("plan"),a.add(bt(m.rel));let p=Js(sd(m.rel,m.text,f.root));o.detach(p),r.parts.push(p.part),m.release?.(),s??=p.accountPublicAccessBlock,r.scanned.push(m.rel)}let c=t.filter(m=>Uy.has(m.kind)&&!a.has(bt(m.rel)));if(c.length){i.add("terraform");let[{loadHclParser:m,QUICK_START_MAX_BYTES:f},{poolFor:p},{analyzeTerraform:h}]=await Promise.all([import("./chunk-6FVWDRSJ.js"),import("./chunk-BMNQCU6L.js"),import("./chunk-7J2PL2D3.js")]),C=c.map(v=>({path:v.rel,get text(){return v.text},release:()=>v.release?.()})),_=0;for(let v of C)_+=v.text.length;let y=p(_),g;try{let v=await m({quickStart:_<=f});g=await h(v,C,n??Ky,y,o)}finally{await y?.close()}r.parts.push(...g.parts),r.notifications.push(...g.notifications),r.scanned.push(...g.scanned),r.failed.push(...g.failed),s??=g.accountPublicAccessBlock}let u={parts:[],notifications:[],scanned:[],failed:[]};for(let m of t)(m.kind==="cloudformation-yaml"||m.kind==="cloudformation-json")&&(i.add("cloudformation"),zy(m,u,o),m.release?.());r.parts.unshift(...u.parts),r.notifications.unshift(...u.notifications),r.scanned.unshift(...u.scanned),r.failed.unshift(...u.failed);let l=r.parts.length?Ys(r.parts):jt();return{model:{kinds:i,...l,account:qy(e,i.has("terraform")?"terraform":"cloudformation",s)},part:l,notifications:r.notifications,scanned:r.scanned,failed:r.failed}}var Ky={readFolder:()=>{},readFile:()=>{},modulesManifest:()=>{},cliVariables:[],environment:{}};function qy(t,e,n){let r={file:t.file??void 0,address:"(scanned files)",path:[]};return{type:"account",address:"(scanned files)",source:e,loc:t.file?{...r,file:t.file}:{address:"(scanned files)",path:[]},label:"(scanned files)",accountId:ne("other-account",r),...t.requireTrailAt?{requireTrailAt:t.requireTrailAt}:{},...t.organizationAt?{organizationAt:t.organizationAt}:{},publicAccessBlock:n??B(null,r,"default")}}var Nt="0.1.0",us="https://github.com/trailguard/trailguard";function Ye(t,e){return`${us}/blob/v${Nt}/rules/${t}-${e}/doc.md`}var cd=64*1024*1024;async function jn(t={}){let e=Gt.resolve(t.cwd??process.cwd()),n=t.paths?.length?t.paths:["."],r=n.map(N=>Gt.resolve(e,N));for(let[N,K]of r.entries())try{await ld(K)}catch{throw new O(`path does not exist: ${n[N]}`)}let i=Hy(t,r[0],e),o=new Map;for(let[N,K]of t.ruleLevels??[]){let Je=Ge(N);if(!Je)throw new O(`--rule: unknown rule '${N}'`);o.set(Je,K)}let s=[],a=[];for(let N of r)((await ld(N)).isDirectory()?a:s).push(N);let c=s.length?[...new Set([e,...a])]:a,u=Du([...c,...s],e,i.ignorePaths,i.dir),l=s.length?Bu(u,new Set(s),a):u,d=new Set(s.map(N=>Qe(N,e))),m=s.filter(N=>/\.tfvars(\.json)?$/.test(N)).map(N=>Gt.dirname(N)),f=N=>!s.length||d.has(N)||[...a,...m].some(K=>!Gt.relative(K,Gt.resolve(e,N)).startsWith("..")),{files:p,notifications:h}=Yy(l),C=Mu(e,t.vars??[],t.varFiles??[],t.env??process.env),_=await ad(p,i,C),y=Ae,g=y.filter(N=>sn(N.meta.id,N.meta.level,{config:i,overrides:o})!=="off"),v=an(_.model,g,i.settings),T=s.length?new Set(p.map(N=>N.rel).filter(f)):null,E=t.baseline?fs(t.baseline,e):null,D=(t.now??new Date).toISOString().slice(0,10),I=Yr(v.results,_.part.directives,{config:i,overrides:o,strict:!!t.strict,reportFiles:T,baseline:E,today:D}),P=[...h,..._.notifications,...v.notifications,...I.notifications],b=p.length;b===0&&P.push({level:"note",id:"no-files",message:`No IaC files found under ${n.join(", ")}.`});let se=b>0&&_.failed.length===b,Q=T?_.scanned.filter(N=>T.has(N)).length:_.scanned.length,H=Qu(t.changedLines?Xy(I.results,t.changedLines):I.results,p,e),{results:k,fixes:w}=H;P.push(...H.notifications);let ge=Xr(k,I.baselined,Q),V=new Map(y.map(N=>[N.meta.id,sn(N.meta.id,N.meta.level,{config:i,overrides:o})])),fe=se?2:Jr(k,t.failOn??"error")?1:0;return{version:Nt,category:"iac",automationId:"trailguard/iac/",results:k,notifications:Jy(P),summary:ge,rules:y,levels:V,config:i,exitCode:fe,paths:n,fixes:w}}function Hy(t,e,n){if(t.config){let i=Gt.resolve(n,t.config);try{fi(i)}catch{throw new O(`--config: cannot read ${t.config}`)}return Zt(i,n)}let r=Pr(e);return r?Zt(r,n):tr(n)}function Yy(t){let e=[],n=[];for(let r of t){let i=Ln(r.abs);if(!i)continue;let o,s;try{let u=ud(r.abs);if(u.size>cd){n.push({level:"warning",id:"file-too-large",message:`skipped: larger than ${cd>>20} MB`,file:r.rel});continue}s={size:u.size,mtimeMs:u.mtimeMs},o=fi(r.abs)}catch(u){if(u.code==="ENOENT")continue;n.push({level:"warning",id:"unreadable-file",message:`cannot read: ${u.message}`,file:r.rel});continue}if(o.length===0||Yc(o))continue;let a=o.toString("utf8"),c=i==="maybe-json"||i==="maybe-yaml"?Xc(r.abs,a,i):i;c&&e.push(new ds(r.rel,r.abs,c,a,s))}return{files:e,notifications:n}}var ds=class{constructor(e,n,r,i,o){this.rel=e;this.abs=n;this.kind=r;this.stamp=o;this.held=i}rel;abs;kind;stamp;held;get text(){if(this.held===void 0)try{this.held=fi(this.abs,"utf8")}catch{this.held=""}return this.held}release(){this.held=void 0}get stale(){try{let e=ud(this.abs);return e.size!==this.stamp.size||e.mtimeMs!==this.stamp.mtimeMs}catch{return!0}}};function fs(t,e){let n;try{n=JSON.parse(fi(Gt.resolve(e,t),"utf8"))}catch(o){throw new O(`--baseline: cannot read ${t}: ${o.message}`)}let r=new Set,i=n;for(let o of i.runs??[])for(let s of o.results??[]){let a=s.partialFingerprints?.["trailguard/v1"];a&&r.add(a)}for(let o of i.results??[])o.fingerprint&&r.add(o.fingerprint);if(!i.runs&&!i.results)throw new O(`--baseline: ${t} is not a trailguard SARIF or JSON report`);return r}function Xy(t,e){return t.filter(n=>{let r=n.loc.range,i=n.loc.file&&r?e.get(n.loc.file):void 0;return!!i&&i.some(([o,s])=>o<=r.endLine&&s>=r.startLine)})}function Jy(t){return t.sort((e,n)=>(e.file??"").localeCompare(n.file??"")||(e.line??0)-(n.line??0)||e.id.localeCompare(n.id))}import{createRequire as Qy}from"node:module";import mi from"node:path";var Dt=class extends Error{},Zy=[1,Number.MAX_SAFE_INTEGER];function Wt(t,e){let{execFileSync:n}=Qy(import.meta.url)("node:child_process");try{return n("git",t,{cwd:e,encoding:"utf8",stdio:["ignore","pipe","pipe"],maxBuffer:256*1024*1024})}catch(r){let i=r;if(i.code==="ENOENT")throw new Dt("git is not installed (or not on PATH)");let o=(i.stderr??"").trim().split(`
`).filter(Boolean).pop()??i.message;throw new Dt(o)}}function dd(t,e){try{return Wt(["cat-file","-e",`${t}^{commit}`],e),!0}catch{return!1}}function DC(t,e){try{return Wt(["fetch","--quiet","--depth=1","origin",t],e),dd(t,e)}catch{return!1}}function eb(t,e){return Wt(["merge-base",t,"HEAD"],e).trim()}function tb(t){if(!t.startsWith('"')||!t.endsWith('"')||t.length<2)return t;let e=t.slice(1,-1),n=[],r={a:7,b:8,t:9,n:10,v:11,f:12,r:13,'"':34,"\\":92};for(let i=0;i<e.length;i++){let o=e[i];if(o!=="\\"){n.push(...Buffer.from(o,"utf8"));continue}let s=e[i+1]??"";if(/[0-7]/.test(s)){let a=/^[0-7]{1,3}/.exec(e.slice(i+1))[0];n.push(parseInt(a,8)),i+=a.length}else n.push(r[s]??s.charCodeAt(0)),i++}return Buffer.from(n).toString("utf8")}function nb(t){let e=new Map,n=t.split(`
`),r=null;for(let i=0;i<n.length;i++){let o=n[i];if(o.startsWith("+++ ")){let l=tb(o.slice(4).replace(/\t$/,""));r=l.startsWith("b/")?l.slice(2):null;continue}let s=/^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/.exec(o);if(!s)continue;let a=s[1]===void 0?1:Number(s[1]),c=Number(s[2]),u=s[3]===void 0?1:Number(s[3]);if(r&&u>0){let l=e.get(r)??[];l.push([c,c+u-1]),e.set(r,l)}for(;(a>0||u>0)&&i+1<n.length;){let l=n[++i];if(l.startsWith("-"))a--;else if(l.startsWith("+"))u--;else if(!l.startsWith("\\")){i--;break}}}return e}function fd(t,e,n={mergeBase:"require"}){if(!t||t.startsWith("-"))throw new Dt(`'${t}' is not a revision`);let r=Wt(["rev-parse","--show-cdup"],e).trim(),i=mi.resolve(e,r||"."),o;try{o=eb(t,e)}catch(l){if(n.mergeBase==="require"||!dd(t,e))throw l;o=t}let s=Wt(["-c","core.quotePath=false","diff","--unified=0","--no-color","--no-ext-diff","--no-textconv","--src-prefix=a/","--dst-prefix=b/",o,"--"],i),a=nb(s),c=Wt(["ls-files","--others","--exclude-standard","-z"],i).split("\0").filter(Boolean);for(let l of c)a.set(l,[Zy]);let u=new Map;for(let[l,d]of a){let m=mi.relative(e,mi.join(i,l)).split(mi.sep).join("/");u.set(m||l,d)}return u}function MC(t){try{let[e,n]=Wt(["rev-parse","HEAD","--show-prefix"],t).split(`
`);return e?{sha:e.trim(),prefix:(n??"").trim()}:null}catch{return null}}function*pi(t,e=4){yield*ms(t,"",e),yield`
`}var md=t=>t===void 0||typeof t=="function"||typeof t=="symbol";function*ms(t,e,n){if(n===0||typeof t!="object"||t===null||typeof t.toJSON=="function"||t instanceof Number||t instanceof String||t instanceof Boolean){yield(JSON.stringify(t,null,2)??"null").replaceAll(`
`,`
${e}`);return}let r=`${e}  `;if(Array.isArray(t)){if(t.length===0)return yield"[]";for(let s=0;s<t.length;s++){yield`${s===0?"[":","}
${r}`;let a=t[s];md(a)?yield"null":yield*ms(a,r,n-1)}return yield`
${e}]`}let i=t,o=Object.keys(i).filter(s=>!md(i[s]));if(o.length===0)return yield"{}";for(let s=0;s<o.length;s++)yield`${s===0?"{":","}
${r}${JSON.stringify(o[s])}: `,yield*ms(i[o[s]],r,n-1);yield`
${e}}`}var Mt=25e3;function Ft(t){return t.split("/").map(e=>e===".."||e==="."?e:encodeURIComponent(e)).join("/")}function rb(t,e){if(t.file&&t.range){let n=t.range;return{artifactLocation:{uri:Ft(t.file),uriBaseId:"%SRCROOT%"},region:{startLine:n.startLine,startColumn:n.startColumn,endLine:n.endLine,endColumn:n.endColumn}}}if(t.file)return{artifactLocation:{uri:Ft(t.file),uriBaseId:"%SRCROOT%"},region:{startLine:1}};if(e)return{artifactLocation:{uri:Ft(e),uriBaseId:"%SRCROOT%"},region:{startLine:1}}}function pd(t,e){let n=rb(t,e),r={};return n&&(r.physicalLocation=n),t.arn&&(r.logicalLocations=[{fullyQualifiedName:t.arn,kind:"resource"}]),r}function ib(t){return(t.replace(/^#[^\n]*\n+/,"").split(/\n\s*\n/)[0]??"").replace(/\s+/g," ").trim()}function ob(t){return[...t.meta.tags,...(t.meta.controls.cis??[]).map(e=>`CIS-AWS/${e}`),...(t.meta.controls.securityHub??[]).map(e=>`SecurityHub/${e}`)]}function sb(t){let e=t.meta;return{id:e.id,name:e.name,shortDescription:{text:e.summary},fullDescription:{text:ib(t.doc)||e.summary},help:{text:t.doc,markdown:t.doc},helpUri:Ye(e.id,e.name),defaultConfiguration:{level:e.level},properties:{tags:ob(t),precision:e.precision,"security-severity":e.securitySeverity.toFixed(1),equivalents:e.equivalents}}}function ab(t){let e={level:t.level,message:{text:t.message},descriptor:{id:t.id}};if(t.file){let n=t.line?{startLine:t.line,...t.column?{startColumn:t.column}:{}}:{startLine:1};e.locations=[{physicalLocation:{artifactLocation:{uri:Ft(t.file),uriBaseId:"%SRCROOT%"},region:n}}]}return e}function lb(t,e){let n=e.position(t.edit.start),r=e.position(t.edit.end);return{description:{text:t.description??(t.edit.start===t.edit.end?"Add the setting":"Change the value")},artifactChanges:[{artifactLocation:{uri:Ft(t.file),uriBaseId:"%SRCROOT%"},replacements:[{deletedRegion:{startLine:n.line,startColumn:n.column,endLine:r.line,endColumn:r.column},insertedContent:{text:t.edit.text}}]}]}}function cb(t,e,n,r,i){let o={ruleId:t.ruleId,ruleIndex:e,kind:t.kind==="review"?"review":"fail",level:t.kind==="review"?"none":t.level,message:{text:t.message},locations:[pd(t.loc,n)],partialFingerprints:{"trailguard/v1":t.fingerprint}};return t.related.length&&(o.relatedLocations=t.related.map((s,a)=>({id:a+1,...pd(s.loc,null),message:{text:s.message}}))),r&&(o.fixes=[lb(r,i(r.before))]),t.suppression&&(o.suppressions=[{kind:t.suppression.kind,justification:t.suppression.reason,status:"accepted"}]),t.instances&&t.instances.length&&(o.properties={instances:[...t.instances]}),o}var gd={error:0,warning:1,note:2};function ub(t,e){let n=[...t.rules].sort((d,m)=>d.meta.id<m.meta.id?-1:1),r=new Map(n.map((d,m)=>[d.meta.id,m])),i=t.notifications.map(ab),o=t.results;o.length>Mt&&(o=[...o].sort((d,m)=>(gd[d.level]??3)-(gd[m.level]??3)).slice(0,Mt),i.push({level:"warning",message:{text:`only the ${Mt} most severe of ${t.results.length} results are in this log (GitHub's limit)`},descriptor:{id:"results-truncated"}}));let s=[];for(let d of n){let m=t.levels.get(d.meta.id);m==="off"?s.push({descriptor:{id:d.meta.id,index:r.get(d.meta.id)},configuration:{enabled:!1}}):m&&m!==d.meta.level&&s.push({descriptor:{id:d.meta.id,index:r.get(d.meta.id)},configuration:{level:m}})}let a={executionSuccessful:t.exitCode!==2,toolExecutionNotifications:i};s.length&&(a.ruleConfigurationOverrides=s);let c=new Map,u=d=>{let m=c.get(d);return m||c.set(d,m=new ke(d)),m},l=new URL(`file://${e.cwd.endsWith("/")?e.cwd:e.cwd+"/"}`).href;return{$schema:"https://json.schemastore.org/sarif-2.1.0.json",version:"2.1.0",runs:[{tool:{driver:{name:"trailguard",semanticVersion:t.version,version:t.version,informationUri:us,rules:n.map(sb)}},automationDetails:{id:t.automationId},originalUriBaseIds:{"%SRCROOT%":{uri:l}},columnKind:"utf16CodeUnits",invocations:[a],results:o.map(d=>cb(d,r.get(d.ruleId)??-1,e.anchor,t.fixes?.get(d.fingerprint),u))}]}}function hd(t,e){return pi(ub(t,e))}function yd(t){return t.kind==="review"?3:t.level==="error"?0:t.level==="warning"?1:2}function db(t,e=t.results){let n=new Map(t.rules.map(r=>[r.meta.id,r.meta.securitySeverity]));return e.map((r,i)=>({r,i})).filter(({r})=>!r.suppression).sort((r,i)=>yd(r.r)-yd(i.r)||(n.get(i.r.ruleId)??0)-(n.get(r.r.ruleId)??0)||r.i-i.i).map(({r})=>r)}function fb(t){let e=t.kind==="review",n=e||t.level==="note"?"notice":t.level,r=t.instances&&t.instances.length>1?` [${t.instances.join(", ")}]`:"",i=!t.loc.file&&t.arn&&!t.message.includes(t.arn)?` (${t.arn})`:"",o={command:n,message:`${t.message}${r}${i}`,title:`${t.ruleId} ${t.ruleName}${e?" (review)":""}`};if(!t.loc.file)return o;let s=t.loc.range;return s?{...o,file:t.loc.file,startLine:s.startLine,endLine:s.endLine,startColumn:s.startColumn,endColumn:s.endColumn}:{...o,file:t.loc.file}}function mb(t){let n={command:t.level==="note"?"notice":t.level,message:t.message,title:`trailguard ${t.id}`};return t.file?{...n,file:t.file,...t.line?{startLine:t.line}:{},...t.line&&t.column?{startColumn:t.column}:{}}:n}function bd(t){return t.replace(/%/g,"%25").replace(/\r/g,"%0D").replace(/\n/g,"%0A")}function pb(t){return bd(t).replace(/:/g,"%3A").replace(/,/g,"%2C")}function gb(t){let n=[["file",t.file],["line",t.startLine],["endLine",t.endLine],["col",t.startColumn],["endColumn",t.endColumn],["title",t.title]].filter(([,r])=>r!==void 0&&r!=="").map(([r,i])=>`${r}=${pb(String(i))}`);return`::${t.command}${n.length?" "+n.join(","):""}::${bd(t.message)}`}function kd(t){let e=[...db(t).map(fb),...t.notifications.map(mb)].map(gb);return e.length?e.join(`
`)+`
`:""}function gi(t){return t.kind==="review"?"review":t.level}function Xe(t,e){return`${t} ${e}${t===1?"":"s"}`}var wd={error:"31",warning:"33",note:"36",review:"35"};function vd(t,e){let n=(s,a)=>e.color?`\x1B[${s}m${a}\x1B[0m`:a,r=[],i=t.results.filter(s=>!s.suppression),o=null;for(let s of i){let a=s.loc.file??[s.account,s.region].filter(Boolean).join(" ")??"";a!==o&&(o!==null&&r.push(""),r.push(n("4",a||"(account)")),o=a);let c=s.loc.range?`${s.loc.range.startLine}:${s.loc.range.startColumn}`:s.arn??"",u=gi(s),l=s.instances&&s.instances.length>1?` [${s.instances.join(", ")}]`:"";r.push(`  ${c}  ${n(wd[u]??"0",u)}  ${s.message}${l}  ${n("2",`${s.ruleId} ${s.ruleName}`)}`)}if(t.notifications.length){r.length&&r.push("");for(let s of t.notifications){let a=s.file?`${s.file}${s.line?`:${s.line}`:""}`:"-";r.push(`${n(wd[s.level]??"0",s.level)}  ${a}  ${s.id}: ${s.message}`)}}return r.length&&r.push(""),t.summary.review&&r.push(`${Xe(t.summary.review,"review")}: values that could not be resolved (--strict); they never fail the run.`),r.push(ps(t)),r.join(`
`)+`
`}function ps(t){let e=t.summary;if(t.notifications.some(o=>o.id==="no-files")&&e.files===0)return`No IaC files found under ${t.paths.join(", ")}.`;let r=e.error+e.warning+e.note,i=`in ${Xe(e.files,t.category==="live"?"account":"file")}.`;return r===0&&e.suppressed===0?`No problems found ${i}`:`${Xe(e.error,"error")}, ${Xe(e.warning,"warning")}, ${Xe(e.note,"note")} (${e.suppressed} suppressed) ${i}`}var hb=1024*1024;function De(t){return t.replace(/\r\n|\r|\n/g," ").replace(/&/g,"&amp;").replace(/[\\`*_[\]<>|~]/g,"\\$&")}function gs(t){return t.suppression?4:t.kind==="review"?3:t.level==="error"?0:t.level==="warning"?1:2}function yb(t,e){let n=t.loc.file;if(!n)return De([t.account,t.region].filter(Boolean).join(" ")||"account");let r=t.loc.range,i=De(r?`${n}:${r.startLine}:${r.startColumn}`:n);if(!e||n.startsWith("../"))return i;let o=r?`#L${r.startLine}${r.endLine!==r.startLine?`-L${r.endLine}`:""}`:"",s=`${e}${Ft(n).replace(/\(/g,"%28").replace(/\)/g,"%29")}${o}`;return`[${i}](${s})`}function _d(t,e){let n=t.suppression?"suppressed":gi(t),r=t.instances&&t.instances.length>1?` [${t.instances.join(", ")}]`:"",i=t.suppression?` (suppressed${t.suppression.kind==="inSource"?" in source":""}: ${t.suppression.reason})`:"",o=t.arn&&t.arn!==t.address?`${t.address} (${t.arn})`:t.address;return`| ${n} | ${yb(t,e)} | ${De(o)} | ${De(t.message+r+i)} |`}function bb(t){let e=t.file?`${t.file}${t.line?`:${t.line}`:""}`:"-";return`| ${t.level} | ${De(e)} | ${De(t.id)} | ${De(t.message)} |`}function kb(t){let e=new Map;for(let i of t.results){let o=e.get(i.ruleId);o?o.push(i):e.set(i.ruleId,[i])}let n=[...e].map(([i,o])=>({ruleId:i,results:o.map((s,a)=>({r:s,i:a})).sort((s,a)=>gs(s.r)-gs(a.r)||s.i-a.i).map(({r:s})=>s)})),r=i=>i.results.reduce((o,s)=>Math.min(o,gs(s)),1/0);return n.sort((i,o)=>r(i)-r(o)||(i.ruleId<o.ruleId?-1:1))}function Ad(t,e={}){let n=e.maxBytes??hb,r=t.summary,i=[`## ${De(e.title??"trailguard")}`,"",De(ps(t)),"","| errors | warnings | notes | reviews | suppressed | baselined | files |","|---:|---:|---:|---:|---:|---:|---:|",`| ${r.error} | ${r.warning} | ${r.note} | ${r.review} | ${r.suppressed} | ${r.baselined} | ${r.files} |`,"",""].join(`
`),o=512,s=[i],a=Buffer.byteLength(i),c=0,u=0,l=!1,d=h=>{let C=Buffer.byteLength(h);return l||a+C>n-o?(l=!0,!1):(s.push(h),a+=C,!0)},m=new Map(t.rules.map(h=>[h.meta.id,h]));for(let h of kb(t)){let C=h.results[0],_=m.get(h.ruleId)?.meta,y=_?.name??C.ruleName,g=t.levels.get(h.ruleId)??_?.level??C.level,v=[`### ${h.ruleId} ${De(y)} (${g}): ${Xe(h.results.length,"result")}`,"",`${_?De(_.summary)+". ":""}[Rule help](${Ye(h.ruleId,y)})`,"","| level | location | resource | message |","|---|---|---|---|",""].join(`
`);if(!d(v+_d(C,e.fileLinkBase)+`
`))break;c++;for(let T of h.results.slice(1)){if(!d(_d(T,e.fileLinkBase)+`
`))break;c++}d(`
`)}if(t.notifications.length&&d(["### Notifications","","| level | where | id | message |","|---|---|---|---|",""].join(`
`))){for(let h of t.notifications){if(!d(bb(h)+`
`))break;u++}d(`
`)}let f=t.results.length-c,p=t.notifications.length-u;if(f>0||p>0){let h=[f?Xe(f,"result"):"",p?Xe(p,"notification"):""].filter(Boolean).join(" and ");s.push(`> **Truncated:** ${h} not shown, to stay within ${Math.floor(n/1024)} KiB. The SARIF or JSON report has them all.
`)}return s.join("")}import{closeSync as xb,mkdirSync as Rb,openSync as Eb,writeSync as Ib}from"node:fs";import hs from"node:path";function Sd(t){return{startLine:t.range?.startLine??null,startColumn:t.range?.startColumn??null,endLine:t.range?.endLine??null,endColumn:t.range?.endColumn??null}}function wb(t){return{ruleId:t.ruleId,name:t.ruleName,kind:t.kind,level:t.kind==="review"?"note":t.level,message:t.message,file:t.loc.file??null,...Sd(t.loc),resource:t.address,instances:t.instances?[...t.instances]:null,arn:t.arn,account:t.account,region:t.region,related:t.related.map(e=>({file:e.loc.file??null,...Sd(e.loc),resource:e.loc.address,arn:e.loc.arn??null,message:e.message})),fingerprint:t.fingerprint,fixable:t.fixable,suppressed:t.suppression!==null,suppression:t.suppression}}function Td(t){return pi({version:t.version,results:t.results.map(wb),notifications:t.notifications.map(e=>({level:e.level,id:e.id,message:e.message,file:e.file??null,startLine:e.line??null,startColumn:e.column??null})),summary:t.summary})}var vb=/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;function zn(t){return t.replace(vb,"�").replace(/&/g,"&amp;").replace(/</g,"&lt;").replace(/>/g,"&gt;")}function _b(t){return zn(t).replace(/"/g,"&quot;").replace(/'/g,"&apos;").replace(/\t/g,"&#9;").replace(/\n/g,"&#10;").replace(/\r/g,"&#13;")}function ft(t){return Object.entries(t).filter(([,e])=>e!==void 0).map(([e,n])=>` ${e}="${_b(String(n))}"`).join("")}function Ab(t){return t.loc.file?t.loc.range?`${t.loc.file}:${t.loc.range.startLine}:${t.loc.range.startColumn}`:t.loc.file:t.arn??([t.account,t.region].filter(Boolean).join(" ")||"account")}function Cd(t){let e=[`${Ab(t)}: ${t.kind==="review"?"review":t.level}: ${t.message}`];t.instances&&t.instances.length>1&&e.push(`instances: ${t.instances.join(", ")}`);for(let n of t.related)e.push(`related: ${n.loc.file?`${n.loc.file}${n.loc.range?`:${n.loc.range.startLine}`:""}`:n.loc.arn??n.loc.address}: ${n.message}`);return e.push(`fingerprint: ${t.fingerprint}`),e.push(`help: ${Ye(t.ruleId,t.ruleName)}`),e.join(`
`)}function Sb(t,e){let n=t.results.filter(a=>!a.suppression&&a.kind==="fail"),r=t.results.filter(a=>a.suppression||a.kind==="review"),i=`${e}<testcase${ft({name:t.name,classname:t.classname,file:t.file,line:t.line,time:"0"})}`;if(!t.results.length)return{xml:`${i}/>`,failures:0,skipped:0};let o=[],s=e+"  ";if(!n.length){let a=r.map(c=>c.suppression?`suppressed (${c.suppression.kind}): ${c.suppression.reason}`:`review: ${c.message}`).join("; ");o.push(`${s}<skipped${ft({message:a})}/>`)}for(let a of n)o.push(`${s}<failure${ft({message:a.message,type:a.level})}>${zn(Cd(a))}</failure>`);return n.length&&r.length&&o.push(`${s}<system-out>${zn(r.map(Cd).join(`

`))}</system-out>`),{xml:`${i}>
${o.join(`
`)}
${e}</testcase>`,failures:n.length?1:0,skipped:n.length?0:1}}function Tb(t){let e=new Map;for(let n of t){let r=JSON.stringify([n.loc.file??null,n.address]),i=e.get(r);i||(i={name:n.loc.file?`${n.address} (${n.loc.file})`:n.address,classname:`${n.ruleId}.${n.ruleName}`,...n.loc.file?{file:n.loc.file}:{},...n.loc.range?{line:n.loc.range.startLine}:{},results:[]},e.set(r,i)),i.results.push(n)}return[...e.values()]}function Cb(t,e){let n=t.file?`${t.file}${t.line?`:${t.line}`:""}`:"";return`${`${e}<testcase${ft({name:`${t.id}${n?` (${n})`:""}`,classname:"trailguard.notifications",file:t.file,line:t.line,time:"0"})}>`}
${e}  <error${ft({message:t.message,type:t.id})}>${zn(`${n?n+": ":""}${t.message}`)}</error>
${e}</testcase>`}function xd(t){let e=[],n=0,r=0,i=0,o=new Map;for(let l of t.results){let d=o.get(l.ruleId);d?d.push(l):o.set(l.ruleId,[l])}let s=[...new Set([...t.rules.filter(l=>t.levels.get(l.meta.id)!=="off").map(l=>l.meta.id),...o.keys()])].sort(),a=new Map(t.rules.map(l=>[l.meta.id,l.meta.name]));for(let l of s){let d=o.get(l)??[],m=a.get(l)??d[0]?.ruleName??l,f=d.length?Tb(d):[{name:"no findings",classname:`${l}.${m}`,results:[]}],p=0,h=0,C=f.map(_=>{let y=Sb(_,"    ");return p+=y.failures,h+=y.skipped,y.xml});n+=f.length,r+=p,e.push(`  <testsuite${ft({name:`${l} ${m}`,tests:f.length,failures:p,errors:0,skipped:h,time:"0"})}>
${C.join(`
`)}
  </testsuite>`)}let c=t.notifications.filter(l=>l.level==="error"),u=t.notifications.filter(l=>l.level!=="error");if(t.notifications.length){let l=c.map(d=>Cb(d,"    "));u.length&&l.push(`    <system-out>${zn(u.map(d=>`${d.level}: ${d.file?`${d.file}${d.line?`:${d.line}`:""}: `:""}${d.id}: ${d.message}`).join(`
`))}</system-out>`),n+=c.length,i+=c.length,e.push(`  <testsuite${ft({name:"trailguard notifications",tests:c.length,failures:0,errors:c.length,skipped:0,time:"0"})}>
${l.join(`
`)}
  </testsuite>`)}return['<?xml version="1.0" encoding="UTF-8"?>',`<testsuites${ft({name:`trailguard ${t.version}`,tests:n,failures:r,errors:i,time:"0"})}>`,...e,"</testsuites>",""].join(`
`)}var Rd=["text","json","sarif","markdown","junit","github"];function hi(t,e){let n=[];for(let a of t){let c=a.indexOf("="),u=(c<0?a:a.slice(0,c)).trim(),l=c<0?null:a.slice(c+1);if(!Rd.includes(u))throw new O(`--format: unknown format '${u}' (use ${Rd.join(", ")})`);if(l==="")throw new O(`--format ${u}=: missing file name`);n.push({format:u,file:l})}let r=n.filter(a=>a.file===null);if(r.length>1)throw new O("--format: at most one format may go to stdout; give the others a file (F=FILE)");r.length===0&&n.push({format:"text",file:null});let i=n.map(a=>a.file===null?e??null:a.file).filter(a=>a!==null),o=i.map(a=>hs.resolve(a)),s=i.find((a,c)=>o.indexOf(o[c])!==c);if(s)throw new O(`--format: ${s} is named twice`);return n.map(a=>a.file===null&&e?{...a,file:e}:a)}function Ed(t,e,n){return[...ys(t,e,n)].join("")}function ys(t,e,n){switch(e){case"text":return[vd(t,{color:n.color})];case"json":return Td(t);case"sarif":return hd(t,{cwd:n.cwd,anchor:n.anchor??null});case"markdown":return[Ad(t)];case"junit":return[xd(t)];case"github":return[kd(t)]}}function*bs(t,e=65536){let n=[],r=0;for(let i of t)n.push(i),r+=i.length,r>=e&&(yield n.join(""),n=[],r=0);r>0&&(yield n.join(""))}function yi(t,e,n){let r=hs.resolve(n,t);Rb(hs.dirname(r),{recursive:!0});let i=Eb(r,"w");try{for(let o of typeof e=="string"?[e]:bs(e)){let s=Buffer.from(o);for(let a=0;a<s.length;)a+=Ib(i,s,a,s.length-a)}}finally{xb(i)}}import{existsSync as ok,writeFileSync as sk}from"node:fs";import ak from"node:path";var Id=`# trailguard configuration: https://github.com/trailguard/trailguard#configuration
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
`;import{existsSync as Lb}from"node:fs";import Un from"node:path";var ks=16,Ob=/^arn:[a-z-]+:iam::\d{12}:role\/.+$/,$b=/^[a-z]{2,}(-[a-z]+)+-\d+$/;function ws(t){if(t.org&&!t.roleName)throw new O("--org needs --role-name: the role to assume in each member account");if(t.roleName&&!t.org)throw new O("--role-name is only used with --org");if(t.org&&t.roleArns?.length)throw new O("--org and --role-arn cannot be combined");for(let n of t.roleArns??[])if(!Ob.test(n))throw new O(`--role-arn: not an IAM role ARN: ${n}`);if(Array.isArray(t.regions)){if(!t.regions.length)throw new O("--regions: name at least one region, or use all");for(let n of t.regions)if(!$b.test(n))throw new O(`--regions: not a region name: ${n}`)}if(t.concurrency!==void 0&&(!Number.isInteger(t.concurrency)||t.concurrency<1))throw new O("--concurrency: expected a whole number of 1 or more");let e=t.shard;if(e&&(!Number.isInteger(e.index)||!Number.isInteger(e.count)||e.count<1||e.index<1||e.index>e.count))throw new O("--shard: expected I/N with 1 <= I <= N")}function Pb(t,e){if(t.config){let r=Un.resolve(e,t.config);if(!Lb(r))throw new O(`--config: cannot read ${t.config}`);return Zt(r,e)}let n=Pr(e);return n?Zt(n,e):tr(e)}function Nb(t){return[...new Map(t.map(e=>[`${e.level}\0${e.id}\0${e.message}`,e])).values()].sort((e,n)=>e.id.localeCompare(n.id)||e.message.localeCompare(n.message))}function Gb(t){let e=new Map;for(let[n,r]of t??[]){let i=Ge(n);if(!i)throw new O(`--rule: unknown rule '${n}'`);e.set(i,r)}return e}function vs(t){let e=Un.resolve(t.cwd??process.cwd()),n=Pb(t,e),r=Gb(t.ruleLevels),i=t.baseline?fs(t.baseline,e):null,o=(t.now??new Date).toISOString().slice(0,10);return{config:n,levelOf:(s,a)=>sn(s,a,{config:n,overrides:r}),process:s=>Yr(s,[],{config:n,overrides:r,strict:!!t.strict,reportFiles:null,baseline:i,today:o})}}function _s(t,e){return{...t.profile?{profile:t.profile}:{},regions:t.regions??"enabled",roleArns:t.roleArns??[],org:!!t.org,roleName:t.roleName??null,concurrency:e,shard:t.shard??null,...t.onProgress?{onProgress:t.onProgress}:{}}}function As(t){let{config:e,levelOf:n}=t.setup,r=[...t.notifications];(t.options.anchor??e.file)||r.push({level:"warning",id:"no-anchor",message:`${t.subject} results have no file to point at: GitHub code scanning rejects SARIF results without a physical location; pass --anchor FILE or keep a .trailguard.yml.`});let i=!t.read.planned||t.read.targets>0&&t.readable===0;return{version:Nt,category:"live",automationId:t.read.automationId,results:t.results,notifications:Nb(r),summary:Xr(t.results,t.baselined,t.readable),rules:Ae,levels:new Map(Ae.map(o=>[o.meta.id,n(o.meta.id,o.meta.level)])),config:e,exitCode:i?2:Jr(t.results,t.options.failOn??"error")?1:0,paths:[]}}async function Ld(t={}){ws(t);let e=vs(t),{readAccounts:n}=await import("./chunk-Y52WC47Q.js"),r=await n(_s(t,t.concurrency??ks)),i=r.accounts,o=Ae.filter(u=>u.meta.appliesTo.includes("live")&&!u.meta.verify&&e.levelOf(u.meta.id,u.meta.level)!=="off"),s=[],a=[];for(let u of i){let l=an(u.model,o,e.config.settings);s.push(...l.results),a.push(...l.notifications)}let c=e.process(s);return As({subject:"Live",options:t,setup:e,read:r,readable:i.filter(u=>u.readable).length,results:t.changedLines?[]:c.results,baselined:c.baselined,notifications:[...r.notifications,...a,...c.notifications]})}var Wb=["profile","regions","org","roleName","concurrency","shard","anchor"],Db={profile:"--profile",regions:"--regions",org:"--org",roleName:"--role-name",concurrency:"--concurrency",shard:"--shard",anchor:"--anchor"};function Mb(t){let e=/^(\d+)\/(\d+)$/.exec(t.trim());if(!e)throw new O(`--shard ${t}: expected I/N, e.g. 2/4`);return{index:Number(e[1]),count:Number(e[2])}}function Fb(t){if(!/^\d+$/.test(t.trim()))throw new O(`--concurrency ${t}: expected a whole number of 1 or more`);return Number(t)}function Ss(t,e,n){if(!e.live){let r=Wb.find(i=>e[i]!==void 0)??(e.roleArn?.length?"roleArn":void 0);if(r)throw new O(`${r==="roleArn"?"--role-arn":Db[r]} is an option of live scans: add --live`);return null}if(t.length)throw new O(`--live scans AWS accounts, not files: remove ${t.join(" ")}`);return{...n,...Ts(e)}}function Ts(t){let e=t.regions===void 0?void 0:t.regions.trim()==="all"?"all":t.regions.split(",").map(n=>n.trim()).filter(Boolean);return{...t.profile?{profile:t.profile}:{},...e!==void 0?{regions:e}:{},...t.roleArn?.length?{roleArns:t.roleArn}:{},...t.org?{org:!0}:{},...t.roleName?{roleName:t.roleName}:{},...t.concurrency!==void 0?{concurrency:Fb(t.concurrency)}:{},...t.shard!==void 0?{shard:Mb(t.shard)}:{},...t.anchor?{anchor:t.anchor}:{}}}function Kn(t,e,n){let r=e.anchor??t.config.file;return r?Un.relative(n,Un.resolve(n,r)).split(Un.sep).join("/"):null}function Od(t){let e=t.meta;return{id:e.id,name:e.name,level:e.level,securitySeverity:e.securitySeverity,summary:e.summary,tags:[...e.tags],controls:{cis:[...e.controls.cis??[]],securityHub:[...e.controls.securityHub??[]]},equivalents:{checkov:[...e.equivalents.checkov??[]],trivy:[...e.equivalents.trivy??[]],prowler:[...e.equivalents.prowler??[]]},appliesTo:[...e.appliesTo],fixable:e.fix==="safe",helpUri:Ye(e.id,e.name)}}var Bb={terraform:"TF",plan:"plan",cloudformation:"CFN",live:"live"};function $d(t){return["| ID | name | level | checks | sources | controls |","|---|---|---|---|---|---|",...t.map(n=>{let r=n.meta,i=[...(r.controls.cis??[]).map(o=>`CIS ${o}`),...r.controls.securityHub??[]].join(", ")||"-";return`| [${r.id}](rules/${r.id}-${r.name}/doc.md) | ${r.name} | ${r.level} | ${r.summary} | ${r.appliesTo.map(o=>Bb[o]).join(", ")} | ${i} |`})].join(`
`)+`
`}function Pd(t){let e=Math.max(...t.map(n=>n.meta.name.length));return t.map(n=>`${n.meta.id}  ${n.meta.name.padEnd(e)}  ${n.meta.level.padEnd(7)}  ${n.meta.summary}`).join(`
`)+`
`}import{readFileSync as jb}from"node:fs";import zb from"node:path";var Me=class extends Error{};function qn(t){return typeof t=="object"&&t!==null&&!Array.isArray(t)}function Vb(t){let e=t.log;if(!qn(e)||e.version!=="2.1.0"||!Array.isArray(e.runs))throw new Me(`${t.name}: not a SARIF 2.1.0 log`);let n=e.runs;if(!n.length)throw new Me(`${t.name}: the log has no run`);for(let r of n){let i=qn(r)?r.tool:void 0,o=qn(i)?i.driver:void 0;if(!qn(r)||!qn(o)||typeof o.name!="string")throw new Me(`${t.name}: a run has no tool.driver.name`);if(r.results!==void 0&&!Array.isArray(r.results))throw new Me(`${t.name}: results is not an array`)}return n}var Nd={error:0,warning:1,note:2,none:3};function Gd(t){if(!t.length)throw new Me("nothing to merge");let e=t.flatMap(_=>Vb(_).map(y=>({input:_,run:y}))),n=e[0].run,r=n.tool.driver.name,i=n.automationDetails?.id??"";for(let{input:_,run:y}of e){if(y.tool.driver.name!==r)throw new Me(`${_.name}: made by ${y.tool.driver.name}, not ${r}: only logs of one tool can be merged`);let g=y.automationDetails?.id??"";if(g!==i)throw new Me(`${_.name}: category '${g}' differs from '${i}' (${e[0].input.name}): only shards of one scan can be merged`)}let o=new Map;for(let{run:_}of e)for(let y of _.tool.driver.rules??[])o.has(y.id)||o.set(y.id,y);let s=[...o.values()].sort((_,y)=>_.id<y.id?-1:_.id>y.id?1:0),a=new Map(s.map((_,y)=>[_.id,y])),c=_=>{let y=_.id!==void 0?a.get(_.id):void 0,{index:g,...v}=_;return y===void 0?v:{...v,index:y}},u=new Set,l=[];for(let{run:_}of e){let y=_.tool.driver.rules??[];for(let g of _.results??[]){let v=g.ruleId??g.rule?.id??(g.ruleIndex!==void 0?y[g.ruleIndex]?.id:void 0),T=JSON.stringify([v??null,g.partialFingerprints??g.fingerprints??null,g.locations??[]]);if(u.has(T))continue;u.add(T);let E={...g};if(delete E.ruleIndex,v!==void 0){E.ruleId=v;let D=a.get(v);D!==void 0&&(E.ruleIndex=D)}g.rule&&(E.rule=c({...g.rule,...v!==void 0?{id:v}:{}})),l.push(E)}}let d=e.flatMap(({run:_})=>_.invocations??[]),m=new Set,f=[];for(let _ of d)for(let y of _.toolExecutionNotifications??[]){let g=JSON.stringify(y);m.has(g)||(m.add(g),f.push(y))}let p=new Map;for(let _ of d)for(let y of _.ruleConfigurationOverrides??[]){let g=y.descriptor.id;g!==void 0&&!p.has(g)&&p.set(g,{...y,descriptor:c(y.descriptor)})}if(l.length>Mt){let _=l.length;l=l.map((y,g)=>({r:y,i:g})).sort((y,g)=>(Nd[y.r.level??"warning"]??3)-(Nd[g.r.level??"warning"]??3)||y.i-g.i).slice(0,Mt).map(({r:y})=>y),f.push({level:"warning",message:{text:`only the ${Mt} most severe of ${_} results are in this log (GitHub's limit)`},descriptor:{id:"results-truncated"}})}let h={executionSuccessful:d.length>0&&e.every(({run:_})=>(_.invocations??[]).length>0&&_.invocations.every(y=>y.executionSuccessful===!0)),toolExecutionNotifications:f};return p.size&&(h.ruleConfigurationOverrides=[...p.values()]),{$schema:"https://json.schemastore.org/sarif-2.1.0.json",version:"2.1.0",runs:[{tool:{...n.tool,driver:{...n.tool.driver,rules:s}},...n.automationDetails?{automationDetails:n.automationDetails}:{},...n.originalUriBaseIds?{originalUriBaseIds:n.originalUriBaseIds}:{},...n.columnKind?{columnKind:n.columnKind}:{},invocations:[h],results:l}]}}function Wd(t,e,n){let r=t.map(o=>{let s;try{s=jb(zb.resolve(n.cwd,o),"utf8")}catch(a){throw new O(`merge: cannot read ${o}: ${a.code??a.message}`)}try{return{name:o,log:JSON.parse(s)}}catch{throw new O(`merge: ${o} is not JSON`)}}),i;try{i=JSON.stringify(Gd(r),null,2)+`
`}catch(o){throw o instanceof Me?new O(`merge: ${o.message}`):o}return e.output?yi(e.output,i,n.cwd):n.stdout(i),0}var Ub=864e5,Cs=8;function xs(t,e){let n=/^\d{4}-\d{2}-\d{2}$/.test(e.trim())?`${e.trim()}T00:00:00Z`:e.trim(),r=/^\d{4}-\d{2}-\d{2}T/.test(n)?Date.parse(n):Number.NaN;if(Number.isNaN(r))throw new O(`${t} ${e}: expected an ISO 8601 time, e.g. 2026-11-25T00:00:00Z`);return new Date(r)}function Kb(){let t={address:"trailguard-verify",path:[]},{directives:e,...n}=jt();return{kinds:new Set(["live"]),...n,account:{type:"account",address:t.address,source:"live",loc:t,label:"verify",accountId:B("",t)}}}function Dd(t){return`${(t/1e6).toFixed(1)} MB`}async function Md(t={}){ws(t);let e=t.now??new Date,n=t.endTime??e,r=t.startTime??new Date(n.getTime()-Ub);if(r>=n)throw new O("--start-time must be before --end-time");let i=vs(t),{readAndVerify:o}=await import("./chunk-SOB4YTKX.js"),s=await o({..._s(t,t.concurrency??Cs),trails:t.trails??[],start:r,end:n,now:e}),a=Ae.filter(f=>f.meta.verify&&i.levelOf(f.meta.id,f.meta.level)!=="off"),c=an({...Kb(),logObjects:s.problems},a,i.config.settings),u=i.process(c.results),l=s.stats,d=l.coveredFrom&&l.coveredTo?`; valid digests cover ${l.coveredFrom.toISOString()} to ${l.coveredTo.toISOString()}`:"",m={level:"note",id:"verify-summary",message:`Verified ${l.trails} ${l.trails===1?"trail":"trails"} (${l.chains} account-region chains) from ${r.toISOString()} to ${n.toISOString()}: ${l.digests} digest files and ${l.logs} log files checked, ${Dd(l.bytesRead)} read, ${Dd(l.bytesHashed)} of log data hashed${d}.`};return As({subject:"Verify",options:t,setup:i,read:s,readable:s.readable,results:u.results,baselined:u.baselined,notifications:[m,...s.notifications,...c.notifications,...u.notifications]})}async function qb(t,e){let n=hi(t.format,t.output),r=await Md({...Ts(t),...Rs(t,e),...Es(t,e),trails:t.trail,...t.startTime!==void 0?{startTime:xs("--start-time",t.startTime)}:{},...t.endTime!==void 0?{endTime:xs("--end-time",t.endTime)}:{}});return Is(r,n,{quiet:!!t.quiet,anchor:Kn(r,t,e.cwd)},e),r.exitCode}function Fd(t,e,n){Ls(t.command("verify").description("check the log files trails delivered against their signed digest files (read-only)")).option("--trail <arn|name>","verify this trail (repeatable; default: every trail the accounts own)",mt,[]).option("--start-time <time>","ISO 8601 start of the period verified (default: 24 hours before --end-time)").option("--end-time <time>","ISO 8601 end of the period verified (default: now)").option("--baseline <file>","ignore results whose fingerprint is in this earlier SARIF or JSON report").option("--quiet","no progress and no warnings on stderr").option("--profile <name>","AWS profile (default: AWS_PROFILE and the standard credential chain)").option("--regions <all|r1,r2>","regions of multi-region trails to verify (default: those enabled, and any with digest files)").option("--role-arn <arn>","verify the trails of this role's account, through it (repeatable)",mt,[]).option("--org","verify the trails of every account of the caller's organization; needs --role-name").option("--role-name <name>","with --org: the role to assume in each member account").option("--concurrency <n>",`S3 objects and listings read at once (default: ${Cs})`).option("--shard <I/N>","verify the I-th of N shares of the accounts (sorted by ID, the k-th goes to shard k mod N + 1)").option("--anchor <file>","the repository file SARIF results point at (default: the configuration file)").addHelpText("after",`
Only reads: S3 ListObjectsV2, GetObject and HeadObject, CloudTrail ListPublicKeys, DescribeTrails and GetTrailStatus, besides the account and region discovery of live scans and, for organization trails, Organizations DescribeOrganization (docs/iam-policy.json).
Results: TG022 digest missing, TG023 digest signature invalid, TG024 log file missing, TG025 log file modified, TG026 log file listed by no digest, TG027 digests missing for a period.
Exit status: 0 no counted result at or above --fail-on; 1 there are; 2 usage error, invalid configuration, or no account could be read.`).action(async r=>n(await qb(r,e)))}import{readFileSync as Qb,realpathSync as jd,renameSync as Zb,statSync as ek,writeFileSync as tk}from"node:fs";import gt from"node:path";var Hn=class{diff(e,n,r={}){let i;typeof r=="function"?(i=r,r={}):"callback"in r&&(i=r.callback);let o=this.castInput(e,r),s=this.castInput(n,r),a=this.removeEmpty(this.tokenize(o,r)),c=this.removeEmpty(this.tokenize(s,r));return this.diffWithOptionsObj(a,c,r,i)}diffWithOptionsObj(e,n,r,i){var o;let s=y=>{if(y=this.postProcess(y,r),i){setTimeout(function(){i(y)},0);return}else return y},a=n.length,c=e.length,u=1,l=a+c;r.maxEditLength!=null&&(l=Math.min(l,r.maxEditLength));let d=(o=r.timeout)!==null&&o!==void 0?o:1/0,m=Date.now()+d,f=[{oldPos:-1,lastComponent:void 0}],p=this.extractCommon(f[0],n,e,0,r);if(f[0].oldPos+1>=c&&p+1>=a)return s(this.buildValues(f[0].lastComponent,n,e));let h=-1/0,C=1/0,_=()=>{for(let y=Math.max(h,-u);y<=Math.min(C,u);y+=2){let g,v=f[y-1],T=f[y+1];v&&(f[y-1]=void 0);let E=!1;if(T){let I=T.oldPos-y;E=T&&0<=I&&I<a}let D=v&&v.oldPos+1<c;if(!E&&!D){f[y]=void 0;continue}if(!D||E&&v.oldPos<T.oldPos?g=this.addToPath(T,!0,!1,0,r):g=this.addToPath(v,!1,!0,1,r),p=this.extractCommon(g,n,e,y,r),g.oldPos+1>=c&&p+1>=a)return s(this.buildValues(g.lastComponent,n,e))||!0;f[y]=g,g.oldPos+1>=c&&(C=Math.min(C,y-1)),p+1>=a&&(h=Math.max(h,y+1))}u++};if(i)(function y(){setTimeout(function(){if(u>l||Date.now()>m)return i(void 0);_()||y()},0)})();else for(;u<=l&&Date.now()<=m;){let y=_();if(y)return y}}addToPath(e,n,r,i,o){let s=e.lastComponent;return s&&!o.oneChangePerToken&&s.added===n&&s.removed===r?{oldPos:e.oldPos+i,lastComponent:{count:s.count+1,added:n,removed:r,previousComponent:s.previousComponent}}:{oldPos:e.oldPos+i,lastComponent:{count:1,added:n,removed:r,previousComponent:s}}}extractCommon(e,n,r,i,o){let s=n.length,a=r.length,c=e.oldPos,u=c-i,l=0;for(;u+1<s&&c+1<a&&this.equals(r[c+1],n[u+1],o);)u++,c++,l++,o.oneChangePerToken&&(e.lastComponent={count:1,previousComponent:e.lastComponent,added:!1,removed:!1});return l&&!o.oneChangePerToken&&(e.lastComponent={count:l,previousComponent:e.lastComponent,added:!1,removed:!1}),e.oldPos=c,u}equals(e,n,r){return r.comparator?r.comparator(e,n):e===n||!!r.ignoreCase&&e.toLowerCase()===n.toLowerCase()}removeEmpty(e){let n=[];for(let r=0;r<e.length;r++)e[r]&&n.push(e[r]);return n}castInput(e,n){return e}tokenize(e,n){return Array.from(e)}join(e){return e.join("")}postProcess(e,n){return e}get useLongestToken(){return!1}buildValues(e,n,r){let i=[],o;for(;e;)i.push(e),o=e.previousComponent,delete e.previousComponent,e=o;i.reverse();let s=i.length,a=0,c=0,u=0;for(;a<s;a++){let l=i[a];if(l.removed)l.value=this.join(r.slice(u,u+l.count)),u+=l.count;else{if(!l.added&&this.useLongestToken){let d=n.slice(c,c+l.count);d=d.map(function(m,f){let p=r[u+f];return p.length>m.length?p:m}),l.value=this.join(d)}else l.value=this.join(n.slice(c,c+l.count));c+=l.count,l.added||(u+=l.count)}}return i}};var Os=class extends Hn{constructor(){super(...arguments),this.tokenize=Yb}equals(e,n,r){return r.ignoreWhitespace?((!r.newlineIsToken||!e.includes(`
`))&&(e=e.trim()),(!r.newlineIsToken||!n.includes(`
`))&&(n=n.trim())):r.ignoreNewlineAtEof&&!r.newlineIsToken&&(e.endsWith(`
`)&&(e=e.slice(0,-1)),n.endsWith(`
`)&&(n=n.slice(0,-1))),super.equals(e,n,r)}},Hb=new Os;function $s(t,e,n){return Hb.diff(t,e,n)}function Yb(t,e){e.stripTrailingCr&&(t=t.replace(/\r\n/g,`
`));let n=[],r=t.split(/(\n|\r\n)/);r[r.length-1]||r.pop();for(let i=0;i<r.length;i++){let o=r[i];i%2&&!e.newlineIsToken?n[n.length-1]+=o:n.push(o)}return n}function Xb(t){for(let e=0;e<t.length;e++)if(t[e]<" "||t[e]>"~"||t[e]==='"'||t[e]==="\\")return!0;return!1}function pt(t){if(!Xb(t))return t;let e='"',n=new TextEncoder().encode(t),r=0;for(;r<n.length;){let i=n[r];i===7?e+="\\a":i===8?e+="\\b":i===9?e+="\\t":i===10?e+="\\n":i===11?e+="\\v":i===12?e+="\\f":i===13?e+="\\r":i===34?e+='\\"':i===92?e+="\\\\":i>=32&&i<=126?e+=String.fromCharCode(i):e+="\\"+i.toString(8).padStart(3,"0"),r++}return e+='"',e}var Ps={includeIndex:!0,includeUnderline:!0,includeFileHeaders:!0};function Ns(t,e,n,r,i,o,s){let a;s?typeof s=="function"?a={callback:s}:a=s:a={},typeof a.context>"u"&&(a.context=4);let c=a.context;if(a.newlineIsToken)throw new Error("newlineIsToken may not be used with patch-generation functions, only with diffing functions");if(a.callback){let{callback:l}=a;$s(n,r,Object.assign(Object.assign({},a),{callback:d=>{let m=u(d);l(m)}}))}else return u($s(n,r,a));function u(l){if(!l)return;l.push({value:"",lines:[]});function d(y){return y.map(function(g){return" "+g})}let m=[],f=0,p=0,h=[],C=1,_=1;for(let y=0;y<l.length;y++){let g=l[y],v=g.lines||Jb(g.value);if(g.lines=v,g.added||g.removed){if(!f){let T=l[y-1];f=C,p=_,T&&(h=c>0?d(T.lines.slice(-c)):[],f-=h.length,p-=h.length)}for(let T of v)h.push((g.added?"+":"-")+T);g.added?_+=v.length:C+=v.length}else{if(f)if(v.length<=c*2&&y<l.length-2)for(let T of d(v))h.push(T);else{let T=Math.min(v.length,c);for(let D of d(v.slice(0,T)))h.push(D);let E={oldStart:f,oldLines:C-f+T,newStart:p,newLines:_-p+T,lines:h};m.push(E),f=0,p=0,h=[]}C+=v.length,_+=v.length}}for(let y of m)for(let g=0;g<y.lines.length;g++)y.lines[g].endsWith(`
`)?y.lines[g]=y.lines[g].slice(0,-1):(y.lines.splice(g+1,0,"\\ No newline at end of file"),g++);return{oldFileName:t,newFileName:e,oldHeader:i,newHeader:o,hunks:m}}}function bi(t,e){var n,r,i,o,s,a;if(e||(e=Ps),Array.isArray(t)){if(t.length>1&&!e.includeFileHeaders&&!t.every(l=>l.isGit))throw new Error("Cannot omit file headers on a multi-file patch. (The result would be unparseable; how would a tool trying to apply the patch know which changes are to which file?)");return t.map(l=>bi(l,e)).join(`
`)}let c=[];if(t.isGit){if(e=Ps,!t.oldFileName)throw new Error("oldFileName must be specified for Git patches");if(!t.newFileName)throw new Error("newFileName must be specified for Git patches");let l=t.oldFileName,d=t.newFileName;t.isCreate&&l==="/dev/null"?l=d.replace(/^b\//,"a/"):t.isDelete&&d==="/dev/null"&&(d=l.replace(/^a\//,"b/")),c.push("diff --git "+pt(l)+" "+pt(d)),t.isDelete&&c.push("deleted file mode "+((n=t.oldMode)!==null&&n!==void 0?n:"100644")),t.isCreate&&c.push("new file mode "+((r=t.newMode)!==null&&r!==void 0?r:"100644")),t.oldMode&&t.newMode&&!t.isDelete&&!t.isCreate&&(c.push("old mode "+t.oldMode),c.push("new mode "+t.newMode)),t.isRename&&(c.push("rename from "+pt(((i=t.oldFileName)!==null&&i!==void 0?i:"").replace(/^a\//,""))),c.push("rename to "+pt(((o=t.newFileName)!==null&&o!==void 0?o:"").replace(/^b\//,"")))),t.isCopy&&(c.push("copy from "+pt(((s=t.oldFileName)!==null&&s!==void 0?s:"").replace(/^a\//,""))),c.push("copy to "+pt(((a=t.newFileName)!==null&&a!==void 0?a:"").replace(/^b\//,""))))}else e.includeIndex&&t.oldFileName==t.newFileName&&t.oldFileName!==void 0&&c.push("Index: "+t.oldFileName),e.includeUnderline&&c.push("===================================================================");let u=t.hunks.length>0;e.includeFileHeaders&&t.oldFileName!==void 0&&t.newFileName!==void 0&&(!t.isGit||u)&&(c.push("--- "+pt(t.oldFileName)+(t.oldHeader?"	"+t.oldHeader:"")),c.push("+++ "+pt(t.newFileName)+(t.newHeader?"	"+t.newHeader:"")));for(let l=0;l<t.hunks.length;l++){let d=t.hunks[l],m=d.oldLines===0?d.oldStart-1:d.oldStart,f=d.newLines===0?d.newStart-1:d.newStart;c.push("@@ -"+m+","+d.oldLines+" +"+f+","+d.newLines+" @@");for(let p of d.lines)c.push(p)}return c.join(`
`)+`
`}function Gs(t,e,n,r,i,o,s){if(typeof s=="function"&&(s={callback:s}),s?.callback){let{callback:a}=s;Ns(t,e,n,r,i,o,Object.assign(Object.assign({},s),{callback:c=>{a(c?bi(c,s.headerOptions):void 0)}}))}else{let a=Ns(t,e,n,r,i,o,s);return a?bi(a,s?.headerOptions):void 0}}function Jb(t){let e=t.endsWith(`
`),n=t.split(`
`).map(r=>r+`
`);return e?n.pop():n.push(n.pop().slice(0,-1)),n}function Ws(t,e){let n=[...e].sort((s,a)=>s.start-a.start||s.end-a.end),r="",i=0,o=0;for(let s of n)s.start<i||(r+=t.slice(i,s.start)+s.text,i=s.end,o++);return{text:r+t.slice(i),applied:o}}function Bd(t,e,n){return e===n?"":Gs(`a/${t}`,`b/${t}`,e,n,"","",{context:3}).replace(/^(Index:.*\n)?=+\n/,"")}var nk=10;function Vd(t){let e=new Map;for(let n of t.fixes?.values()??[]){let r=e.get(n.file)??{before:n.before,edits:[]};r.edits.push(n.edit),e.set(n.file,r)}return e}function rk(t,e){let n;try{n=jd(t)}catch{return!1}return e.some(r=>{let i=gt.relative(r,n);return i===""||!i.startsWith("..")&&!gt.isAbsolute(i)})}function ik(t,e){let n=ek(t).mode&4095,r=gt.join(gt.dirname(t),`.${gt.basename(t)}.trailguard-${process.pid}.tmp`);tk(r,e,{mode:n}),Zb(r,t)}async function zd(t,e){let n=gt.resolve(t.cwd??process.cwd()),r=(t.paths?.length?t.paths:["."]).map(c=>{let u=gt.resolve(n,c);try{return jd(u)}catch{return u}}),i=new Map,o=[],s=await jn(t);if(e){for(let[c,{before:u,edits:l}]of Vd(s)){let d=Ws(u,l);i.set(c,{before:u,after:d.text,edits:d.applied})}return{run:s,changed:[...i].map(([c,u])=>({file:c,...u})),notifications:o}}let a=new Map;for(let c=0;c<nk;c++){let u=!1;for(let[l,{before:d,edits:m}]of Vd(s)){let f=gt.resolve(n,l);if(!rk(f,r)){o.push({level:"warning",id:"fix-skipped",message:"not fixed: the file is outside the scanned paths",file:l});continue}if(Qb(f,"utf8")!==d){o.push({level:"warning",id:"fix-skipped",message:"not fixed: the file changed while it was scanned",file:l});continue}let p=Ws(d,m),h=a.get(l)??new Set([d]);if(p.text===d||h.has(p.text))continue;h.add(p.text),a.set(l,h),ik(f,p.text);let C=i.get(l);i.set(l,{before:C?.before??d,after:p.text,edits:(C?.edits??0)+p.applied}),u=!0}if(!u)break;s=await jn(t)}return{run:s,changed:[...i].map(([c,u])=>({file:c,...u})),notifications:o}}function Ud(t){return t.changed.map(e=>Bd(e.file,e.before,e.after)).join("")}var Kd=["error","warning","note","off"];function mt(t,e){return[...e,t]}function lk(t){let e=t.indexOf("="),n=t.slice(e+1).trim();if(e<0||!Kd.includes(n))throw new O(`--rule ${t}: expected ID=LEVEL with LEVEL one of ${Kd.join(", ")}`);return[t.slice(0,e).trim(),n]}function Ds(t,e,n){return{paths:t,cwd:n,...e.config?{config:e.config}:{},strict:!!e.strict,ruleLevels:e.rule.map(lk),failOn:e.failOn,...e.baseline?{baseline:e.baseline}:{},...e.diffBase?{changedLines:ck(e.diffBase,n)}:{},vars:e.var??[],varFiles:e.varFile??[]}}function ck(t,e){try{return fd(t,e,{mergeBase:"require"})}catch(n){throw n instanceof Dt?new O(`--diff-base ${t}: ${n.message}`):n}}function Rs(t,e){let{config:n,strict:r,ruleLevels:i,failOn:o,baseline:s,changedLines:a}=Ds([],t,e.cwd);return{cwd:e.cwd,config:n,strict:r,ruleLevels:i,failOn:o,baseline:s,changedLines:a}}function Es(t,e){if(t.quiet||!(e.stderrIsTTY??process.stderr.isTTY))return{};let n="";return{onProgress:(r,i)=>{(r!==n||i)&&e.stderr(`\r\x1B[2K${n=r}${i?`
`:""}`)}}}async function uk(t,e,n){let r=Ss(t,e,{});if(!r)return{run:await jn(Ds(t,e,n.cwd)),anchor:null};let i=await Ld({...r,...Rs(e,n),...Es(e,n)});return{run:i,anchor:Kn(i,e,n.cwd)}}async function dk(t,e,n){let r=hi(e.format,e.output),i=Ss(t,e,{});if(i&&(e.fix||e.fixDryRun))throw new O("--fix and --fix-dry-run cannot be used with --live");let o;if(e.fix||e.fixDryRun){let s=await zd(Ds(t,e,n.cwd),!!e.fixDryRun);if(e.fixDryRun){if(n.stdout(Ud(s)),!e.quiet)for(let a of s.run.notifications)a.id==="fix-unavailable"&&n.stderr(`trailguard: note: ${a.file}${a.line?`:${a.line}`:""}: ${a.message}
`);return s.run.exitCode}if(!e.quiet){for(let a of s.changed)n.stderr(`trailguard: fixed ${a.file} (${a.edits} ${a.edits===1?"edit":"edits"})
`);for(let a of s.notifications)n.stderr(`trailguard: warning: ${a.file}: ${a.message}
`)}o=s.run}else o=(await uk(t,e,n)).run;return Is(o,r,{quiet:!!e.quiet,anchor:i?Kn(o,e,n.cwd):null},n),o.exitCode}function Is(t,e,n,r){ea();let i=r.stdoutIsTTY&&!process.env.NO_COLOR,o=e.some(s=>s.format==="text"&&s.file===null);if(t.exitCode!==2)for(let s of e){let a=ys(t,s.format,{color:s.file===null&&i,cwd:r.cwd,anchor:n.anchor});if(s.file===null)for(let c of bs(a))r.stdout(c);else yi(s.file,a,r.cwd)}else o&&r.stdout(Ed(t,"text",{color:i,cwd:r.cwd}));if(!n.quiet&&(!o||t.exitCode===2))for(let s of t.notifications){if(s.level==="note")continue;let a=s.file?`${s.file}${s.line?`:${s.line}`:""}: `:"";r.stderr(`trailguard: ${s.level}: ${a}${s.message}
`)}}function Ls(t){return t.option("--format <F[=FILE]>","text, json, sarif, markdown, junit or github; F=FILE writes F to FILE (repeatable)",mt,[]).option("--output <file>","write the report (the format without FILE) to this file").addOption(new Mi("--fail-on <level>","lowest level that makes the exit status 1").choices(["error","warning","note","none"]).default("error")).option("--config <file>",`configuration file (default: the nearest ${Ot})`).option("--rule <ID=LEVEL>","set a rule's level: error, warning, note or off (repeatable)",mt,[])}function fk(t,e,n=dk){let r=new ga;return r.name("trailguard").description("Lint AWS CloudTrail configuration in CloudFormation templates (and, as they land, Terraform and live accounts).").version(Nt,"--version","print the version").exitOverride().configureOutput({writeOut:i=>t.stdout(i),writeErr:i=>t.stderr(i)}).showHelpAfterError(),Ls(r.command("scan").description("scan IaC files under each PATH (default: the current folder)").argument("[paths...]","files or folders to scan")).option("--strict","report unknown values as review results").option("--baseline <file>","ignore results whose fingerprint is in this earlier SARIF or JSON report").option("--diff-base <ref>","keep only results on lines changed since the merge base with REF (git)").option("--var <NAME=VALUE>","a Terraform variable, as terraform -var takes it (repeatable)",mt,[]).option("--var-file <file>","a Terraform variables file, as terraform -var-file takes it (repeatable)",mt,[]).option("--fix","apply the safe fixes to the files (atomically), then report what remains; a value from a Terraform variable is fixed where it is written unless the variable feeds anything else").option("--fix-dry-run","print the safe fixes as a unified diff instead of the report (what cannot be fixed goes to stderr); change nothing").option("--quiet","no progress and no warnings on stderr").option("--live","scan AWS accounts instead of files (read-only API calls)").option("--profile <name>","live: AWS profile (default: AWS_PROFILE and the standard credential chain)").option("--regions <all|r1,r2>","live: regions to scan (default: those enabled for each account)").option("--role-arn <arn>","live: scan the account of this role, through it (repeatable)",mt,[]).option("--org","live: scan the caller's organization (management or delegated-administrator account); needs --role-name").option("--role-name <name>","live, with --org: the role to assume in each member account").option("--concurrency <n>",`live: account-regions scanned at once (default: ${ks})`).option("--shard <I/N>","live: scan the I-th of N shares of the accounts (sorted by ID, the k-th goes to shard k mod N + 1)").option("--anchor <file>","live: the repository file SARIF results point at (default: the configuration file)").addHelpText("after",`
Exit status: 0 no counted result at or above --fail-on; 1 there are; 2 usage error, invalid configuration, or nothing could be scanned.`).action(async(i,o)=>e(await n(i,o,t))),r.command("rules").description("list the rule catalog").addOption(new Mi("--format <format>","output format").choices(["text","json","markdown"]).default("text")).action(i=>{i.format==="json"?t.stdout(JSON.stringify(Ae.map(Od),null,2)+`
`):i.format==="markdown"?t.stdout($d(Ae)):t.stdout(Pd(Ae)),e(0)}),r.command("explain").description("print one rule's full help").argument("<rule>","a rule ID (TG003) or name (log-file-validation-disabled)").action(i=>{let o=Ge(i),s=Ae.find(l=>l.meta.id===o);if(!s)throw new O(o?`${o} is in the catalog but not available in this version`:`unknown rule '${i}'`);let a=s.meta,c=[...(a.controls.cis??[]).map(l=>`CIS ${l}`),...(a.controls.securityHub??[]).map(l=>`Security Hub ${l}`)],u=[`${a.id} ${a.name} (${a.level}, security severity ${a.securitySeverity.toFixed(1)})`,`Applies to: ${a.appliesTo.join(", ")}${c.length?`   Controls: ${c.join(", ")}`:""}`,`Help: ${Ye(a.id,a.name)}`,""];t.stdout(u.join(`
`)+`
`+s.doc.trimEnd()+`
`),e(0)}),r.command("init").description(`write ./${Ot} with every key at its default`).option("--force","overwrite an existing file").action(i=>{let o=ak.join(t.cwd,Ot);if(ok(o)&&!i.force)throw new O(`${Ot} already exists (use --force to overwrite it)`);sk(o,Id),t.stderr(`trailguard: wrote ${Ot}
`),e(0)}),r.command("merge").description("merge SARIF logs of sharded scans into one").argument("<files...>","SARIF files written by trailguard").option("--output <file>","write the merged log to this file instead of stdout").action((i,o)=>e(Wd(i,o,t))),Fd(r,t,e),r}async function IR(t,e){let n=0,r=fk(e,i=>n=i);try{return await r.parseAsync([...t],{from:"user"}),n}catch(i){return i instanceof pa?i.code==="commander.helpDisplayed"||i.code==="commander.version"||i.code==="commander.help"?0:2:i instanceof O||i instanceof et?(e.stderr(`trailguard: ${i.message}
`),2):(e.stderr(`trailguard: internal error: ${i instanceof Error?i.message:String(i)}
`),2)}}export{gk as a,ea as b,pa as c,et as d,O as e,dd as f,DC as g,fd as h,MC as i,hd as j,db as k,fb as l,mb as m,Xe as n,hb as o,De as p,Ad as q,hi as r,Ed as s,ys as t,yi as u,uk as v,fk as w,IR as x};
