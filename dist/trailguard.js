#!/usr/bin/env node
import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);
var xS=Object.create;var Up=Object.defineProperty;var LS=Object.getOwnPropertyDescriptor;var DS=Object.getOwnPropertyNames;var MS=Object.getPrototypeOf,qS=Object.prototype.hasOwnProperty;var Gt=(t=>typeof require<"u"?require:typeof Proxy<"u"?new Proxy(t,{get:(e,n)=>(typeof require<"u"?require:e)[n]}):t)(function(t){if(typeof require<"u")return require.apply(this,arguments);throw Error('Dynamic require of "'+t+'" is not supported')});var y=(t,e)=>()=>{try{return e||t((e={exports:{}}).exports,e),e.exports}catch(n){throw e=0,n}};var WS=(t,e,n,r)=>{if(e&&typeof e=="object"||typeof e=="function")for(let i of DS(e))!qS.call(t,i)&&i!==n&&Up(t,i,{get:()=>e[i],enumerable:!(r=LS(e,i))||r.enumerable});return t};var En=(t,e,n)=>(n=t!=null?xS(MS(t)):{},WS(e||!t||!t.__esModule?Up(n,"default",{value:t,enumerable:!0}):n,t));var si=y(Tl=>{var Fs=class extends Error{constructor(e,n,r){super(r),Error.captureStackTrace(this,this.constructor),this.name=this.constructor.name,this.code=n,this.exitCode=e,this.nestedError=void 0}},Al=class extends Fs{constructor(e){super(1,"commander.invalidArgument",e),Error.captureStackTrace(this,this.constructor),this.name=this.constructor.name}};Tl.CommanderError=Fs;Tl.InvalidArgumentError=Al});var js=y(El=>{var{InvalidArgumentError:GS}=si(),Cl=class{constructor(e,n){switch(this.description=n||"",this.variadic=!1,this.parseArg=void 0,this.defaultValue=void 0,this.defaultValueDescription=void 0,this.argChoices=void 0,e[0]){case"<":this.required=!0,this._name=e.slice(1,-1);break;case"[":this.required=!1,this._name=e.slice(1,-1);break;default:this.required=!0,this._name=e;break}this._name.endsWith("...")&&(this.variadic=!0,this._name=this._name.slice(0,-3))}name(){return this._name}_collectValue(e,n){return n===this.defaultValue||!Array.isArray(n)?[e]:(n.push(e),n)}default(e,n){return this.defaultValue=e,this.defaultValueDescription=n,this}argParser(e){return this.parseArg=e,this}choices(e){return this.argChoices=e.slice(),this.parseArg=(n,r)=>{if(!this.argChoices.includes(n))throw new GS(`Allowed choices are ${this.argChoices.join(", ")}.`);return this.variadic?this._collectValue(n,r):n},this}argRequired(){return this.required=!0,this}argOptional(){return this.required=!1,this}};function FS(t){let e=t.name()+(t.variadic===!0?"...":"");return t.required?"<"+e+">":"["+e+"]"}El.Argument=Cl;El.humanReadableArgName=FS});var Rl=y(Il=>{var{humanReadableArgName:jS}=js(),$l=class{constructor(){this.helpWidth=void 0,this.minWidthToWrap=40,this.sortSubcommands=!1,this.sortOptions=!1,this.showGlobalOptions=!1}prepareContext(e){this.helpWidth=this.helpWidth??e.helpWidth??80}visibleCommands(e){let n=e.commands.filter(i=>!i._hidden),r=e._getHelpCommand();return r&&!r._hidden&&n.push(r),this.sortSubcommands&&n.sort((i,s)=>i.name().localeCompare(s.name())),n}compareOptions(e,n){let r=i=>i.short?i.short.replace(/^-/,""):i.long.replace(/^--/,"");return r(e).localeCompare(r(n))}visibleOptions(e){let n=e.options.filter(i=>!i.hidden),r=e._getHelpOption();if(r&&!r.hidden){let i=r.short&&e._findOption(r.short),s=r.long&&e._findOption(r.long);!i&&!s?n.push(r):r.long&&!s?n.push(e.createOption(r.long,r.description)):r.short&&!i&&n.push(e.createOption(r.short,r.description))}return this.sortOptions&&n.sort(this.compareOptions),n}visibleGlobalOptions(e){if(!this.showGlobalOptions)return[];let n=[];for(let r=e.parent;r;r=r.parent){let i=r.options.filter(s=>!s.hidden);n.push(...i)}return this.sortOptions&&n.sort(this.compareOptions),n}visibleArguments(e){return e._argsDescription&&e.registeredArguments.forEach(n=>{n.description=n.description||e._argsDescription[n.name()]||""}),e.registeredArguments.find(n=>n.description)?e.registeredArguments:[]}subcommandTerm(e){let n=e.registeredArguments.map(r=>jS(r)).join(" ");return e._name+(e._aliases[0]?"|"+e._aliases[0]:"")+(e.options.length?" [options]":"")+(n?" "+n:"")}optionTerm(e){return e.flags}argumentTerm(e){return e.name()}longestSubcommandTermLength(e,n){return n.visibleCommands(e).reduce((r,i)=>Math.max(r,this.displayWidth(n.styleSubcommandTerm(n.subcommandTerm(i)))),0)}longestOptionTermLength(e,n){return n.visibleOptions(e).reduce((r,i)=>Math.max(r,this.displayWidth(n.styleOptionTerm(n.optionTerm(i)))),0)}longestGlobalOptionTermLength(e,n){return n.visibleGlobalOptions(e).reduce((r,i)=>Math.max(r,this.displayWidth(n.styleOptionTerm(n.optionTerm(i)))),0)}longestArgumentTermLength(e,n){return n.visibleArguments(e).reduce((r,i)=>Math.max(r,this.displayWidth(n.styleArgumentTerm(n.argumentTerm(i)))),0)}commandUsage(e){let n=e._name;e._aliases[0]&&(n=n+"|"+e._aliases[0]);let r="";for(let i=e.parent;i;i=i.parent)r=i.name()+" "+r;return r+n+" "+e.usage()}commandDescription(e){return e.description()}subcommandDescription(e){return e.summary()||e.description()}optionDescription(e){let n=[];if(e.argChoices&&n.push(`choices: ${e.argChoices.map(r=>JSON.stringify(r)).join(", ")}`),e.defaultValue!==void 0&&(e.required||e.optional||e.isBoolean()&&typeof e.defaultValue=="boolean")&&n.push(`default: ${e.defaultValueDescription||JSON.stringify(e.defaultValue)}`),e.presetArg!==void 0&&e.optional&&n.push(`preset: ${JSON.stringify(e.presetArg)}`),e.envVar!==void 0&&n.push(`env: ${e.envVar}`),n.length>0){let r=`(${n.join(", ")})`;return e.description?`${e.description} ${r}`:r}return e.description}argumentDescription(e){let n=[];if(e.argChoices&&n.push(`choices: ${e.argChoices.map(r=>JSON.stringify(r)).join(", ")}`),e.defaultValue!==void 0&&n.push(`default: ${e.defaultValueDescription||JSON.stringify(e.defaultValue)}`),n.length>0){let r=`(${n.join(", ")})`;return e.description?`${e.description} ${r}`:r}return e.description}formatItemList(e,n,r){return n.length===0?[]:[r.styleTitle(e),...n,""]}groupItems(e,n,r){let i=new Map;return e.forEach(s=>{let o=r(s);i.has(o)||i.set(o,[])}),n.forEach(s=>{let o=r(s);i.has(o)||i.set(o,[]),i.get(o).push(s)}),i}formatHelp(e,n){let r=n.padWidth(e,n),i=n.helpWidth??80;function s(d,f){return n.formatItem(d,r,f,n)}let o=[`${n.styleTitle("Usage:")} ${n.styleUsage(n.commandUsage(e))}`,""],a=n.commandDescription(e);a.length>0&&(o=o.concat([n.boxWrap(n.styleCommandDescription(a),i),""]));let l=n.visibleArguments(e).map(d=>s(n.styleArgumentTerm(n.argumentTerm(d)),n.styleArgumentDescription(n.argumentDescription(d))));if(o=o.concat(this.formatItemList("Arguments:",l,n)),this.groupItems(e.options,n.visibleOptions(e),d=>d.helpGroupHeading??"Options:").forEach((d,f)=>{let m=d.map(h=>s(n.styleOptionTerm(n.optionTerm(h)),n.styleOptionDescription(n.optionDescription(h))));o=o.concat(this.formatItemList(f,m,n))}),n.showGlobalOptions){let d=n.visibleGlobalOptions(e).map(f=>s(n.styleOptionTerm(n.optionTerm(f)),n.styleOptionDescription(n.optionDescription(f))));o=o.concat(this.formatItemList("Global Options:",d,n))}return this.groupItems(e.commands,n.visibleCommands(e),d=>d.helpGroup()||"Commands:").forEach((d,f)=>{let m=d.map(h=>s(n.styleSubcommandTerm(n.subcommandTerm(h)),n.styleSubcommandDescription(n.subcommandDescription(h))));o=o.concat(this.formatItemList(f,m,n))}),o.join(`
`)}displayWidth(e){return Kp(e).length}styleTitle(e){return e}styleUsage(e){return e.split(" ").map(n=>n==="[options]"?this.styleOptionText(n):n==="[command]"?this.styleSubcommandText(n):n[0]==="["||n[0]==="<"?this.styleArgumentText(n):this.styleCommandText(n)).join(" ")}styleCommandDescription(e){return this.styleDescriptionText(e)}styleOptionDescription(e){return this.styleDescriptionText(e)}styleSubcommandDescription(e){return this.styleDescriptionText(e)}styleArgumentDescription(e){return this.styleDescriptionText(e)}styleDescriptionText(e){return e}styleOptionTerm(e){return this.styleOptionText(e)}styleSubcommandTerm(e){return e.split(" ").map(n=>n==="[options]"?this.styleOptionText(n):n[0]==="["||n[0]==="<"?this.styleArgumentText(n):this.styleSubcommandText(n)).join(" ")}styleArgumentTerm(e){return this.styleArgumentText(e)}styleOptionText(e){return e}styleArgumentText(e){return e}styleSubcommandText(e){return e}styleCommandText(e){return e}padWidth(e,n){return Math.max(n.longestOptionTermLength(e,n),n.longestGlobalOptionTermLength(e,n),n.longestSubcommandTermLength(e,n),n.longestArgumentTermLength(e,n))}preformatted(e){return/\n[^\S\r\n]/.test(e)}formatItem(e,n,r,i){let o=" ".repeat(2);if(!r)return o+e;let a=e.padEnd(n+e.length-i.displayWidth(e)),l=2,u=(this.helpWidth??80)-n-l-2,d;return u<this.minWidthToWrap||i.preformatted(r)?d=r:d=i.boxWrap(r,u).replace(/\n/g,`
`+" ".repeat(n+l)),o+a+" ".repeat(l)+d.replace(/\n/g,`
${o}`)}boxWrap(e,n){if(n<this.minWidthToWrap)return e;let r=e.split(/\r\n|\n/),i=/[\s]*[^\s]+/g,s=[];return r.forEach(o=>{let a=o.match(i);if(a===null){s.push("");return}let l=[a.shift()],c=this.displayWidth(l[0]);a.forEach(u=>{let d=this.displayWidth(u);if(c+d<=n){l.push(u),c+=d;return}s.push(l.join(""));let f=u.trimStart();l=[f],c=this.displayWidth(f)}),s.push(l.join(""))}),s.join(`
`)}};function Kp(t){let e=/\x1b\[\d*(;\d*)*m/g;return t.replace(e,"")}Il.Help=$l;Il.stripColor=Kp});var xl=y(Pl=>{var{InvalidArgumentError:VS}=si(),Ol=class{constructor(e,n){this.flags=e,this.description=n||"",this.required=e.includes("<"),this.optional=e.includes("["),this.variadic=/\w\.\.\.[>\]]$/.test(e),this.mandatory=!1;let r=BS(e);this.short=r.shortFlag,this.long=r.longFlag,this.negate=!1,this.long&&(this.negate=this.long.startsWith("--no-")),this.defaultValue=void 0,this.defaultValueDescription=void 0,this.presetArg=void 0,this.envVar=void 0,this.parseArg=void 0,this.hidden=!1,this.argChoices=void 0,this.conflictsWith=[],this.implied=void 0,this.helpGroupHeading=void 0}default(e,n){return this.defaultValue=e,this.defaultValueDescription=n,this}preset(e){return this.presetArg=e,this}conflicts(e){return this.conflictsWith=this.conflictsWith.concat(e),this}implies(e){let n=e;return typeof e=="string"&&(n={[e]:!0}),this.implied=Object.assign(this.implied||{},n),this}env(e){return this.envVar=e,this}argParser(e){return this.parseArg=e,this}makeOptionMandatory(e=!0){return this.mandatory=!!e,this}hideHelp(e=!0){return this.hidden=!!e,this}_collectValue(e,n){return n===this.defaultValue||!Array.isArray(n)?[e]:(n.push(e),n)}choices(e){return this.argChoices=e.slice(),this.parseArg=(n,r)=>{if(!this.argChoices.includes(n))throw new VS(`Allowed choices are ${this.argChoices.join(", ")}.`);return this.variadic?this._collectValue(n,r):n},this}name(){return this.long?this.long.replace(/^--/,""):this.short.replace(/^-/,"")}attributeName(){return this.negate?zp(this.name().replace(/^no-/,"")):zp(this.name())}helpGroup(e){return this.helpGroupHeading=e,this}is(e){return this.short===e||this.long===e}isBoolean(){return!this.required&&!this.optional&&!this.negate}},Nl=class{constructor(e){this.positiveOptions=new Map,this.negativeOptions=new Map,this.dualOptions=new Set,e.forEach(n=>{n.negate?this.negativeOptions.set(n.attributeName(),n):this.positiveOptions.set(n.attributeName(),n)}),this.negativeOptions.forEach((n,r)=>{this.positiveOptions.has(r)&&this.dualOptions.add(r)})}valueFromOption(e,n){let r=n.attributeName();if(!this.dualOptions.has(r))return!0;let i=this.negativeOptions.get(r).presetArg,s=i!==void 0?i:!1;return n.negate===(s===e)}};function zp(t){return t.split("-").reduce((e,n)=>e+n[0].toUpperCase()+n.slice(1))}function BS(t){let e,n,r=/^-[^-]$/,i=/^--[^-]/,s=t.split(/[ |,]+/).concat("guard");if(r.test(s[0])&&(e=s.shift()),i.test(s[0])&&(n=s.shift()),!e&&r.test(s[0])&&(e=s.shift()),!e&&i.test(s[0])&&(e=n,n=s.shift()),s[0].startsWith("-")){let o=s[0],a=`option creation failed due to '${o}' in option flags '${t}'`;throw/^-[^-][^-]/.test(o)?new Error(`${a}
- a short flag is a single dash and a single character
  - either use a single dash and a single character (for a short flag)
  - or use a double dash for a long option (and can have two, like '--ws, --workspace')`):r.test(o)?new Error(`${a}
- too many short flags`):i.test(o)?new Error(`${a}
- too many long flags`):new Error(`${a}
- unrecognised flag format`)}if(e===void 0&&n===void 0)throw new Error(`option creation failed due to no flags found in '${t}'.`);return{shortFlag:e,longFlag:n}}Pl.Option=Ol;Pl.DualOptions=Nl});var Yp=y(Hp=>{function US(t,e){if(Math.abs(t.length-e.length)>3)return Math.max(t.length,e.length);let n=[];for(let r=0;r<=t.length;r++)n[r]=[r];for(let r=0;r<=e.length;r++)n[0][r]=r;for(let r=1;r<=e.length;r++)for(let i=1;i<=t.length;i++){let s=1;t[i-1]===e[r-1]?s=0:s=1,n[i][r]=Math.min(n[i-1][r]+1,n[i][r-1]+1,n[i-1][r-1]+s),i>1&&r>1&&t[i-1]===e[r-2]&&t[i-2]===e[r-1]&&(n[i][r]=Math.min(n[i][r],n[i-2][r-2]+1))}return n[t.length][e.length]}function KS(t,e){if(!e||e.length===0)return"";e=Array.from(new Set(e));let n=t.startsWith("--");n&&(t=t.slice(2),e=e.map(o=>o.slice(2)));let r=[],i=3,s=.4;return e.forEach(o=>{if(o.length<=1)return;let a=US(t,o),l=Math.max(t.length,o.length);(l-a)/l>s&&(a<i?(i=a,r=[o]):a===i&&r.push(o))}),r.sort((o,a)=>o.localeCompare(a)),n&&(r=r.map(o=>`--${o}`)),r.length>1?`
(Did you mean one of ${r.join(", ")}?)`:r.length===1?`
(Did you mean ${r[0]}?)`:""}Hp.suggestSimilar=KS});var Zp=y(Wl=>{var zS=Gt("node:events").EventEmitter,Ll=Gt("node:child_process"),Ft=Gt("node:path"),Vs=Gt("node:fs"),Q=Gt("node:process"),{Argument:HS,humanReadableArgName:YS}=js(),{CommanderError:Dl}=si(),{Help:JS,stripColor:XS}=Rl(),{Option:Jp,DualOptions:QS}=xl(),{suggestSimilar:Xp}=Yp(),Ml=class t extends zS{constructor(e){super(),this.commands=[],this.options=[],this.parent=null,this._allowUnknownOption=!1,this._allowExcessArguments=!1,this.registeredArguments=[],this._args=this.registeredArguments,this.args=[],this.rawArgs=[],this.processedArgs=[],this._scriptPath=null,this._name=e||"",this._optionValues={},this._optionValueSources={},this._storeOptionsAsProperties=!1,this._actionHandler=null,this._executableHandler=!1,this._executableFile=null,this._executableDir=null,this._defaultCommandName=null,this._exitCallback=null,this._aliases=[],this._combineFlagAndOptionalValue=!0,this._description="",this._summary="",this._argsDescription=void 0,this._enablePositionalOptions=!1,this._passThroughOptions=!1,this._lifeCycleHooks={},this._showHelpAfterError=!1,this._showSuggestionAfterError=!0,this._savedState=null,this._outputConfiguration={writeOut:n=>Q.stdout.write(n),writeErr:n=>Q.stderr.write(n),outputError:(n,r)=>r(n),getOutHelpWidth:()=>Q.stdout.isTTY?Q.stdout.columns:void 0,getErrHelpWidth:()=>Q.stderr.isTTY?Q.stderr.columns:void 0,getOutHasColors:()=>ql()??(Q.stdout.isTTY&&Q.stdout.hasColors?.()),getErrHasColors:()=>ql()??(Q.stderr.isTTY&&Q.stderr.hasColors?.()),stripColor:n=>XS(n)},this._hidden=!1,this._helpOption=void 0,this._addImplicitHelpCommand=void 0,this._helpCommand=void 0,this._helpConfiguration={},this._helpGroupHeading=void 0,this._defaultCommandGroup=void 0,this._defaultOptionGroup=void 0}copyInheritedSettings(e){return this._outputConfiguration=e._outputConfiguration,this._helpOption=e._helpOption,this._helpCommand=e._helpCommand,this._helpConfiguration=e._helpConfiguration,this._exitCallback=e._exitCallback,this._storeOptionsAsProperties=e._storeOptionsAsProperties,this._combineFlagAndOptionalValue=e._combineFlagAndOptionalValue,this._allowExcessArguments=e._allowExcessArguments,this._enablePositionalOptions=e._enablePositionalOptions,this._showHelpAfterError=e._showHelpAfterError,this._showSuggestionAfterError=e._showSuggestionAfterError,this}_getCommandAndAncestors(){let e=[];for(let n=this;n;n=n.parent)e.push(n);return e}command(e,n,r){let i=n,s=r;typeof i=="object"&&i!==null&&(s=i,i=null),s=s||{};let[,o,a]=e.match(/([^ ]+) *(.*)/),l=this.createCommand(o);return i&&(l.description(i),l._executableHandler=!0),s.isDefault&&(this._defaultCommandName=l._name),l._hidden=!!(s.noHelp||s.hidden),l._executableFile=s.executableFile||null,a&&l.arguments(a),this._registerCommand(l),l.parent=this,l.copyInheritedSettings(this),i?this:l}createCommand(e){return new t(e)}createHelp(){return Object.assign(new JS,this.configureHelp())}configureHelp(e){return e===void 0?this._helpConfiguration:(this._helpConfiguration=e,this)}configureOutput(e){return e===void 0?this._outputConfiguration:(this._outputConfiguration={...this._outputConfiguration,...e},this)}showHelpAfterError(e=!0){return typeof e!="string"&&(e=!!e),this._showHelpAfterError=e,this}showSuggestionAfterError(e=!0){return this._showSuggestionAfterError=!!e,this}addCommand(e,n){if(!e._name)throw new Error(`Command passed to .addCommand() must have a name
- specify the name in Command constructor or using .name()`);return n=n||{},n.isDefault&&(this._defaultCommandName=e._name),(n.noHelp||n.hidden)&&(e._hidden=!0),this._registerCommand(e),e.parent=this,e._checkForBrokenPassThrough(),this}createArgument(e,n){return new HS(e,n)}argument(e,n,r,i){let s=this.createArgument(e,n);return typeof r=="function"?s.default(i).argParser(r):s.default(r),this.addArgument(s),this}arguments(e){return e.trim().split(/ +/).forEach(n=>{this.argument(n)}),this}addArgument(e){let n=this.registeredArguments.slice(-1)[0];if(n?.variadic)throw new Error(`only the last argument can be variadic '${n.name()}'`);if(e.required&&e.defaultValue!==void 0&&e.parseArg===void 0)throw new Error(`a default value for a required argument is never used: '${e.name()}'`);return this.registeredArguments.push(e),this}helpCommand(e,n){if(typeof e=="boolean")return this._addImplicitHelpCommand=e,e&&this._defaultCommandGroup&&this._initCommandGroup(this._getHelpCommand()),this;let r=e??"help [command]",[,i,s]=r.match(/([^ ]+) *(.*)/),o=n??"display help for command",a=this.createCommand(i);return a.helpOption(!1),s&&a.arguments(s),o&&a.description(o),this._addImplicitHelpCommand=!0,this._helpCommand=a,(e||n)&&this._initCommandGroup(a),this}addHelpCommand(e,n){return typeof e!="object"?(this.helpCommand(e,n),this):(this._addImplicitHelpCommand=!0,this._helpCommand=e,this._initCommandGroup(e),this)}_getHelpCommand(){return this._addImplicitHelpCommand??(this.commands.length&&!this._actionHandler&&!this._findCommand("help"))?(this._helpCommand===void 0&&this.helpCommand(void 0,void 0),this._helpCommand):null}hook(e,n){let r=["preSubcommand","preAction","postAction"];if(!r.includes(e))throw new Error(`Unexpected value for event passed to hook : '${e}'.
Expecting one of '${r.join("', '")}'`);return this._lifeCycleHooks[e]?this._lifeCycleHooks[e].push(n):this._lifeCycleHooks[e]=[n],this}exitOverride(e){return e?this._exitCallback=e:this._exitCallback=n=>{if(n.code!=="commander.executeSubCommandAsync")throw n},this}_exit(e,n,r){this._exitCallback&&this._exitCallback(new Dl(e,n,r)),Q.exit(e)}action(e){let n=r=>{let i=this.registeredArguments.length,s=r.slice(0,i);return this._storeOptionsAsProperties?s[i]=this:s[i]=this.opts(),s.push(this),e.apply(this,s)};return this._actionHandler=n,this}createOption(e,n){return new Jp(e,n)}_callParseArg(e,n,r,i){try{return e.parseArg(n,r)}catch(s){if(s.code==="commander.invalidArgument"){let o=`${i} ${s.message}`;this.error(o,{exitCode:s.exitCode,code:s.code})}throw s}}_registerOption(e){let n=e.short&&this._findOption(e.short)||e.long&&this._findOption(e.long);if(n){let r=e.long&&this._findOption(e.long)?e.long:e.short;throw new Error(`Cannot add option '${e.flags}'${this._name&&` to command '${this._name}'`} due to conflicting flag '${r}'
-  already used by option '${n.flags}'`)}this._initOptionGroup(e),this.options.push(e)}_registerCommand(e){let n=i=>[i.name()].concat(i.aliases()),r=n(e).find(i=>this._findCommand(i));if(r){let i=n(this._findCommand(r)).join("|"),s=n(e).join("|");throw new Error(`cannot add command '${s}' as already have command '${i}'`)}this._initCommandGroup(e),this.commands.push(e)}addOption(e){this._registerOption(e);let n=e.name(),r=e.attributeName();if(e.negate){let s=e.long.replace(/^--no-/,"--");this._findOption(s)||this.setOptionValueWithSource(r,e.defaultValue===void 0?!0:e.defaultValue,"default")}else e.defaultValue!==void 0&&this.setOptionValueWithSource(r,e.defaultValue,"default");let i=(s,o,a)=>{s==null&&e.presetArg!==void 0&&(s=e.presetArg);let l=this.getOptionValue(r);s!==null&&e.parseArg?s=this._callParseArg(e,s,l,o):s!==null&&e.variadic&&(s=e._collectValue(s,l)),s==null&&(e.negate?s=!1:e.isBoolean()||e.optional?s=!0:s=""),this.setOptionValueWithSource(r,s,a)};return this.on("option:"+n,s=>{let o=`error: option '${e.flags}' argument '${s}' is invalid.`;i(s,o,"cli")}),e.envVar&&this.on("optionEnv:"+n,s=>{let o=`error: option '${e.flags}' value '${s}' from env '${e.envVar}' is invalid.`;i(s,o,"env")}),this}_optionEx(e,n,r,i,s){if(typeof n=="object"&&n instanceof Jp)throw new Error("To add an Option object use addOption() instead of option() or requiredOption()");let o=this.createOption(n,r);if(o.makeOptionMandatory(!!e.mandatory),typeof i=="function")o.default(s).argParser(i);else if(i instanceof RegExp){let a=i;i=(l,c)=>{let u=a.exec(l);return u?u[0]:c},o.default(s).argParser(i)}else o.default(i);return this.addOption(o)}option(e,n,r,i){return this._optionEx({},e,n,r,i)}requiredOption(e,n,r,i){return this._optionEx({mandatory:!0},e,n,r,i)}combineFlagAndOptionalValue(e=!0){return this._combineFlagAndOptionalValue=!!e,this}allowUnknownOption(e=!0){return this._allowUnknownOption=!!e,this}allowExcessArguments(e=!0){return this._allowExcessArguments=!!e,this}enablePositionalOptions(e=!0){return this._enablePositionalOptions=!!e,this}passThroughOptions(e=!0){return this._passThroughOptions=!!e,this._checkForBrokenPassThrough(),this}_checkForBrokenPassThrough(){if(this.parent&&this._passThroughOptions&&!this.parent._enablePositionalOptions)throw new Error(`passThroughOptions cannot be used for '${this._name}' without turning on enablePositionalOptions for parent command(s)`)}storeOptionsAsProperties(e=!0){if(this.options.length)throw new Error("call .storeOptionsAsProperties() before adding options");if(Object.keys(this._optionValues).length)throw new Error("call .storeOptionsAsProperties() before setting option values");return this._storeOptionsAsProperties=!!e,this}getOptionValue(e){return this._storeOptionsAsProperties?this[e]:this._optionValues[e]}setOptionValue(e,n){return this.setOptionValueWithSource(e,n,void 0)}setOptionValueWithSource(e,n,r){return this._storeOptionsAsProperties?this[e]=n:this._optionValues[e]=n,this._optionValueSources[e]=r,this}getOptionValueSource(e){return this._optionValueSources[e]}getOptionValueSourceWithGlobals(e){let n;return this._getCommandAndAncestors().forEach(r=>{r.getOptionValueSource(e)!==void 0&&(n=r.getOptionValueSource(e))}),n}_prepareUserArgs(e,n){if(e!==void 0&&!Array.isArray(e))throw new Error("first parameter to parse must be array or undefined");if(n=n||{},e===void 0&&n.from===void 0){Q.versions?.electron&&(n.from="electron");let i=Q.execArgv??[];(i.includes("-e")||i.includes("--eval")||i.includes("-p")||i.includes("--print"))&&(n.from="eval")}e===void 0&&(e=Q.argv),this.rawArgs=e.slice();let r;switch(n.from){case void 0:case"node":this._scriptPath=e[1],r=e.slice(2);break;case"electron":Q.defaultApp?(this._scriptPath=e[1],r=e.slice(2)):r=e.slice(1);break;case"user":r=e.slice(0);break;case"eval":r=e.slice(1);break;default:throw new Error(`unexpected parse option { from: '${n.from}' }`)}return!this._name&&this._scriptPath&&this.nameFromFilename(this._scriptPath),this._name=this._name||"program",r}parse(e,n){this._prepareForParse();let r=this._prepareUserArgs(e,n);return this._parseCommand([],r),this}async parseAsync(e,n){this._prepareForParse();let r=this._prepareUserArgs(e,n);return await this._parseCommand([],r),this}_prepareForParse(){this._savedState===null?this.saveStateBeforeParse():this.restoreStateBeforeParse()}saveStateBeforeParse(){this._savedState={_name:this._name,_optionValues:{...this._optionValues},_optionValueSources:{...this._optionValueSources}}}restoreStateBeforeParse(){if(this._storeOptionsAsProperties)throw new Error(`Can not call parse again when storeOptionsAsProperties is true.
- either make a new Command for each call to parse, or stop storing options as properties`);this._name=this._savedState._name,this._scriptPath=null,this.rawArgs=[],this._optionValues={...this._savedState._optionValues},this._optionValueSources={...this._savedState._optionValueSources},this.args=[],this.processedArgs=[]}_checkForMissingExecutable(e,n,r){if(Vs.existsSync(e))return;let i=n?`searched for local subcommand relative to directory '${n}'`:"no directory for search for local subcommand, use .executableDir() to supply a custom directory",s=`'${e}' does not exist
 - if '${r}' is not meant to be an executable command, remove description parameter from '.command()' and use '.description()' instead
 - if the default executable name is not suitable, use the executableFile option to supply a custom name or path
 - ${i}`;throw new Error(s)}_executeSubCommand(e,n){n=n.slice();let r=!1,i=[".js",".ts",".tsx",".mjs",".cjs"];function s(u,d){let f=Ft.resolve(u,d);if(Vs.existsSync(f))return f;if(i.includes(Ft.extname(d)))return;let m=i.find(h=>Vs.existsSync(`${f}${h}`));if(m)return`${f}${m}`}this._checkForMissingMandatoryOptions(),this._checkForConflictingOptions();let o=e._executableFile||`${this._name}-${e._name}`,a=this._executableDir||"";if(this._scriptPath){let u;try{u=Vs.realpathSync(this._scriptPath)}catch{u=this._scriptPath}a=Ft.resolve(Ft.dirname(u),a)}if(a){let u=s(a,o);if(!u&&!e._executableFile&&this._scriptPath){let d=Ft.basename(this._scriptPath,Ft.extname(this._scriptPath));d!==this._name&&(u=s(a,`${d}-${e._name}`))}o=u||o}r=i.includes(Ft.extname(o));let l;Q.platform!=="win32"?r?(n.unshift(o),n=Qp(Q.execArgv).concat(n),l=Ll.spawn(Q.argv[0],n,{stdio:"inherit"})):l=Ll.spawn(o,n,{stdio:"inherit"}):(this._checkForMissingExecutable(o,a,e._name),n.unshift(o),n=Qp(Q.execArgv).concat(n),l=Ll.spawn(Q.execPath,n,{stdio:"inherit"})),l.killed||["SIGUSR1","SIGUSR2","SIGTERM","SIGINT","SIGHUP"].forEach(d=>{Q.on(d,()=>{l.killed===!1&&l.exitCode===null&&l.kill(d)})});let c=this._exitCallback;l.on("close",u=>{u=u??1,c?c(new Dl(u,"commander.executeSubCommandAsync","(close)")):Q.exit(u)}),l.on("error",u=>{if(u.code==="ENOENT")this._checkForMissingExecutable(o,a,e._name);else if(u.code==="EACCES")throw new Error(`'${o}' not executable`);if(!c)Q.exit(1);else{let d=new Dl(1,"commander.executeSubCommandAsync","(error)");d.nestedError=u,c(d)}}),this.runningCommand=l}_dispatchSubcommand(e,n,r){let i=this._findCommand(e);i||this.help({error:!0}),i._prepareForParse();let s;return s=this._chainOrCallSubCommandHook(s,i,"preSubcommand"),s=this._chainOrCall(s,()=>{if(i._executableHandler)this._executeSubCommand(i,n.concat(r));else return i._parseCommand(n,r)}),s}_dispatchHelpCommand(e){e||this.help();let n=this._findCommand(e);return n&&!n._executableHandler&&n.help(),this._dispatchSubcommand(e,[],[this._getHelpOption()?.long??this._getHelpOption()?.short??"--help"])}_checkNumberOfArguments(){this.registeredArguments.forEach((e,n)=>{e.required&&this.args[n]==null&&this.missingArgument(e.name())}),!(this.registeredArguments.length>0&&this.registeredArguments[this.registeredArguments.length-1].variadic)&&this.args.length>this.registeredArguments.length&&this._excessArguments(this.args)}_processArguments(){let e=(r,i,s)=>{let o=i;if(i!==null&&r.parseArg){let a=`error: command-argument value '${i}' is invalid for argument '${r.name()}'.`;o=this._callParseArg(r,i,s,a)}return o};this._checkNumberOfArguments();let n=[];this.registeredArguments.forEach((r,i)=>{let s=r.defaultValue;r.variadic?i<this.args.length?(s=this.args.slice(i),r.parseArg&&(s=s.reduce((o,a)=>e(r,a,o),r.defaultValue))):s===void 0&&(s=[]):i<this.args.length&&(s=this.args[i],r.parseArg&&(s=e(r,s,r.defaultValue))),n[i]=s}),this.processedArgs=n}_chainOrCall(e,n){return e?.then&&typeof e.then=="function"?e.then(()=>n()):n()}_chainOrCallHooks(e,n){let r=e,i=[];return this._getCommandAndAncestors().reverse().filter(s=>s._lifeCycleHooks[n]!==void 0).forEach(s=>{s._lifeCycleHooks[n].forEach(o=>{i.push({hookedCommand:s,callback:o})})}),n==="postAction"&&i.reverse(),i.forEach(s=>{r=this._chainOrCall(r,()=>s.callback(s.hookedCommand,this))}),r}_chainOrCallSubCommandHook(e,n,r){let i=e;return this._lifeCycleHooks[r]!==void 0&&this._lifeCycleHooks[r].forEach(s=>{i=this._chainOrCall(i,()=>s(this,n))}),i}_parseCommand(e,n){let r=this.parseOptions(n);if(this._parseOptionsEnv(),this._parseOptionsImplied(),e=e.concat(r.operands),n=r.unknown,this.args=e.concat(n),e&&this._findCommand(e[0]))return this._dispatchSubcommand(e[0],e.slice(1),n);if(this._getHelpCommand()&&e[0]===this._getHelpCommand().name())return this._dispatchHelpCommand(e[1]);if(this._defaultCommandName)return this._outputHelpIfRequested(n),this._dispatchSubcommand(this._defaultCommandName,e,n);this.commands.length&&this.args.length===0&&!this._actionHandler&&!this._defaultCommandName&&this.help({error:!0}),this._outputHelpIfRequested(r.unknown),this._checkForMissingMandatoryOptions(),this._checkForConflictingOptions();let i=()=>{r.unknown.length>0&&this.unknownOption(r.unknown[0])},s=`command:${this.name()}`;if(this._actionHandler){i(),this._processArguments();let o;return o=this._chainOrCallHooks(o,"preAction"),o=this._chainOrCall(o,()=>this._actionHandler(this.processedArgs)),this.parent&&(o=this._chainOrCall(o,()=>{this.parent.emit(s,e,n)})),o=this._chainOrCallHooks(o,"postAction"),o}if(this.parent?.listenerCount(s))i(),this._processArguments(),this.parent.emit(s,e,n);else if(e.length){if(this._findCommand("*"))return this._dispatchSubcommand("*",e,n);this.listenerCount("command:*")?this.emit("command:*",e,n):this.commands.length?this.unknownCommand():(i(),this._processArguments())}else this.commands.length?(i(),this.help({error:!0})):(i(),this._processArguments())}_findCommand(e){if(e)return this.commands.find(n=>n._name===e||n._aliases.includes(e))}_findOption(e){return this.options.find(n=>n.is(e))}_checkForMissingMandatoryOptions(){this._getCommandAndAncestors().forEach(e=>{e.options.forEach(n=>{n.mandatory&&e.getOptionValue(n.attributeName())===void 0&&e.missingMandatoryOptionValue(n)})})}_checkForConflictingLocalOptions(){let e=this.options.filter(r=>{let i=r.attributeName();return this.getOptionValue(i)===void 0?!1:this.getOptionValueSource(i)!=="default"});e.filter(r=>r.conflictsWith.length>0).forEach(r=>{let i=e.find(s=>r.conflictsWith.includes(s.attributeName()));i&&this._conflictingOption(r,i)})}_checkForConflictingOptions(){this._getCommandAndAncestors().forEach(e=>{e._checkForConflictingLocalOptions()})}parseOptions(e){let n=[],r=[],i=n;function s(u){return u.length>1&&u[0]==="-"}let o=u=>/^-(\d+|\d*\.\d+)(e[+-]?\d+)?$/.test(u)?!this._getCommandAndAncestors().some(d=>d.options.map(f=>f.short).some(f=>/^-\d$/.test(f))):!1,a=null,l=null,c=0;for(;c<e.length||l;){let u=l??e[c++];if(l=null,u==="--"){i===r&&i.push(u),i.push(...e.slice(c));break}if(a&&(!s(u)||o(u))){this.emit(`option:${a.name()}`,u);continue}if(a=null,s(u)){let d=this._findOption(u);if(d){if(d.required){let f=e[c++];f===void 0&&this.optionMissingArgument(d),this.emit(`option:${d.name()}`,f)}else if(d.optional){let f=null;c<e.length&&(!s(e[c])||o(e[c]))&&(f=e[c++]),this.emit(`option:${d.name()}`,f)}else this.emit(`option:${d.name()}`);a=d.variadic?d:null;continue}}if(u.length>2&&u[0]==="-"&&u[1]!=="-"){let d=this._findOption(`-${u[1]}`);if(d){d.required||d.optional&&this._combineFlagAndOptionalValue?this.emit(`option:${d.name()}`,u.slice(2)):(this.emit(`option:${d.name()}`),l=`-${u.slice(2)}`);continue}}if(/^--[^=]+=/.test(u)){let d=u.indexOf("="),f=this._findOption(u.slice(0,d));if(f&&(f.required||f.optional)){this.emit(`option:${f.name()}`,u.slice(d+1));continue}}if(i===n&&s(u)&&!(this.commands.length===0&&o(u))&&(i=r),(this._enablePositionalOptions||this._passThroughOptions)&&n.length===0&&r.length===0){if(this._findCommand(u)){n.push(u),r.push(...e.slice(c));break}else if(this._getHelpCommand()&&u===this._getHelpCommand().name()){n.push(u,...e.slice(c));break}else if(this._defaultCommandName){r.push(u,...e.slice(c));break}}if(this._passThroughOptions){i.push(u,...e.slice(c));break}i.push(u)}return{operands:n,unknown:r}}opts(){if(this._storeOptionsAsProperties){let e={},n=this.options.length;for(let r=0;r<n;r++){let i=this.options[r].attributeName();e[i]=i===this._versionOptionName?this._version:this[i]}return e}return this._optionValues}optsWithGlobals(){return this._getCommandAndAncestors().reduce((e,n)=>Object.assign(e,n.opts()),{})}error(e,n){this._outputConfiguration.outputError(`${e}
`,this._outputConfiguration.writeErr),typeof this._showHelpAfterError=="string"?this._outputConfiguration.writeErr(`${this._showHelpAfterError}
`):this._showHelpAfterError&&(this._outputConfiguration.writeErr(`
`),this.outputHelp({error:!0}));let r=n||{},i=r.exitCode||1,s=r.code||"commander.error";this._exit(i,s,e)}_parseOptionsEnv(){this.options.forEach(e=>{if(e.envVar&&e.envVar in Q.env){let n=e.attributeName();(this.getOptionValue(n)===void 0||["default","config","env"].includes(this.getOptionValueSource(n)))&&(e.required||e.optional?this.emit(`optionEnv:${e.name()}`,Q.env[e.envVar]):this.emit(`optionEnv:${e.name()}`))}})}_parseOptionsImplied(){let e=new QS(this.options),n=r=>this.getOptionValue(r)!==void 0&&!["default","implied"].includes(this.getOptionValueSource(r));this.options.filter(r=>r.implied!==void 0&&n(r.attributeName())&&e.valueFromOption(this.getOptionValue(r.attributeName()),r)).forEach(r=>{Object.keys(r.implied).filter(i=>!n(i)).forEach(i=>{this.setOptionValueWithSource(i,r.implied[i],"implied")})})}missingArgument(e){let n=`error: missing required argument '${e}'`;this.error(n,{code:"commander.missingArgument"})}optionMissingArgument(e){let n=`error: option '${e.flags}' argument missing`;this.error(n,{code:"commander.optionMissingArgument"})}missingMandatoryOptionValue(e){let n=`error: required option '${e.flags}' not specified`;this.error(n,{code:"commander.missingMandatoryOptionValue"})}_conflictingOption(e,n){let r=o=>{let a=o.attributeName(),l=this.getOptionValue(a),c=this.options.find(d=>d.negate&&a===d.attributeName()),u=this.options.find(d=>!d.negate&&a===d.attributeName());return c&&(c.presetArg===void 0&&l===!1||c.presetArg!==void 0&&l===c.presetArg)?c:u||o},i=o=>{let a=r(o),l=a.attributeName();return this.getOptionValueSource(l)==="env"?`environment variable '${a.envVar}'`:`option '${a.flags}'`},s=`error: ${i(e)} cannot be used with ${i(n)}`;this.error(s,{code:"commander.conflictingOption"})}unknownOption(e){if(this._allowUnknownOption)return;let n="";if(e.startsWith("--")&&this._showSuggestionAfterError){let i=[],s=this;do{let o=s.createHelp().visibleOptions(s).filter(a=>a.long).map(a=>a.long);i=i.concat(o),s=s.parent}while(s&&!s._enablePositionalOptions);n=Xp(e,i)}let r=`error: unknown option '${e}'${n}`;this.error(r,{code:"commander.unknownOption"})}_excessArguments(e){if(this._allowExcessArguments)return;let n=this.registeredArguments.length,r=n===1?"":"s",s=`error: too many arguments${this.parent?` for '${this.name()}'`:""}. Expected ${n} argument${r} but got ${e.length}.`;this.error(s,{code:"commander.excessArguments"})}unknownCommand(){let e=this.args[0],n="";if(this._showSuggestionAfterError){let i=[];this.createHelp().visibleCommands(this).forEach(s=>{i.push(s.name()),s.alias()&&i.push(s.alias())}),n=Xp(e,i)}let r=`error: unknown command '${e}'${n}`;this.error(r,{code:"commander.unknownCommand"})}version(e,n,r){if(e===void 0)return this._version;this._version=e,n=n||"-V, --version",r=r||"output the version number";let i=this.createOption(n,r);return this._versionOptionName=i.attributeName(),this._registerOption(i),this.on("option:"+i.name(),()=>{this._outputConfiguration.writeOut(`${e}
`),this._exit(0,"commander.version",e)}),this}description(e,n){return e===void 0&&n===void 0?this._description:(this._description=e,n&&(this._argsDescription=n),this)}summary(e){return e===void 0?this._summary:(this._summary=e,this)}alias(e){if(e===void 0)return this._aliases[0];let n=this;if(this.commands.length!==0&&this.commands[this.commands.length-1]._executableHandler&&(n=this.commands[this.commands.length-1]),e===n._name)throw new Error("Command alias can't be the same as its name");let r=this.parent?._findCommand(e);if(r){let i=[r.name()].concat(r.aliases()).join("|");throw new Error(`cannot add alias '${e}' to command '${this.name()}' as already have command '${i}'`)}return n._aliases.push(e),this}aliases(e){return e===void 0?this._aliases:(e.forEach(n=>this.alias(n)),this)}usage(e){if(e===void 0){if(this._usage)return this._usage;let n=this.registeredArguments.map(r=>YS(r));return[].concat(this.options.length||this._helpOption!==null?"[options]":[],this.commands.length?"[command]":[],this.registeredArguments.length?n:[]).join(" ")}return this._usage=e,this}name(e){return e===void 0?this._name:(this._name=e,this)}helpGroup(e){return e===void 0?this._helpGroupHeading??"":(this._helpGroupHeading=e,this)}commandsGroup(e){return e===void 0?this._defaultCommandGroup??"":(this._defaultCommandGroup=e,this)}optionsGroup(e){return e===void 0?this._defaultOptionGroup??"":(this._defaultOptionGroup=e,this)}_initOptionGroup(e){this._defaultOptionGroup&&!e.helpGroupHeading&&e.helpGroup(this._defaultOptionGroup)}_initCommandGroup(e){this._defaultCommandGroup&&!e.helpGroup()&&e.helpGroup(this._defaultCommandGroup)}nameFromFilename(e){return this._name=Ft.basename(e,Ft.extname(e)),this}executableDir(e){return e===void 0?this._executableDir:(this._executableDir=e,this)}helpInformation(e){let n=this.createHelp(),r=this._getOutputContext(e);n.prepareContext({error:r.error,helpWidth:r.helpWidth,outputHasColors:r.hasColors});let i=n.formatHelp(this,n);return r.hasColors?i:this._outputConfiguration.stripColor(i)}_getOutputContext(e){e=e||{};let n=!!e.error,r,i,s;return n?(r=a=>this._outputConfiguration.writeErr(a),i=this._outputConfiguration.getErrHasColors(),s=this._outputConfiguration.getErrHelpWidth()):(r=a=>this._outputConfiguration.writeOut(a),i=this._outputConfiguration.getOutHasColors(),s=this._outputConfiguration.getOutHelpWidth()),{error:n,write:a=>(i||(a=this._outputConfiguration.stripColor(a)),r(a)),hasColors:i,helpWidth:s}}outputHelp(e){let n;typeof e=="function"&&(n=e,e=void 0);let r=this._getOutputContext(e),i={error:r.error,write:r.write,command:this};this._getCommandAndAncestors().reverse().forEach(o=>o.emit("beforeAllHelp",i)),this.emit("beforeHelp",i);let s=this.helpInformation({error:r.error});if(n&&(s=n(s),typeof s!="string"&&!Buffer.isBuffer(s)))throw new Error("outputHelp callback must return a string or a Buffer");r.write(s),this._getHelpOption()?.long&&this.emit(this._getHelpOption().long),this.emit("afterHelp",i),this._getCommandAndAncestors().forEach(o=>o.emit("afterAllHelp",i))}helpOption(e,n){return typeof e=="boolean"?(e?(this._helpOption===null&&(this._helpOption=void 0),this._defaultOptionGroup&&this._initOptionGroup(this._getHelpOption())):this._helpOption=null,this):(this._helpOption=this.createOption(e??"-h, --help",n??"display help for command"),(e||n)&&this._initOptionGroup(this._helpOption),this)}_getHelpOption(){return this._helpOption===void 0&&this.helpOption(void 0,void 0),this._helpOption}addHelpOption(e){return this._helpOption=e,this._initOptionGroup(e),this}help(e){this.outputHelp(e);let n=Number(Q.exitCode??0);n===0&&e&&typeof e!="function"&&e.error&&(n=1),this._exit(n,"commander.help","(outputHelp)")}addHelpText(e,n){let r=["beforeAll","before","after","afterAll"];if(!r.includes(e))throw new Error(`Unexpected value for position to addHelpText.
Expecting one of '${r.join("', '")}'`);let i=`${e}Help`;return this.on(i,s=>{let o;typeof n=="function"?o=n({error:s.error,command:s.command}):o=n,o&&s.write(`${o}
`)}),this}_outputHelpIfRequested(e){let n=this._getHelpOption();n&&e.find(i=>n.is(i))&&(this.outputHelp(),this._exit(0,"commander.helpDisplayed","(outputHelp)"))}};function Qp(t){return t.map(e=>{if(!e.startsWith("--inspect"))return e;let n,r="127.0.0.1",i="9229",s;return(s=e.match(/^(--inspect(-brk)?)$/))!==null?n=s[1]:(s=e.match(/^(--inspect(-brk|-port)?)=([^:]+)$/))!==null?(n=s[1],/^\d+$/.test(s[3])?i=s[3]:r=s[3]):(s=e.match(/^(--inspect(-brk|-port)?)=([^:]+):(\d+)$/))!==null&&(n=s[1],r=s[3],i=s[4]),n&&i!=="0"?`${n}=${r}:${parseInt(i)+1}`:e})}function ql(){if(Q.env.NO_COLOR||Q.env.FORCE_COLOR==="0"||Q.env.FORCE_COLOR==="false")return!1;if(Q.env.FORCE_COLOR||Q.env.CLICOLOR_FORCE!==void 0)return!0}Wl.Command=Ml;Wl.useColor=ql});var rm=y(at=>{var{Argument:em}=js(),{Command:Gl}=Zp(),{CommanderError:ZS,InvalidArgumentError:tm}=si(),{Help:e0}=Rl(),{Option:nm}=xl();at.program=new Gl;at.createCommand=t=>new Gl(t);at.createOption=(t,e)=>new nm(t,e);at.createArgument=(t,e)=>new em(t,e);at.Command=Gl;at.Option=nm;at.Argument=em;at.Help=e0;at.CommanderError=ZS;at.InvalidArgumentError=tm;at.InvalidOptionArgumentError=tm});var Si=y(X=>{"use strict";Object.defineProperty(X,"__esModule",{value:!0});X.regexpCode=X.getEsmExportName=X.getProperty=X.safeStringify=X.stringify=X.strConcat=X.addCodeArg=X.str=X._=X.nil=X._Code=X.Name=X.IDENTIFIER=X._CodeOrName=void 0;var vi=class{};X._CodeOrName=vi;X.IDENTIFIER=/^[a-z$_][a-z$_0-9]*$/i;var Wn=class extends vi{constructor(e){if(super(),!X.IDENTIFIER.test(e))throw new Error("CodeGen: name must be a valid identifier");this.str=e}toString(){return this.str}emptyStr(){return!1}get names(){return{[this.str]:1}}};X.Name=Wn;var ct=class extends vi{constructor(e){super(),this._items=typeof e=="string"?[e]:e}toString(){return this.str}emptyStr(){if(this._items.length>1)return!1;let e=this._items[0];return e===""||e==='""'}get str(){var e;return(e=this._str)!==null&&e!==void 0?e:this._str=this._items.reduce((n,r)=>`${n}${r}`,"")}get names(){var e;return(e=this._names)!==null&&e!==void 0?e:this._names=this._items.reduce((n,r)=>(r instanceof Wn&&(n[r.str]=(n[r.str]||0)+1),n),{})}};X._Code=ct;X.nil=new ct("");function lg(t,...e){let n=[t[0]],r=0;for(;r<e.length;)Mc(n,e[r]),n.push(t[++r]);return new ct(n)}X._=lg;var Dc=new ct("+");function cg(t,...e){let n=[ki(t[0])],r=0;for(;r<e.length;)n.push(Dc),Mc(n,e[r]),n.push(Dc,ki(t[++r]));return kT(n),new ct(n)}X.str=cg;function Mc(t,e){e instanceof ct?t.push(...e._items):e instanceof Wn?t.push(e):t.push(TT(e))}X.addCodeArg=Mc;function kT(t){let e=1;for(;e<t.length-1;){if(t[e]===Dc){let n=ST(t[e-1],t[e+1]);if(n!==void 0){t.splice(e-1,3,n);continue}t[e++]="+"}e++}}function ST(t,e){if(e==='""')return t;if(t==='""')return e;if(typeof t=="string")return e instanceof Wn||t[t.length-1]!=='"'?void 0:typeof e!="string"?`${t.slice(0,-1)}${e}"`:e[0]==='"'?t.slice(0,-1)+e.slice(1):void 0;if(typeof e=="string"&&e[0]==='"'&&!(t instanceof Wn))return`"${t}${e.slice(1)}`}function AT(t,e){return e.emptyStr()?t:t.emptyStr()?e:cg`${t}${e}`}X.strConcat=AT;function TT(t){return typeof t=="number"||typeof t=="boolean"||t===null?t:ki(Array.isArray(t)?t.join(","):t)}function CT(t){return new ct(ki(t))}X.stringify=CT;function ki(t){return JSON.stringify(t).replace(/\u2028/g,"\\u2028").replace(/\u2029/g,"\\u2029")}X.safeStringify=ki;function ET(t){return typeof t=="string"&&X.IDENTIFIER.test(t)?new ct(`.${t}`):lg`[${t}]`}X.getProperty=ET;function $T(t){if(typeof t=="string"&&X.IDENTIFIER.test(t))return new ct(`${t}`);throw new Error(`CodeGen: invalid export name: ${t}, use explicit $id name mapping`)}X.getEsmExportName=$T;function IT(t){return new ct(t.toString())}X.regexpCode=IT});var Gc=y(Ue=>{"use strict";Object.defineProperty(Ue,"__esModule",{value:!0});Ue.ValueScope=Ue.ValueScopeName=Ue.Scope=Ue.varKinds=Ue.UsedValueState=void 0;var Be=Si(),qc=class extends Error{constructor(e){super(`CodeGen: "code" for ${e} not defined`),this.value=e.value}},_o;(function(t){t[t.Started=0]="Started",t[t.Completed=1]="Completed"})(_o||(Ue.UsedValueState=_o={}));Ue.varKinds={const:new Be.Name("const"),let:new Be.Name("let"),var:new Be.Name("var")};var bo=class{constructor({prefixes:e,parent:n}={}){this._names={},this._prefixes=e,this._parent=n}toName(e){return e instanceof Be.Name?e:this.name(e)}name(e){return new Be.Name(this._newName(e))}_newName(e){let n=this._names[e]||this._nameGroup(e);return`${e}${n.index++}`}_nameGroup(e){var n,r;if(!((r=(n=this._parent)===null||n===void 0?void 0:n._prefixes)===null||r===void 0)&&r.has(e)||this._prefixes&&!this._prefixes.has(e))throw new Error(`CodeGen: prefix "${e}" is not allowed in this scope`);return this._names[e]={prefix:e,index:0}}};Ue.Scope=bo;var wo=class extends Be.Name{constructor(e,n){super(n),this.prefix=e}setValue(e,{property:n,itemIndex:r}){this.value=e,this.scopePath=(0,Be._)`.${new Be.Name(n)}[${r}]`}};Ue.ValueScopeName=wo;var RT=(0,Be._)`\n`,Wc=class extends bo{constructor(e){super(e),this._values={},this._scope=e.scope,this.opts={...e,_n:e.lines?RT:Be.nil}}get(){return this._scope}name(e){return new wo(e,this._newName(e))}value(e,n){var r;if(n.ref===void 0)throw new Error("CodeGen: ref must be passed in value");let i=this.toName(e),{prefix:s}=i,o=(r=n.key)!==null&&r!==void 0?r:n.ref,a=this._values[s];if(a){let u=a.get(o);if(u)return u}else a=this._values[s]=new Map;a.set(o,i);let l=this._scope[s]||(this._scope[s]=[]),c=l.length;return l[c]=n.ref,i.setValue(n,{property:s,itemIndex:c}),i}getValue(e,n){let r=this._values[e];if(r)return r.get(n)}scopeRefs(e,n=this._values){return this._reduceValues(n,r=>{if(r.scopePath===void 0)throw new Error(`CodeGen: name "${r}" has no value`);return(0,Be._)`${e}${r.scopePath}`})}scopeCode(e=this._values,n,r){return this._reduceValues(e,i=>{if(i.value===void 0)throw new Error(`CodeGen: name "${i}" has no value`);return i.value.code},n,r)}_reduceValues(e,n,r={},i){let s=Be.nil;for(let o in e){let a=e[o];if(!a)continue;let l=r[o]=r[o]||new Map;a.forEach(c=>{if(l.has(c))return;l.set(c,_o.Started);let u=n(c);if(u){let d=this.opts.es5?Ue.varKinds.var:Ue.varKinds.const;s=(0,Be._)`${s}${d} ${c} = ${u};${this.opts._n}`}else if(u=i?.(c))s=(0,Be._)`${s}${u}${this.opts._n}`;else throw new qc(c);l.set(c,_o.Completed)})}return s}};Ue.ValueScope=Wc});var F=y(j=>{"use strict";Object.defineProperty(j,"__esModule",{value:!0});j.or=j.and=j.not=j.CodeGen=j.operators=j.varKinds=j.ValueScopeName=j.ValueScope=j.Scope=j.Name=j.regexpCode=j.stringify=j.getProperty=j.nil=j.strConcat=j.str=j._=void 0;var z=Si(),_t=Gc(),rn=Si();Object.defineProperty(j,"_",{enumerable:!0,get:function(){return rn._}});Object.defineProperty(j,"str",{enumerable:!0,get:function(){return rn.str}});Object.defineProperty(j,"strConcat",{enumerable:!0,get:function(){return rn.strConcat}});Object.defineProperty(j,"nil",{enumerable:!0,get:function(){return rn.nil}});Object.defineProperty(j,"getProperty",{enumerable:!0,get:function(){return rn.getProperty}});Object.defineProperty(j,"stringify",{enumerable:!0,get:function(){return rn.stringify}});Object.defineProperty(j,"regexpCode",{enumerable:!0,get:function(){return rn.regexpCode}});Object.defineProperty(j,"Name",{enumerable:!0,get:function(){return rn.Name}});var Ao=Gc();Object.defineProperty(j,"Scope",{enumerable:!0,get:function(){return Ao.Scope}});Object.defineProperty(j,"ValueScope",{enumerable:!0,get:function(){return Ao.ValueScope}});Object.defineProperty(j,"ValueScopeName",{enumerable:!0,get:function(){return Ao.ValueScopeName}});Object.defineProperty(j,"varKinds",{enumerable:!0,get:function(){return Ao.varKinds}});j.operators={GT:new z._Code(">"),GTE:new z._Code(">="),LT:new z._Code("<"),LTE:new z._Code("<="),EQ:new z._Code("==="),NEQ:new z._Code("!=="),NOT:new z._Code("!"),OR:new z._Code("||"),AND:new z._Code("&&"),ADD:new z._Code("+")};var Kt=class{optimizeNodes(){return this}optimizeNames(e,n){return this}},Fc=class extends Kt{constructor(e,n,r){super(),this.varKind=e,this.name=n,this.rhs=r}render({es5:e,_n:n}){let r=e?_t.varKinds.var:this.varKind,i=this.rhs===void 0?"":` = ${this.rhs}`;return`${r} ${this.name}${i};`+n}optimizeNames(e,n){if(e[this.name.str])return this.rhs&&(this.rhs=gr(this.rhs,e,n)),this}get names(){return this.rhs instanceof z._CodeOrName?this.rhs.names:{}}},vo=class extends Kt{constructor(e,n,r){super(),this.lhs=e,this.rhs=n,this.sideEffects=r}render({_n:e}){return`${this.lhs} = ${this.rhs};`+e}optimizeNames(e,n){if(!(this.lhs instanceof z.Name&&!e[this.lhs.str]&&!this.sideEffects))return this.rhs=gr(this.rhs,e,n),this}get names(){let e=this.lhs instanceof z.Name?{}:{...this.lhs.names};return So(e,this.rhs)}},jc=class extends vo{constructor(e,n,r,i){super(e,r,i),this.op=n}render({_n:e}){return`${this.lhs} ${this.op}= ${this.rhs};`+e}},Vc=class extends Kt{constructor(e){super(),this.label=e,this.names={}}render({_n:e}){return`${this.label}:`+e}},Bc=class extends Kt{constructor(e){super(),this.label=e,this.names={}}render({_n:e}){return`break${this.label?` ${this.label}`:""};`+e}},Uc=class extends Kt{constructor(e){super(),this.error=e}render({_n:e}){return`throw ${this.error};`+e}get names(){return this.error.names}},Kc=class extends Kt{constructor(e){super(),this.code=e}render({_n:e}){return`${this.code};`+e}optimizeNodes(){return`${this.code}`?this:void 0}optimizeNames(e,n){return this.code=gr(this.code,e,n),this}get names(){return this.code instanceof z._CodeOrName?this.code.names:{}}},Ai=class extends Kt{constructor(e=[]){super(),this.nodes=e}render(e){return this.nodes.reduce((n,r)=>n+r.render(e),"")}optimizeNodes(){let{nodes:e}=this,n=e.length;for(;n--;){let r=e[n].optimizeNodes();Array.isArray(r)?e.splice(n,1,...r):r?e[n]=r:e.splice(n,1)}return e.length>0?this:void 0}optimizeNames(e,n){let{nodes:r}=this,i=r.length;for(;i--;){let s=r[i];s.optimizeNames(e,n)||(OT(e,s.names),r.splice(i,1))}return r.length>0?this:void 0}get names(){return this.nodes.reduce((e,n)=>jn(e,n.names),{})}},zt=class extends Ai{render(e){return"{"+e._n+super.render(e)+"}"+e._n}},zc=class extends Ai{},hr=class extends zt{};hr.kind="else";var Gn=class t extends zt{constructor(e,n){super(n),this.condition=e}render(e){let n=`if(${this.condition})`+super.render(e);return this.else&&(n+="else "+this.else.render(e)),n}optimizeNodes(){super.optimizeNodes();let e=this.condition;if(e===!0)return this.nodes;let n=this.else;if(n){let r=n.optimizeNodes();n=this.else=Array.isArray(r)?new hr(r):r}if(n)return e===!1?n instanceof t?n:n.nodes:this.nodes.length?this:new t(ug(e),n instanceof t?[n]:n.nodes);if(!(e===!1||!this.nodes.length))return this}optimizeNames(e,n){var r;if(this.else=(r=this.else)===null||r===void 0?void 0:r.optimizeNames(e,n),!!(super.optimizeNames(e,n)||this.else))return this.condition=gr(this.condition,e,n),this}get names(){let e=super.names;return So(e,this.condition),this.else&&jn(e,this.else.names),e}};Gn.kind="if";var Fn=class extends zt{};Fn.kind="for";var Hc=class extends Fn{constructor(e){super(),this.iteration=e}render(e){return`for(${this.iteration})`+super.render(e)}optimizeNames(e,n){if(super.optimizeNames(e,n))return this.iteration=gr(this.iteration,e,n),this}get names(){return jn(super.names,this.iteration.names)}},Yc=class extends Fn{constructor(e,n,r,i){super(),this.varKind=e,this.name=n,this.from=r,this.to=i}render(e){let n=e.es5?_t.varKinds.var:this.varKind,{name:r,from:i,to:s}=this;return`for(${n} ${r}=${i}; ${r}<${s}; ${r}++)`+super.render(e)}get names(){let e=So(super.names,this.from);return So(e,this.to)}},ko=class extends Fn{constructor(e,n,r,i){super(),this.loop=e,this.varKind=n,this.name=r,this.iterable=i}render(e){return`for(${this.varKind} ${this.name} ${this.loop} ${this.iterable})`+super.render(e)}optimizeNames(e,n){if(super.optimizeNames(e,n))return this.iterable=gr(this.iterable,e,n),this}get names(){return jn(super.names,this.iterable.names)}},Ti=class extends zt{constructor(e,n,r){super(),this.name=e,this.args=n,this.async=r}render(e){return`${this.async?"async ":""}function ${this.name}(${this.args})`+super.render(e)}};Ti.kind="func";var Ci=class extends Ai{render(e){return"return "+super.render(e)}};Ci.kind="return";var Jc=class extends zt{render(e){let n="try"+super.render(e);return this.catch&&(n+=this.catch.render(e)),this.finally&&(n+=this.finally.render(e)),n}optimizeNodes(){var e,n;return super.optimizeNodes(),(e=this.catch)===null||e===void 0||e.optimizeNodes(),(n=this.finally)===null||n===void 0||n.optimizeNodes(),this}optimizeNames(e,n){var r,i;return super.optimizeNames(e,n),(r=this.catch)===null||r===void 0||r.optimizeNames(e,n),(i=this.finally)===null||i===void 0||i.optimizeNames(e,n),this}get names(){let e=super.names;return this.catch&&jn(e,this.catch.names),this.finally&&jn(e,this.finally.names),e}},Ei=class extends zt{constructor(e){super(),this.error=e}render(e){return`catch(${this.error})`+super.render(e)}};Ei.kind="catch";var $i=class extends zt{render(e){return"finally"+super.render(e)}};$i.kind="finally";var Xc=class{constructor(e,n={}){this._values={},this._blockStarts=[],this._constants={},this.opts={...n,_n:n.lines?`
`:""},this._extScope=e,this._scope=new _t.Scope({parent:e}),this._nodes=[new zc]}toString(){return this._root.render(this.opts)}name(e){return this._scope.name(e)}scopeName(e){return this._extScope.name(e)}scopeValue(e,n){let r=this._extScope.value(e,n);return(this._values[r.prefix]||(this._values[r.prefix]=new Set)).add(r),r}getScopeValue(e,n){return this._extScope.getValue(e,n)}scopeRefs(e){return this._extScope.scopeRefs(e,this._values)}scopeCode(){return this._extScope.scopeCode(this._values)}_def(e,n,r,i){let s=this._scope.toName(n);return r!==void 0&&i&&(this._constants[s.str]=r),this._leafNode(new Fc(e,s,r)),s}const(e,n,r){return this._def(_t.varKinds.const,e,n,r)}let(e,n,r){return this._def(_t.varKinds.let,e,n,r)}var(e,n,r){return this._def(_t.varKinds.var,e,n,r)}assign(e,n,r){return this._leafNode(new vo(e,n,r))}add(e,n){return this._leafNode(new jc(e,j.operators.ADD,n))}code(e){return typeof e=="function"?e():e!==z.nil&&this._leafNode(new Kc(e)),this}object(...e){let n=["{"];for(let[r,i]of e)n.length>1&&n.push(","),n.push(r),(r!==i||this.opts.es5)&&(n.push(":"),(0,z.addCodeArg)(n,i));return n.push("}"),new z._Code(n)}if(e,n,r){if(this._blockNode(new Gn(e)),n&&r)this.code(n).else().code(r).endIf();else if(n)this.code(n).endIf();else if(r)throw new Error('CodeGen: "else" body without "then" body');return this}elseIf(e){return this._elseNode(new Gn(e))}else(){return this._elseNode(new hr)}endIf(){return this._endBlockNode(Gn,hr)}_for(e,n){return this._blockNode(e),n&&this.code(n).endFor(),this}for(e,n){return this._for(new Hc(e),n)}forRange(e,n,r,i,s=this.opts.es5?_t.varKinds.var:_t.varKinds.let){let o=this._scope.toName(e);return this._for(new Yc(s,o,n,r),()=>i(o))}forOf(e,n,r,i=_t.varKinds.const){let s=this._scope.toName(e);if(this.opts.es5){let o=n instanceof z.Name?n:this.var("_arr",n);return this.forRange("_i",0,(0,z._)`${o}.length`,a=>{this.var(s,(0,z._)`${o}[${a}]`),r(s)})}return this._for(new ko("of",i,s,n),()=>r(s))}forIn(e,n,r,i=this.opts.es5?_t.varKinds.var:_t.varKinds.const){if(this.opts.ownProperties)return this.forOf(e,(0,z._)`Object.keys(${n})`,r);let s=this._scope.toName(e);return this._for(new ko("in",i,s,n),()=>r(s))}endFor(){return this._endBlockNode(Fn)}label(e){return this._leafNode(new Vc(e))}break(e){return this._leafNode(new Bc(e))}return(e){let n=new Ci;if(this._blockNode(n),this.code(e),n.nodes.length!==1)throw new Error('CodeGen: "return" should have one node');return this._endBlockNode(Ci)}try(e,n,r){if(!n&&!r)throw new Error('CodeGen: "try" without "catch" and "finally"');let i=new Jc;if(this._blockNode(i),this.code(e),n){let s=this.name("e");this._currNode=i.catch=new Ei(s),n(s)}return r&&(this._currNode=i.finally=new $i,this.code(r)),this._endBlockNode(Ei,$i)}throw(e){return this._leafNode(new Uc(e))}block(e,n){return this._blockStarts.push(this._nodes.length),e&&this.code(e).endBlock(n),this}endBlock(e){let n=this._blockStarts.pop();if(n===void 0)throw new Error("CodeGen: not in self-balancing block");let r=this._nodes.length-n;if(r<0||e!==void 0&&r!==e)throw new Error(`CodeGen: wrong number of nodes: ${r} vs ${e} expected`);return this._nodes.length=n,this}func(e,n=z.nil,r,i){return this._blockNode(new Ti(e,n,r)),i&&this.code(i).endFunc(),this}endFunc(){return this._endBlockNode(Ti)}optimize(e=1){for(;e-- >0;)this._root.optimizeNodes(),this._root.optimizeNames(this._root.names,this._constants)}_leafNode(e){return this._currNode.nodes.push(e),this}_blockNode(e){this._currNode.nodes.push(e),this._nodes.push(e)}_endBlockNode(e,n){let r=this._currNode;if(r instanceof e||n&&r instanceof n)return this._nodes.pop(),this;throw new Error(`CodeGen: not in block "${n?`${e.kind}/${n.kind}`:e.kind}"`)}_elseNode(e){let n=this._currNode;if(!(n instanceof Gn))throw new Error('CodeGen: "else" without "if"');return this._currNode=n.else=e,this}get _root(){return this._nodes[0]}get _currNode(){let e=this._nodes;return e[e.length-1]}set _currNode(e){let n=this._nodes;n[n.length-1]=e}};j.CodeGen=Xc;function jn(t,e){for(let n in e)t[n]=(t[n]||0)+(e[n]||0);return t}function So(t,e){return e instanceof z._CodeOrName?jn(t,e.names):t}function gr(t,e,n){if(t instanceof z.Name)return r(t);if(!i(t))return t;return new z._Code(t._items.reduce((s,o)=>(o instanceof z.Name&&(o=r(o)),o instanceof z._Code?s.push(...o._items):s.push(o),s),[]));function r(s){let o=n[s.str];return o===void 0||e[s.str]!==1?s:(delete e[s.str],o)}function i(s){return s instanceof z._Code&&s._items.some(o=>o instanceof z.Name&&e[o.str]===1&&n[o.str]!==void 0)}}function OT(t,e){for(let n in e)t[n]=(t[n]||0)-(e[n]||0)}function ug(t){return typeof t=="boolean"||typeof t=="number"||t===null?!t:(0,z._)`!${Qc(t)}`}j.not=ug;var NT=dg(j.operators.AND);function PT(...t){return t.reduce(NT)}j.and=PT;var xT=dg(j.operators.OR);function LT(...t){return t.reduce(xT)}j.or=LT;function dg(t){return(e,n)=>e===z.nil?n:n===z.nil?e:(0,z._)`${Qc(e)} ${t} ${Qc(n)}`}function Qc(t){return t instanceof z.Name?t:(0,z._)`(${t})`}});var H=y(V=>{"use strict";Object.defineProperty(V,"__esModule",{value:!0});V.checkStrictMode=V.getErrorPath=V.Type=V.useFunc=V.setEvaluated=V.evaluatedPropsToName=V.mergeEvaluated=V.eachItem=V.unescapeJsonPointer=V.escapeJsonPointer=V.escapeFragment=V.unescapeFragment=V.schemaRefOrVal=V.schemaHasRulesButRef=V.schemaHasRules=V.checkUnknownRules=V.alwaysValidSchema=V.toHash=void 0;var oe=F(),DT=Si();function MT(t){let e={};for(let n of t)e[n]=!0;return e}V.toHash=MT;function qT(t,e){return typeof e=="boolean"?e:Object.keys(e).length===0?!0:(mg(t,e),!hg(e,t.self.RULES.all))}V.alwaysValidSchema=qT;function mg(t,e=t.schema){let{opts:n,self:r}=t;if(!n.strictSchema||typeof e=="boolean")return;let i=r.RULES.keywords;for(let s in e)i[s]||_g(t,`unknown keyword: "${s}"`)}V.checkUnknownRules=mg;function hg(t,e){if(typeof t=="boolean")return!t;for(let n in t)if(e[n])return!0;return!1}V.schemaHasRules=hg;function WT(t,e){if(typeof t=="boolean")return!t;for(let n in t)if(n!=="$ref"&&e.all[n])return!0;return!1}V.schemaHasRulesButRef=WT;function GT({topSchemaRef:t,schemaPath:e},n,r,i){if(!i){if(typeof n=="number"||typeof n=="boolean")return n;if(typeof n=="string")return(0,oe._)`${n}`}return(0,oe._)`${t}${e}${(0,oe.getProperty)(r)}`}V.schemaRefOrVal=GT;function FT(t){return gg(decodeURIComponent(t))}V.unescapeFragment=FT;function jT(t){return encodeURIComponent(eu(t))}V.escapeFragment=jT;function eu(t){return typeof t=="number"?`${t}`:t.replace(/~/g,"~0").replace(/\//g,"~1")}V.escapeJsonPointer=eu;function gg(t){return t.replace(/~1/g,"/").replace(/~0/g,"~")}V.unescapeJsonPointer=gg;function VT(t,e){if(Array.isArray(t))for(let n of t)e(n);else e(t)}V.eachItem=VT;function fg({mergeNames:t,mergeToName:e,mergeValues:n,resultToName:r}){return(i,s,o,a)=>{let l=o===void 0?s:o instanceof oe.Name?(s instanceof oe.Name?t(i,s,o):e(i,s,o),o):s instanceof oe.Name?(e(i,o,s),s):n(s,o);return a===oe.Name&&!(l instanceof oe.Name)?r(i,l):l}}V.mergeEvaluated={props:fg({mergeNames:(t,e,n)=>t.if((0,oe._)`${n} !== true && ${e} !== undefined`,()=>{t.if((0,oe._)`${e} === true`,()=>t.assign(n,!0),()=>t.assign(n,(0,oe._)`${n} || {}`).code((0,oe._)`Object.assign(${n}, ${e})`))}),mergeToName:(t,e,n)=>t.if((0,oe._)`${n} !== true`,()=>{e===!0?t.assign(n,!0):(t.assign(n,(0,oe._)`${n} || {}`),tu(t,n,e))}),mergeValues:(t,e)=>t===!0?!0:{...t,...e},resultToName:yg}),items:fg({mergeNames:(t,e,n)=>t.if((0,oe._)`${n} !== true && ${e} !== undefined`,()=>t.assign(n,(0,oe._)`${e} === true ? true : ${n} > ${e} ? ${n} : ${e}`)),mergeToName:(t,e,n)=>t.if((0,oe._)`${n} !== true`,()=>t.assign(n,e===!0?!0:(0,oe._)`${n} > ${e} ? ${n} : ${e}`)),mergeValues:(t,e)=>t===!0?!0:Math.max(t,e),resultToName:(t,e)=>t.var("items",e)})};function yg(t,e){if(e===!0)return t.var("props",!0);let n=t.var("props",(0,oe._)`{}`);return e!==void 0&&tu(t,n,e),n}V.evaluatedPropsToName=yg;function tu(t,e,n){Object.keys(n).forEach(r=>t.assign((0,oe._)`${e}${(0,oe.getProperty)(r)}`,!0))}V.setEvaluated=tu;var pg={};function BT(t,e){return t.scopeValue("func",{ref:e,code:pg[e.code]||(pg[e.code]=new DT._Code(e.code))})}V.useFunc=BT;var Zc;(function(t){t[t.Num=0]="Num",t[t.Str=1]="Str"})(Zc||(V.Type=Zc={}));function UT(t,e,n){if(t instanceof oe.Name){let r=e===Zc.Num;return n?r?(0,oe._)`"[" + ${t} + "]"`:(0,oe._)`"['" + ${t} + "']"`:r?(0,oe._)`"/" + ${t}`:(0,oe._)`"/" + ${t}.replace(/~/g, "~0").replace(/\\//g, "~1")`}return n?(0,oe.getProperty)(t).toString():"/"+eu(t)}V.getErrorPath=UT;function _g(t,e,n=t.opts.strictSchema){if(n){if(e=`strict mode: ${e}`,n===!0)throw new Error(e);t.self.logger.warn(e)}}V.checkStrictMode=_g});var Ht=y(nu=>{"use strict";Object.defineProperty(nu,"__esModule",{value:!0});var Pe=F(),KT={data:new Pe.Name("data"),valCxt:new Pe.Name("valCxt"),instancePath:new Pe.Name("instancePath"),parentData:new Pe.Name("parentData"),parentDataProperty:new Pe.Name("parentDataProperty"),rootData:new Pe.Name("rootData"),dynamicAnchors:new Pe.Name("dynamicAnchors"),vErrors:new Pe.Name("vErrors"),errors:new Pe.Name("errors"),this:new Pe.Name("this"),self:new Pe.Name("self"),scope:new Pe.Name("scope"),json:new Pe.Name("json"),jsonPos:new Pe.Name("jsonPos"),jsonLen:new Pe.Name("jsonLen"),jsonPart:new Pe.Name("jsonPart")};nu.default=KT});var Ii=y(xe=>{"use strict";Object.defineProperty(xe,"__esModule",{value:!0});xe.extendErrors=xe.resetErrorsCount=xe.reportExtraError=xe.reportError=xe.keyword$DataError=xe.keywordError=void 0;var Y=F(),To=H(),Fe=Ht();xe.keywordError={message:({keyword:t})=>(0,Y.str)`must pass "${t}" keyword validation`};xe.keyword$DataError={message:({keyword:t,schemaType:e})=>e?(0,Y.str)`"${t}" keyword must be ${e} ($data)`:(0,Y.str)`"${t}" keyword is invalid ($data)`};function zT(t,e=xe.keywordError,n,r){let{it:i}=t,{gen:s,compositeRule:o,allErrors:a}=i,l=vg(t,e,n);r??(o||a)?bg(s,l):wg(i,(0,Y._)`[${l}]`)}xe.reportError=zT;function HT(t,e=xe.keywordError,n){let{it:r}=t,{gen:i,compositeRule:s,allErrors:o}=r,a=vg(t,e,n);bg(i,a),s||o||wg(r,Fe.default.vErrors)}xe.reportExtraError=HT;function YT(t,e){t.assign(Fe.default.errors,e),t.if((0,Y._)`${Fe.default.vErrors} !== null`,()=>t.if(e,()=>t.assign((0,Y._)`${Fe.default.vErrors}.length`,e),()=>t.assign(Fe.default.vErrors,null)))}xe.resetErrorsCount=YT;function JT({gen:t,keyword:e,schemaValue:n,data:r,errsCount:i,it:s}){if(i===void 0)throw new Error("ajv implementation error");let o=t.name("err");t.forRange("i",i,Fe.default.errors,a=>{t.const(o,(0,Y._)`${Fe.default.vErrors}[${a}]`),t.if((0,Y._)`${o}.instancePath === undefined`,()=>t.assign((0,Y._)`${o}.instancePath`,(0,Y.strConcat)(Fe.default.instancePath,s.errorPath))),t.assign((0,Y._)`${o}.schemaPath`,(0,Y.str)`${s.errSchemaPath}/${e}`),s.opts.verbose&&(t.assign((0,Y._)`${o}.schema`,n),t.assign((0,Y._)`${o}.data`,r))})}xe.extendErrors=JT;function bg(t,e){let n=t.const("err",e);t.if((0,Y._)`${Fe.default.vErrors} === null`,()=>t.assign(Fe.default.vErrors,(0,Y._)`[${n}]`),(0,Y._)`${Fe.default.vErrors}.push(${n})`),t.code((0,Y._)`${Fe.default.errors}++`)}function wg(t,e){let{gen:n,validateName:r,schemaEnv:i}=t;i.$async?n.throw((0,Y._)`new ${t.ValidationError}(${e})`):(n.assign((0,Y._)`${r}.errors`,e),n.return(!1))}var Vn={keyword:new Y.Name("keyword"),schemaPath:new Y.Name("schemaPath"),params:new Y.Name("params"),propertyName:new Y.Name("propertyName"),message:new Y.Name("message"),schema:new Y.Name("schema"),parentSchema:new Y.Name("parentSchema")};function vg(t,e,n){let{createErrors:r}=t.it;return r===!1?(0,Y._)`{}`:XT(t,e,n)}function XT(t,e,n={}){let{gen:r,it:i}=t,s=[QT(i,n),ZT(t,n)];return eC(t,e,s),r.object(...s)}function QT({errorPath:t},{instancePath:e}){let n=e?(0,Y.str)`${t}${(0,To.getErrorPath)(e,To.Type.Str)}`:t;return[Fe.default.instancePath,(0,Y.strConcat)(Fe.default.instancePath,n)]}function ZT({keyword:t,it:{errSchemaPath:e}},{schemaPath:n,parentSchema:r}){let i=r?e:(0,Y.str)`${e}/${t}`;return n&&(i=(0,Y.str)`${i}${(0,To.getErrorPath)(n,To.Type.Str)}`),[Vn.schemaPath,i]}function eC(t,{params:e,message:n},r){let{keyword:i,data:s,schemaValue:o,it:a}=t,{opts:l,propertyName:c,topSchemaRef:u,schemaPath:d}=a;r.push([Vn.keyword,i],[Vn.params,typeof e=="function"?e(t):e||(0,Y._)`{}`]),l.messages&&r.push([Vn.message,typeof n=="function"?n(t):n]),l.verbose&&r.push([Vn.schema,o],[Vn.parentSchema,(0,Y._)`${u}${d}`],[Fe.default.data,s]),c&&r.push([Vn.propertyName,c])}});var Sg=y(yr=>{"use strict";Object.defineProperty(yr,"__esModule",{value:!0});yr.boolOrEmptySchema=yr.topBoolOrEmptySchema=void 0;var tC=Ii(),nC=F(),rC=Ht(),iC={message:"boolean schema is false"};function sC(t){let{gen:e,schema:n,validateName:r}=t;n===!1?kg(t,!1):typeof n=="object"&&n.$async===!0?e.return(rC.default.data):(e.assign((0,nC._)`${r}.errors`,null),e.return(!0))}yr.topBoolOrEmptySchema=sC;function oC(t,e){let{gen:n,schema:r}=t;r===!1?(n.var(e,!1),kg(t)):n.var(e,!0)}yr.boolOrEmptySchema=oC;function kg(t,e){let{gen:n,data:r}=t,i={gen:n,keyword:"false schema",data:r,schema:!1,schemaCode:!1,schemaValue:!1,params:{},it:t};(0,tC.reportError)(i,iC,void 0,e)}});var ru=y(_r=>{"use strict";Object.defineProperty(_r,"__esModule",{value:!0});_r.getRules=_r.isJSONType=void 0;var aC=["string","number","integer","boolean","null","object","array"],lC=new Set(aC);function cC(t){return typeof t=="string"&&lC.has(t)}_r.isJSONType=cC;function uC(){let t={number:{type:"number",rules:[]},string:{type:"string",rules:[]},array:{type:"array",rules:[]},object:{type:"object",rules:[]}};return{types:{...t,integer:!0,boolean:!0,null:!0},rules:[{rules:[]},t.number,t.string,t.array,t.object],post:{rules:[]},all:{},keywords:{}}}_r.getRules=uC});var iu=y(sn=>{"use strict";Object.defineProperty(sn,"__esModule",{value:!0});sn.shouldUseRule=sn.shouldUseGroup=sn.schemaHasRulesForType=void 0;function dC({schema:t,self:e},n){let r=e.RULES.types[n];return r&&r!==!0&&Ag(t,r)}sn.schemaHasRulesForType=dC;function Ag(t,e){return e.rules.some(n=>Tg(t,n))}sn.shouldUseGroup=Ag;function Tg(t,e){var n;return t[e.keyword]!==void 0||((n=e.definition.implements)===null||n===void 0?void 0:n.some(r=>t[r]!==void 0))}sn.shouldUseRule=Tg});var Ri=y(Le=>{"use strict";Object.defineProperty(Le,"__esModule",{value:!0});Le.reportTypeError=Le.checkDataTypes=Le.checkDataType=Le.coerceAndCheckDataType=Le.getJSONTypes=Le.getSchemaTypes=Le.DataType=void 0;var fC=ru(),pC=iu(),mC=Ii(),W=F(),Cg=H(),br;(function(t){t[t.Correct=0]="Correct",t[t.Wrong=1]="Wrong"})(br||(Le.DataType=br={}));function hC(t){let e=Eg(t.type);if(e.includes("null")){if(t.nullable===!1)throw new Error("type: null contradicts nullable: false")}else{if(!e.length&&t.nullable!==void 0)throw new Error('"nullable" cannot be used without "type"');t.nullable===!0&&e.push("null")}return e}Le.getSchemaTypes=hC;function Eg(t){let e=Array.isArray(t)?t:t?[t]:[];if(e.every(fC.isJSONType))return e;throw new Error("type must be JSONType or JSONType[]: "+e.join(","))}Le.getJSONTypes=Eg;function gC(t,e){let{gen:n,data:r,opts:i}=t,s=yC(e,i.coerceTypes),o=e.length>0&&!(s.length===0&&e.length===1&&(0,pC.schemaHasRulesForType)(t,e[0]));if(o){let a=ou(e,r,i.strictNumbers,br.Wrong);n.if(a,()=>{s.length?_C(t,e,s):au(t)})}return o}Le.coerceAndCheckDataType=gC;var $g=new Set(["string","number","integer","boolean","null"]);function yC(t,e){return e?t.filter(n=>$g.has(n)||e==="array"&&n==="array"):[]}function _C(t,e,n){let{gen:r,data:i,opts:s}=t,o=r.let("dataType",(0,W._)`typeof ${i}`),a=r.let("coerced",(0,W._)`undefined`);s.coerceTypes==="array"&&r.if((0,W._)`${o} == 'object' && Array.isArray(${i}) && ${i}.length == 1`,()=>r.assign(i,(0,W._)`${i}[0]`).assign(o,(0,W._)`typeof ${i}`).if(ou(e,i,s.strictNumbers),()=>r.assign(a,i))),r.if((0,W._)`${a} !== undefined`);for(let c of n)($g.has(c)||c==="array"&&s.coerceTypes==="array")&&l(c);r.else(),au(t),r.endIf(),r.if((0,W._)`${a} !== undefined`,()=>{r.assign(i,a),bC(t,a)});function l(c){switch(c){case"string":r.elseIf((0,W._)`${o} == "number" || ${o} == "boolean"`).assign(a,(0,W._)`"" + ${i}`).elseIf((0,W._)`${i} === null`).assign(a,(0,W._)`""`);return;case"number":r.elseIf((0,W._)`${o} == "boolean" || ${i} === null
              || (${o} == "string" && ${i} && ${i} == +${i})`).assign(a,(0,W._)`+${i}`);return;case"integer":r.elseIf((0,W._)`${o} === "boolean" || ${i} === null
              || (${o} === "string" && ${i} && ${i} == +${i} && !(${i} % 1))`).assign(a,(0,W._)`+${i}`);return;case"boolean":r.elseIf((0,W._)`${i} === "false" || ${i} === 0 || ${i} === null`).assign(a,!1).elseIf((0,W._)`${i} === "true" || ${i} === 1`).assign(a,!0);return;case"null":r.elseIf((0,W._)`${i} === "" || ${i} === 0 || ${i} === false`),r.assign(a,null);return;case"array":r.elseIf((0,W._)`${o} === "string" || ${o} === "number"
              || ${o} === "boolean" || ${i} === null`).assign(a,(0,W._)`[${i}]`)}}}function bC({gen:t,parentData:e,parentDataProperty:n},r){t.if((0,W._)`${e} !== undefined`,()=>t.assign((0,W._)`${e}[${n}]`,r))}function su(t,e,n,r=br.Correct){let i=r===br.Correct?W.operators.EQ:W.operators.NEQ,s;switch(t){case"null":return(0,W._)`${e} ${i} null`;case"array":s=(0,W._)`Array.isArray(${e})`;break;case"object":s=(0,W._)`${e} && typeof ${e} == "object" && !Array.isArray(${e})`;break;case"integer":s=o((0,W._)`!(${e} % 1) && !isNaN(${e})`);break;case"number":s=o();break;default:return(0,W._)`typeof ${e} ${i} ${t}`}return r===br.Correct?s:(0,W.not)(s);function o(a=W.nil){return(0,W.and)((0,W._)`typeof ${e} == "number"`,a,n?(0,W._)`isFinite(${e})`:W.nil)}}Le.checkDataType=su;function ou(t,e,n,r){if(t.length===1)return su(t[0],e,n,r);let i,s=(0,Cg.toHash)(t);if(s.array&&s.object){let o=(0,W._)`typeof ${e} != "object"`;i=s.null?o:(0,W._)`!${e} || ${o}`,delete s.null,delete s.array,delete s.object}else i=W.nil;s.number&&delete s.integer;for(let o in s)i=(0,W.and)(i,su(o,e,n,r));return i}Le.checkDataTypes=ou;var wC={message:({schema:t})=>`must be ${t}`,params:({schema:t,schemaValue:e})=>typeof t=="string"?(0,W._)`{type: ${t}}`:(0,W._)`{type: ${e}}`};function au(t){let e=vC(t);(0,mC.reportError)(e,wC)}Le.reportTypeError=au;function vC(t){let{gen:e,data:n,schema:r}=t,i=(0,Cg.schemaRefOrVal)(t,r,"type");return{gen:e,keyword:"type",data:n,schema:r.type,schemaCode:i,schemaValue:i,parentSchema:r,params:{},it:t}}});var Rg=y(Co=>{"use strict";Object.defineProperty(Co,"__esModule",{value:!0});Co.assignDefaults=void 0;var wr=F(),kC=H();function SC(t,e){let{properties:n,items:r}=t.schema;if(e==="object"&&n)for(let i in n)Ig(t,i,n[i].default);else e==="array"&&Array.isArray(r)&&r.forEach((i,s)=>Ig(t,s,i.default))}Co.assignDefaults=SC;function Ig(t,e,n){let{gen:r,compositeRule:i,data:s,opts:o}=t;if(n===void 0)return;let a=(0,wr._)`${s}${(0,wr.getProperty)(e)}`;if(i){(0,kC.checkStrictMode)(t,`default is ignored for: ${a}`);return}let l=(0,wr._)`${a} === undefined`;o.useDefaults==="empty"&&(l=(0,wr._)`${l} || ${a} === null || ${a} === ""`),r.if(l,(0,wr._)`${a} = ${(0,wr.stringify)(n)}`)}});var ut=y(re=>{"use strict";Object.defineProperty(re,"__esModule",{value:!0});re.validateUnion=re.validateArray=re.usePattern=re.callValidateCode=re.schemaProperties=re.allSchemaProperties=re.noPropertyInData=re.propertyInData=re.isOwnProperty=re.hasPropFunc=re.reportMissingProp=re.checkMissingProp=re.checkReportMissingProp=void 0;var ue=F(),lu=H(),on=Ht(),AC=H();function TC(t,e){let{gen:n,data:r,it:i}=t;n.if(uu(n,r,e,i.opts.ownProperties),()=>{t.setParams({missingProperty:(0,ue._)`${e}`},!0),t.error()})}re.checkReportMissingProp=TC;function CC({gen:t,data:e,it:{opts:n}},r,i){return(0,ue.or)(...r.map(s=>(0,ue.and)(uu(t,e,s,n.ownProperties),(0,ue._)`${i} = ${s}`)))}re.checkMissingProp=CC;function EC(t,e){t.setParams({missingProperty:e},!0),t.error()}re.reportMissingProp=EC;function Og(t){return t.scopeValue("func",{ref:Object.prototype.hasOwnProperty,code:(0,ue._)`Object.prototype.hasOwnProperty`})}re.hasPropFunc=Og;function cu(t,e,n){return(0,ue._)`${Og(t)}.call(${e}, ${n})`}re.isOwnProperty=cu;function $C(t,e,n,r){let i=(0,ue._)`${e}${(0,ue.getProperty)(n)} !== undefined`;return r?(0,ue._)`${i} && ${cu(t,e,n)}`:i}re.propertyInData=$C;function uu(t,e,n,r){let i=(0,ue._)`${e}${(0,ue.getProperty)(n)} === undefined`;return r?(0,ue.or)(i,(0,ue.not)(cu(t,e,n))):i}re.noPropertyInData=uu;function Ng(t){return t?Object.keys(t).filter(e=>e!=="__proto__"):[]}re.allSchemaProperties=Ng;function IC(t,e){return Ng(e).filter(n=>!(0,lu.alwaysValidSchema)(t,e[n]))}re.schemaProperties=IC;function RC({schemaCode:t,data:e,it:{gen:n,topSchemaRef:r,schemaPath:i,errorPath:s},it:o},a,l,c){let u=c?(0,ue._)`${t}, ${e}, ${r}${i}`:e,d=[[on.default.instancePath,(0,ue.strConcat)(on.default.instancePath,s)],[on.default.parentData,o.parentData],[on.default.parentDataProperty,o.parentDataProperty],[on.default.rootData,on.default.rootData]];o.opts.dynamicRef&&d.push([on.default.dynamicAnchors,on.default.dynamicAnchors]);let f=(0,ue._)`${u}, ${n.object(...d)}`;return l!==ue.nil?(0,ue._)`${a}.call(${l}, ${f})`:(0,ue._)`${a}(${f})`}re.callValidateCode=RC;var OC=(0,ue._)`new RegExp`;function NC({gen:t,it:{opts:e}},n){let r=e.unicodeRegExp?"u":"",{regExp:i}=e.code,s=i(n,r);return t.scopeValue("pattern",{key:s.toString(),ref:s,code:(0,ue._)`${i.code==="new RegExp"?OC:(0,AC.useFunc)(t,i)}(${n}, ${r})`})}re.usePattern=NC;function PC(t){let{gen:e,data:n,keyword:r,it:i}=t,s=e.name("valid");if(i.allErrors){let a=e.let("valid",!0);return o(()=>e.assign(a,!1)),a}return e.var(s,!0),o(()=>e.break()),s;function o(a){let l=e.const("len",(0,ue._)`${n}.length`);e.forRange("i",0,l,c=>{t.subschema({keyword:r,dataProp:c,dataPropType:lu.Type.Num},s),e.if((0,ue.not)(s),a)})}}re.validateArray=PC;function xC(t){let{gen:e,schema:n,keyword:r,it:i}=t;if(!Array.isArray(n))throw new Error("ajv implementation error");if(n.some(l=>(0,lu.alwaysValidSchema)(i,l))&&!i.opts.unevaluated)return;let o=e.let("valid",!1),a=e.name("_valid");e.block(()=>n.forEach((l,c)=>{let u=t.subschema({keyword:r,schemaProp:c,compositeRule:!0},a);e.assign(o,(0,ue._)`${o} || ${a}`),t.mergeValidEvaluated(u,a)||e.if((0,ue.not)(o))})),t.result(o,()=>t.reset(),()=>t.error(!0))}re.validateUnion=xC});var Lg=y(Rt=>{"use strict";Object.defineProperty(Rt,"__esModule",{value:!0});Rt.validateKeywordUsage=Rt.validSchemaType=Rt.funcKeywordCode=Rt.macroKeywordCode=void 0;var je=F(),Bn=Ht(),LC=ut(),DC=Ii();function MC(t,e){let{gen:n,keyword:r,schema:i,parentSchema:s,it:o}=t,a=e.macro.call(o.self,i,s,o),l=xg(n,r,a);o.opts.validateSchema!==!1&&o.self.validateSchema(a,!0);let c=n.name("valid");t.subschema({schema:a,schemaPath:je.nil,errSchemaPath:`${o.errSchemaPath}/${r}`,topSchemaRef:l,compositeRule:!0},c),t.pass(c,()=>t.error(!0))}Rt.macroKeywordCode=MC;function qC(t,e){var n;let{gen:r,keyword:i,schema:s,parentSchema:o,$data:a,it:l}=t;GC(l,e);let c=!a&&e.compile?e.compile.call(l.self,s,o,l):e.validate,u=xg(r,i,c),d=r.let("valid");t.block$data(d,f),t.ok((n=e.valid)!==null&&n!==void 0?n:d);function f(){if(e.errors===!1)p(),e.modifying&&Pg(t),g(()=>t.error());else{let _=e.async?m():h();e.modifying&&Pg(t),g(()=>WC(t,_))}}function m(){let _=r.let("ruleErrs",null);return r.try(()=>p((0,je._)`await `),b=>r.assign(d,!1).if((0,je._)`${b} instanceof ${l.ValidationError}`,()=>r.assign(_,(0,je._)`${b}.errors`),()=>r.throw(b))),_}function h(){let _=(0,je._)`${u}.errors`;return r.assign(_,null),p(je.nil),_}function p(_=e.async?(0,je._)`await `:je.nil){let b=l.opts.passContext?Bn.default.this:Bn.default.self,k=!("compile"in e&&!a||e.schema===!1);r.assign(d,(0,je._)`${_}${(0,LC.callValidateCode)(t,u,b,k)}`,e.modifying)}function g(_){var b;r.if((0,je.not)((b=e.valid)!==null&&b!==void 0?b:d),_)}}Rt.funcKeywordCode=qC;function Pg(t){let{gen:e,data:n,it:r}=t;e.if(r.parentData,()=>e.assign(n,(0,je._)`${r.parentData}[${r.parentDataProperty}]`))}function WC(t,e){let{gen:n}=t;n.if((0,je._)`Array.isArray(${e})`,()=>{n.assign(Bn.default.vErrors,(0,je._)`${Bn.default.vErrors} === null ? ${e} : ${Bn.default.vErrors}.concat(${e})`).assign(Bn.default.errors,(0,je._)`${Bn.default.vErrors}.length`),(0,DC.extendErrors)(t)},()=>t.error())}function GC({schemaEnv:t},e){if(e.async&&!t.$async)throw new Error("async keyword in sync schema")}function xg(t,e,n){if(n===void 0)throw new Error(`keyword "${e}" failed to compile`);return t.scopeValue("keyword",typeof n=="function"?{ref:n}:{ref:n,code:(0,je.stringify)(n)})}function FC(t,e,n=!1){return!e.length||e.some(r=>r==="array"?Array.isArray(t):r==="object"?t&&typeof t=="object"&&!Array.isArray(t):typeof t==r||n&&typeof t>"u")}Rt.validSchemaType=FC;function jC({schema:t,opts:e,self:n,errSchemaPath:r},i,s){if(Array.isArray(i.keyword)?!i.keyword.includes(s):i.keyword!==s)throw new Error("ajv implementation error");let o=i.dependencies;if(o?.some(a=>!Object.prototype.hasOwnProperty.call(t,a)))throw new Error(`parent schema must have dependencies of ${s}: ${o.join(",")}`);if(i.validateSchema&&!i.validateSchema(t[s])){let l=`keyword "${s}" value is invalid at path "${r}": `+n.errorsText(i.validateSchema.errors);if(e.validateSchema==="log")n.logger.error(l);else throw new Error(l)}}Rt.validateKeywordUsage=jC});var Mg=y(an=>{"use strict";Object.defineProperty(an,"__esModule",{value:!0});an.extendSubschemaMode=an.extendSubschemaData=an.getSubschema=void 0;var Ot=F(),Dg=H();function VC(t,{keyword:e,schemaProp:n,schema:r,schemaPath:i,errSchemaPath:s,topSchemaRef:o}){if(e!==void 0&&r!==void 0)throw new Error('both "keyword" and "schema" passed, only one allowed');if(e!==void 0){let a=t.schema[e];return n===void 0?{schema:a,schemaPath:(0,Ot._)`${t.schemaPath}${(0,Ot.getProperty)(e)}`,errSchemaPath:`${t.errSchemaPath}/${e}`}:{schema:a[n],schemaPath:(0,Ot._)`${t.schemaPath}${(0,Ot.getProperty)(e)}${(0,Ot.getProperty)(n)}`,errSchemaPath:`${t.errSchemaPath}/${e}/${(0,Dg.escapeFragment)(n)}`}}if(r!==void 0){if(i===void 0||s===void 0||o===void 0)throw new Error('"schemaPath", "errSchemaPath" and "topSchemaRef" are required with "schema"');return{schema:r,schemaPath:i,topSchemaRef:o,errSchemaPath:s}}throw new Error('either "keyword" or "schema" must be passed')}an.getSubschema=VC;function BC(t,e,{dataProp:n,dataPropType:r,data:i,dataTypes:s,propertyName:o}){if(i!==void 0&&n!==void 0)throw new Error('both "data" and "dataProp" passed, only one allowed');let{gen:a}=e;if(n!==void 0){let{errorPath:c,dataPathArr:u,opts:d}=e,f=a.let("data",(0,Ot._)`${e.data}${(0,Ot.getProperty)(n)}`,!0);l(f),t.errorPath=(0,Ot.str)`${c}${(0,Dg.getErrorPath)(n,r,d.jsPropertySyntax)}`,t.parentDataProperty=(0,Ot._)`${n}`,t.dataPathArr=[...u,t.parentDataProperty]}if(i!==void 0){let c=i instanceof Ot.Name?i:a.let("data",i,!0);l(c),o!==void 0&&(t.propertyName=o)}s&&(t.dataTypes=s);function l(c){t.data=c,t.dataLevel=e.dataLevel+1,t.dataTypes=[],e.definedProperties=new Set,t.parentData=e.data,t.dataNames=[...e.dataNames,c]}}an.extendSubschemaData=BC;function UC(t,{jtdDiscriminator:e,jtdMetadata:n,compositeRule:r,createErrors:i,allErrors:s}){r!==void 0&&(t.compositeRule=r),i!==void 0&&(t.createErrors=i),s!==void 0&&(t.allErrors=s),t.jtdDiscriminator=e,t.jtdMetadata=n}an.extendSubschemaMode=UC});var du=y((YG,qg)=>{"use strict";qg.exports=function t(e,n){if(e===n)return!0;if(e&&n&&typeof e=="object"&&typeof n=="object"){if(e.constructor!==n.constructor)return!1;var r,i,s;if(Array.isArray(e)){if(r=e.length,r!=n.length)return!1;for(i=r;i--!==0;)if(!t(e[i],n[i]))return!1;return!0}if(e.constructor===RegExp)return e.source===n.source&&e.flags===n.flags;if(e.valueOf!==Object.prototype.valueOf)return e.valueOf()===n.valueOf();if(e.toString!==Object.prototype.toString)return e.toString()===n.toString();if(s=Object.keys(e),r=s.length,r!==Object.keys(n).length)return!1;for(i=r;i--!==0;)if(!Object.prototype.hasOwnProperty.call(n,s[i]))return!1;for(i=r;i--!==0;){var o=s[i];if(!t(e[o],n[o]))return!1}return!0}return e!==e&&n!==n}});var Gg=y((JG,Wg)=>{"use strict";var ln=Wg.exports=function(t,e,n){typeof e=="function"&&(n=e,e={}),n=e.cb||n;var r=typeof n=="function"?n:n.pre||function(){},i=n.post||function(){};Eo(e,r,i,t,"",t)};ln.keywords={additionalItems:!0,items:!0,contains:!0,additionalProperties:!0,propertyNames:!0,not:!0,if:!0,then:!0,else:!0};ln.arrayKeywords={items:!0,allOf:!0,anyOf:!0,oneOf:!0};ln.propsKeywords={$defs:!0,definitions:!0,properties:!0,patternProperties:!0,dependencies:!0};ln.skipKeywords={default:!0,enum:!0,const:!0,required:!0,maximum:!0,minimum:!0,exclusiveMaximum:!0,exclusiveMinimum:!0,multipleOf:!0,maxLength:!0,minLength:!0,pattern:!0,format:!0,maxItems:!0,minItems:!0,uniqueItems:!0,maxProperties:!0,minProperties:!0};function Eo(t,e,n,r,i,s,o,a,l,c){if(r&&typeof r=="object"&&!Array.isArray(r)){e(r,i,s,o,a,l,c);for(var u in r){var d=r[u];if(Array.isArray(d)){if(u in ln.arrayKeywords)for(var f=0;f<d.length;f++)Eo(t,e,n,d[f],i+"/"+u+"/"+f,s,i,u,r,f)}else if(u in ln.propsKeywords){if(d&&typeof d=="object")for(var m in d)Eo(t,e,n,d[m],i+"/"+u+"/"+KC(m),s,i,u,r,m)}else(u in ln.keywords||t.allKeys&&!(u in ln.skipKeywords))&&Eo(t,e,n,d,i+"/"+u,s,i,u,r)}n(r,i,s,o,a,l,c)}}function KC(t){return t.replace(/~/g,"~0").replace(/\//g,"~1")}});var Oi=y(Ke=>{"use strict";Object.defineProperty(Ke,"__esModule",{value:!0});Ke.getSchemaRefs=Ke.resolveUrl=Ke.normalizeId=Ke._getFullPath=Ke.getFullPath=Ke.inlineRef=void 0;var zC=H(),HC=du(),YC=Gg(),JC=new Set(["type","format","pattern","maxLength","minLength","maxProperties","minProperties","maxItems","minItems","maximum","minimum","uniqueItems","multipleOf","required","enum","const"]);function XC(t,e=!0){return typeof t=="boolean"?!0:e===!0?!fu(t):e?Fg(t)<=e:!1}Ke.inlineRef=XC;var QC=new Set(["$ref","$recursiveRef","$recursiveAnchor","$dynamicRef","$dynamicAnchor"]);function fu(t){for(let e in t){if(QC.has(e))return!0;let n=t[e];if(Array.isArray(n)&&n.some(fu)||typeof n=="object"&&fu(n))return!0}return!1}function Fg(t){let e=0;for(let n in t){if(n==="$ref")return 1/0;if(e++,!JC.has(n)&&(typeof t[n]=="object"&&(0,zC.eachItem)(t[n],r=>e+=Fg(r)),e===1/0))return 1/0}return e}function jg(t,e="",n){n!==!1&&(e=vr(e));let r=t.parse(e);return Vg(t,r)}Ke.getFullPath=jg;function Vg(t,e){return t.serialize(e).split("#")[0]+"#"}Ke._getFullPath=Vg;var ZC=/#\/?$/;function vr(t){return t?t.replace(ZC,""):""}Ke.normalizeId=vr;function e1(t,e,n){return n=vr(n),t.resolve(e,n)}Ke.resolveUrl=e1;var t1=/^[a-z_][-a-z0-9._]*$/i;function n1(t,e){if(typeof t=="boolean")return{};let{schemaId:n,uriResolver:r}=this.opts,i=vr(t[n]||e),s={"":i},o=jg(r,i,!1),a={},l=new Set;return YC(t,{allKeys:!0},(d,f,m,h)=>{if(h===void 0)return;let p=o+f,g=s[h];typeof d[n]=="string"&&(g=_.call(this,d[n])),b.call(this,d.$anchor),b.call(this,d.$dynamicAnchor),s[f]=g;function _(k){let C=this.opts.uriResolver.resolve;if(k=vr(g?C(g,k):k),l.has(k))throw u(k);l.add(k);let A=this.refs[k];return typeof A=="string"&&(A=this.refs[A]),typeof A=="object"?c(d,A.schema,k):k!==vr(p)&&(k[0]==="#"?(c(d,a[k],k),a[k]=d):this.refs[k]=p),k}function b(k){if(typeof k=="string"){if(!t1.test(k))throw new Error(`invalid anchor "${k}"`);_.call(this,`#${k}`)}}}),a;function c(d,f,m){if(f!==void 0&&!HC(d,f))throw u(m)}function u(d){return new Error(`reference "${d}" resolves to more than one schema`)}}Ke.getSchemaRefs=n1});var xi=y(cn=>{"use strict";Object.defineProperty(cn,"__esModule",{value:!0});cn.getData=cn.KeywordCxt=cn.validateFunctionCode=void 0;var Hg=Sg(),Bg=Ri(),mu=iu(),$o=Ri(),r1=Rg(),Pi=Lg(),pu=Mg(),N=F(),L=Ht(),i1=Oi(),Yt=H(),Ni=Ii();function s1(t){if(Xg(t)&&(Qg(t),Jg(t))){l1(t);return}Yg(t,()=>(0,Hg.topBoolOrEmptySchema)(t))}cn.validateFunctionCode=s1;function Yg({gen:t,validateName:e,schema:n,schemaEnv:r,opts:i},s){i.code.es5?t.func(e,(0,N._)`${L.default.data}, ${L.default.valCxt}`,r.$async,()=>{t.code((0,N._)`"use strict"; ${Ug(n,i)}`),a1(t,i),t.code(s)}):t.func(e,(0,N._)`${L.default.data}, ${o1(i)}`,r.$async,()=>t.code(Ug(n,i)).code(s))}function o1(t){return(0,N._)`{${L.default.instancePath}="", ${L.default.parentData}, ${L.default.parentDataProperty}, ${L.default.rootData}=${L.default.data}${t.dynamicRef?(0,N._)`, ${L.default.dynamicAnchors}={}`:N.nil}}={}`}function a1(t,e){t.if(L.default.valCxt,()=>{t.var(L.default.instancePath,(0,N._)`${L.default.valCxt}.${L.default.instancePath}`),t.var(L.default.parentData,(0,N._)`${L.default.valCxt}.${L.default.parentData}`),t.var(L.default.parentDataProperty,(0,N._)`${L.default.valCxt}.${L.default.parentDataProperty}`),t.var(L.default.rootData,(0,N._)`${L.default.valCxt}.${L.default.rootData}`),e.dynamicRef&&t.var(L.default.dynamicAnchors,(0,N._)`${L.default.valCxt}.${L.default.dynamicAnchors}`)},()=>{t.var(L.default.instancePath,(0,N._)`""`),t.var(L.default.parentData,(0,N._)`undefined`),t.var(L.default.parentDataProperty,(0,N._)`undefined`),t.var(L.default.rootData,L.default.data),e.dynamicRef&&t.var(L.default.dynamicAnchors,(0,N._)`{}`)})}function l1(t){let{schema:e,opts:n,gen:r}=t;Yg(t,()=>{n.$comment&&e.$comment&&ey(t),p1(t),r.let(L.default.vErrors,null),r.let(L.default.errors,0),n.unevaluated&&c1(t),Zg(t),g1(t)})}function c1(t){let{gen:e,validateName:n}=t;t.evaluated=e.const("evaluated",(0,N._)`${n}.evaluated`),e.if((0,N._)`${t.evaluated}.dynamicProps`,()=>e.assign((0,N._)`${t.evaluated}.props`,(0,N._)`undefined`)),e.if((0,N._)`${t.evaluated}.dynamicItems`,()=>e.assign((0,N._)`${t.evaluated}.items`,(0,N._)`undefined`))}function Ug(t,e){let n=typeof t=="object"&&t[e.schemaId];return n&&(e.code.source||e.code.process)?(0,N._)`/*# sourceURL=${n} */`:N.nil}function u1(t,e){if(Xg(t)&&(Qg(t),Jg(t))){d1(t,e);return}(0,Hg.boolOrEmptySchema)(t,e)}function Jg({schema:t,self:e}){if(typeof t=="boolean")return!t;for(let n in t)if(e.RULES.all[n])return!0;return!1}function Xg(t){return typeof t.schema!="boolean"}function d1(t,e){let{schema:n,gen:r,opts:i}=t;i.$comment&&n.$comment&&ey(t),m1(t),h1(t);let s=r.const("_errs",L.default.errors);Zg(t,s),r.var(e,(0,N._)`${s} === ${L.default.errors}`)}function Qg(t){(0,Yt.checkUnknownRules)(t),f1(t)}function Zg(t,e){if(t.opts.jtd)return Kg(t,[],!1,e);let n=(0,Bg.getSchemaTypes)(t.schema),r=(0,Bg.coerceAndCheckDataType)(t,n);Kg(t,n,!r,e)}function f1(t){let{schema:e,errSchemaPath:n,opts:r,self:i}=t;e.$ref&&r.ignoreKeywordsWithRef&&(0,Yt.schemaHasRulesButRef)(e,i.RULES)&&i.logger.warn(`$ref: keywords ignored in schema at path "${n}"`)}function p1(t){let{schema:e,opts:n}=t;e.default!==void 0&&n.useDefaults&&n.strictSchema&&(0,Yt.checkStrictMode)(t,"default is ignored in the schema root")}function m1(t){let e=t.schema[t.opts.schemaId];e&&(t.baseId=(0,i1.resolveUrl)(t.opts.uriResolver,t.baseId,e))}function h1(t){if(t.schema.$async&&!t.schemaEnv.$async)throw new Error("async schema in sync schema")}function ey({gen:t,schemaEnv:e,schema:n,errSchemaPath:r,opts:i}){let s=n.$comment;if(i.$comment===!0)t.code((0,N._)`${L.default.self}.logger.log(${s})`);else if(typeof i.$comment=="function"){let o=(0,N.str)`${r}/$comment`,a=t.scopeValue("root",{ref:e.root});t.code((0,N._)`${L.default.self}.opts.$comment(${s}, ${o}, ${a}.schema)`)}}function g1(t){let{gen:e,schemaEnv:n,validateName:r,ValidationError:i,opts:s}=t;n.$async?e.if((0,N._)`${L.default.errors} === 0`,()=>e.return(L.default.data),()=>e.throw((0,N._)`new ${i}(${L.default.vErrors})`)):(e.assign((0,N._)`${r}.errors`,L.default.vErrors),s.unevaluated&&y1(t),e.return((0,N._)`${L.default.errors} === 0`))}function y1({gen:t,evaluated:e,props:n,items:r}){n instanceof N.Name&&t.assign((0,N._)`${e}.props`,n),r instanceof N.Name&&t.assign((0,N._)`${e}.items`,r)}function Kg(t,e,n,r){let{gen:i,schema:s,data:o,allErrors:a,opts:l,self:c}=t,{RULES:u}=c;if(s.$ref&&(l.ignoreKeywordsWithRef||!(0,Yt.schemaHasRulesButRef)(s,u))){i.block(()=>ny(t,"$ref",u.all.$ref.definition));return}l.jtd||_1(t,e),i.block(()=>{for(let f of u.rules)d(f);d(u.post)});function d(f){(0,mu.shouldUseGroup)(s,f)&&(f.type?(i.if((0,$o.checkDataType)(f.type,o,l.strictNumbers)),zg(t,f),e.length===1&&e[0]===f.type&&n&&(i.else(),(0,$o.reportTypeError)(t)),i.endIf()):zg(t,f),a||i.if((0,N._)`${L.default.errors} === ${r||0}`))}}function zg(t,e){let{gen:n,schema:r,opts:{useDefaults:i}}=t;i&&(0,r1.assignDefaults)(t,e.type),n.block(()=>{for(let s of e.rules)(0,mu.shouldUseRule)(r,s)&&ny(t,s.keyword,s.definition,e.type)})}function _1(t,e){t.schemaEnv.meta||!t.opts.strictTypes||(b1(t,e),t.opts.allowUnionTypes||w1(t,e),v1(t,t.dataTypes))}function b1(t,e){if(e.length){if(!t.dataTypes.length){t.dataTypes=e;return}e.forEach(n=>{ty(t.dataTypes,n)||hu(t,`type "${n}" not allowed by context "${t.dataTypes.join(",")}"`)}),S1(t,e)}}function w1(t,e){e.length>1&&!(e.length===2&&e.includes("null"))&&hu(t,"use allowUnionTypes to allow union type keyword")}function v1(t,e){let n=t.self.RULES.all;for(let r in n){let i=n[r];if(typeof i=="object"&&(0,mu.shouldUseRule)(t.schema,i)){let{type:s}=i.definition;s.length&&!s.some(o=>k1(e,o))&&hu(t,`missing type "${s.join(",")}" for keyword "${r}"`)}}}function k1(t,e){return t.includes(e)||e==="number"&&t.includes("integer")}function ty(t,e){return t.includes(e)||e==="integer"&&t.includes("number")}function S1(t,e){let n=[];for(let r of t.dataTypes)ty(e,r)?n.push(r):e.includes("integer")&&r==="number"&&n.push("integer");t.dataTypes=n}function hu(t,e){let n=t.schemaEnv.baseId+t.errSchemaPath;e+=` at "${n}" (strictTypes)`,(0,Yt.checkStrictMode)(t,e,t.opts.strictTypes)}var Io=class{constructor(e,n,r){if((0,Pi.validateKeywordUsage)(e,n,r),this.gen=e.gen,this.allErrors=e.allErrors,this.keyword=r,this.data=e.data,this.schema=e.schema[r],this.$data=n.$data&&e.opts.$data&&this.schema&&this.schema.$data,this.schemaValue=(0,Yt.schemaRefOrVal)(e,this.schema,r,this.$data),this.schemaType=n.schemaType,this.parentSchema=e.schema,this.params={},this.it=e,this.def=n,this.$data)this.schemaCode=e.gen.const("vSchema",ry(this.$data,e));else if(this.schemaCode=this.schemaValue,!(0,Pi.validSchemaType)(this.schema,n.schemaType,n.allowUndefined))throw new Error(`${r} value must be ${JSON.stringify(n.schemaType)}`);("code"in n?n.trackErrors:n.errors!==!1)&&(this.errsCount=e.gen.const("_errs",L.default.errors))}result(e,n,r){this.failResult((0,N.not)(e),n,r)}failResult(e,n,r){this.gen.if(e),r?r():this.error(),n?(this.gen.else(),n(),this.allErrors&&this.gen.endIf()):this.allErrors?this.gen.endIf():this.gen.else()}pass(e,n){this.failResult((0,N.not)(e),void 0,n)}fail(e){if(e===void 0){this.error(),this.allErrors||this.gen.if(!1);return}this.gen.if(e),this.error(),this.allErrors?this.gen.endIf():this.gen.else()}fail$data(e){if(!this.$data)return this.fail(e);let{schemaCode:n}=this;this.fail((0,N._)`${n} !== undefined && (${(0,N.or)(this.invalid$data(),e)})`)}error(e,n,r){if(n){this.setParams(n),this._error(e,r),this.setParams({});return}this._error(e,r)}_error(e,n){(e?Ni.reportExtraError:Ni.reportError)(this,this.def.error,n)}$dataError(){(0,Ni.reportError)(this,this.def.$dataError||Ni.keyword$DataError)}reset(){if(this.errsCount===void 0)throw new Error('add "trackErrors" to keyword definition');(0,Ni.resetErrorsCount)(this.gen,this.errsCount)}ok(e){this.allErrors||this.gen.if(e)}setParams(e,n){n?Object.assign(this.params,e):this.params=e}block$data(e,n,r=N.nil){this.gen.block(()=>{this.check$data(e,r),n()})}check$data(e=N.nil,n=N.nil){if(!this.$data)return;let{gen:r,schemaCode:i,schemaType:s,def:o}=this;r.if((0,N.or)((0,N._)`${i} === undefined`,n)),e!==N.nil&&r.assign(e,!0),(s.length||o.validateSchema)&&(r.elseIf(this.invalid$data()),this.$dataError(),e!==N.nil&&r.assign(e,!1)),r.else()}invalid$data(){let{gen:e,schemaCode:n,schemaType:r,def:i,it:s}=this;return(0,N.or)(o(),a());function o(){if(r.length){if(!(n instanceof N.Name))throw new Error("ajv implementation error");let l=Array.isArray(r)?r:[r];return(0,N._)`${(0,$o.checkDataTypes)(l,n,s.opts.strictNumbers,$o.DataType.Wrong)}`}return N.nil}function a(){if(i.validateSchema){let l=e.scopeValue("validate$data",{ref:i.validateSchema});return(0,N._)`!${l}(${n})`}return N.nil}}subschema(e,n){let r=(0,pu.getSubschema)(this.it,e);(0,pu.extendSubschemaData)(r,this.it,e),(0,pu.extendSubschemaMode)(r,e);let i={...this.it,...r,items:void 0,props:void 0};return u1(i,n),i}mergeEvaluated(e,n){let{it:r,gen:i}=this;r.opts.unevaluated&&(r.props!==!0&&e.props!==void 0&&(r.props=Yt.mergeEvaluated.props(i,e.props,r.props,n)),r.items!==!0&&e.items!==void 0&&(r.items=Yt.mergeEvaluated.items(i,e.items,r.items,n)))}mergeValidEvaluated(e,n){let{it:r,gen:i}=this;if(r.opts.unevaluated&&(r.props!==!0||r.items!==!0))return i.if(n,()=>this.mergeEvaluated(e,N.Name)),!0}};cn.KeywordCxt=Io;function ny(t,e,n,r){let i=new Io(t,n,e);"code"in n?n.code(i,r):i.$data&&n.validate?(0,Pi.funcKeywordCode)(i,n):"macro"in n?(0,Pi.macroKeywordCode)(i,n):(n.compile||n.validate)&&(0,Pi.funcKeywordCode)(i,n)}var A1=/^\/(?:[^~]|~0|~1)*$/,T1=/^([0-9]+)(#|\/(?:[^~]|~0|~1)*)?$/;function ry(t,{dataLevel:e,dataNames:n,dataPathArr:r}){let i,s;if(t==="")return L.default.rootData;if(t[0]==="/"){if(!A1.test(t))throw new Error(`Invalid JSON-pointer: ${t}`);i=t,s=L.default.rootData}else{let c=T1.exec(t);if(!c)throw new Error(`Invalid JSON-pointer: ${t}`);let u=+c[1];if(i=c[2],i==="#"){if(u>=e)throw new Error(l("property/index",u));return r[e-u]}if(u>e)throw new Error(l("data",u));if(s=n[e-u],!i)return s}let o=s,a=i.split("/");for(let c of a)c&&(s=(0,N._)`${s}${(0,N.getProperty)((0,Yt.unescapeJsonPointer)(c))}`,o=(0,N._)`${o} && ${s}`);return o;function l(c,u){return`Cannot access ${c} ${u} levels up, current level is ${e}`}}cn.getData=ry});var Ro=y(yu=>{"use strict";Object.defineProperty(yu,"__esModule",{value:!0});var gu=class extends Error{constructor(e){super("validation failed"),this.errors=e,this.ajv=this.validation=!0}};yu.default=gu});var Li=y(wu=>{"use strict";Object.defineProperty(wu,"__esModule",{value:!0});var _u=Oi(),bu=class extends Error{constructor(e,n,r,i){super(i||`can't resolve reference ${r} from id ${n}`),this.missingRef=(0,_u.resolveUrl)(e,n,r),this.missingSchema=(0,_u.normalizeId)((0,_u.getFullPath)(e,this.missingRef))}};wu.default=bu});var No=y(dt=>{"use strict";Object.defineProperty(dt,"__esModule",{value:!0});dt.resolveSchema=dt.getCompilingSchema=dt.resolveRef=dt.compileSchema=dt.SchemaEnv=void 0;var bt=F(),C1=Ro(),Un=Ht(),wt=Oi(),iy=H(),E1=xi(),kr=class{constructor(e){var n;this.refs={},this.dynamicAnchors={};let r;typeof e.schema=="object"&&(r=e.schema),this.schema=e.schema,this.schemaId=e.schemaId,this.root=e.root||this,this.baseId=(n=e.baseId)!==null&&n!==void 0?n:(0,wt.normalizeId)(r?.[e.schemaId||"$id"]),this.schemaPath=e.schemaPath,this.localRefs=e.localRefs,this.meta=e.meta,this.$async=r?.$async,this.refs={}}};dt.SchemaEnv=kr;function ku(t){let e=sy.call(this,t);if(e)return e;let n=(0,wt.getFullPath)(this.opts.uriResolver,t.root.baseId),{es5:r,lines:i}=this.opts.code,{ownProperties:s}=this.opts,o=new bt.CodeGen(this.scope,{es5:r,lines:i,ownProperties:s}),a;t.$async&&(a=o.scopeValue("Error",{ref:C1.default,code:(0,bt._)`require("ajv/dist/runtime/validation_error").default`}));let l=o.scopeName("validate");t.validateName=l;let c={gen:o,allErrors:this.opts.allErrors,data:Un.default.data,parentData:Un.default.parentData,parentDataProperty:Un.default.parentDataProperty,dataNames:[Un.default.data],dataPathArr:[bt.nil],dataLevel:0,dataTypes:[],definedProperties:new Set,topSchemaRef:o.scopeValue("schema",this.opts.code.source===!0?{ref:t.schema,code:(0,bt.stringify)(t.schema)}:{ref:t.schema}),validateName:l,ValidationError:a,schema:t.schema,schemaEnv:t,rootId:n,baseId:t.baseId||n,schemaPath:bt.nil,errSchemaPath:t.schemaPath||(this.opts.jtd?"":"#"),errorPath:(0,bt._)`""`,opts:this.opts,self:this},u;try{this._compilations.add(t),(0,E1.validateFunctionCode)(c),o.optimize(this.opts.code.optimize);let d=o.toString();u=`${o.scopeRefs(Un.default.scope)}return ${d}`,this.opts.code.process&&(u=this.opts.code.process(u,t));let m=new Function(`${Un.default.self}`,`${Un.default.scope}`,u)(this,this.scope.get());if(this.scope.value(l,{ref:m}),m.errors=null,m.schema=t.schema,m.schemaEnv=t,t.$async&&(m.$async=!0),this.opts.code.source===!0&&(m.source={validateName:l,validateCode:d,scopeValues:o._values}),this.opts.unevaluated){let{props:h,items:p}=c;m.evaluated={props:h instanceof bt.Name?void 0:h,items:p instanceof bt.Name?void 0:p,dynamicProps:h instanceof bt.Name,dynamicItems:p instanceof bt.Name},m.source&&(m.source.evaluated=(0,bt.stringify)(m.evaluated))}return t.validate=m,t}catch(d){throw delete t.validate,delete t.validateName,u&&this.logger.error("Error compiling schema, function code:",u),d}finally{this._compilations.delete(t)}}dt.compileSchema=ku;function $1(t,e,n){var r;n=(0,wt.resolveUrl)(this.opts.uriResolver,e,n);let i=t.refs[n];if(i)return i;let s=O1.call(this,t,n);if(s===void 0){let o=(r=t.localRefs)===null||r===void 0?void 0:r[n],{schemaId:a}=this.opts;o&&(s=new kr({schema:o,schemaId:a,root:t,baseId:e}))}if(s!==void 0)return t.refs[n]=I1.call(this,s)}dt.resolveRef=$1;function I1(t){return(0,wt.inlineRef)(t.schema,this.opts.inlineRefs)?t.schema:t.validate?t:ku.call(this,t)}function sy(t){for(let e of this._compilations)if(R1(e,t))return e}dt.getCompilingSchema=sy;function R1(t,e){return t.schema===e.schema&&t.root===e.root&&t.baseId===e.baseId}function O1(t,e){let n;for(;typeof(n=this.refs[e])=="string";)e=n;return n||this.schemas[e]||Oo.call(this,t,e)}function Oo(t,e){let n=this.opts.uriResolver.parse(e),r=(0,wt._getFullPath)(this.opts.uriResolver,n),i=(0,wt.getFullPath)(this.opts.uriResolver,t.baseId,void 0);if(Object.keys(t.schema).length>0&&r===i)return vu.call(this,n,t);let s=(0,wt.normalizeId)(r),o=this.refs[s]||this.schemas[s];if(typeof o=="string"){let a=Oo.call(this,t,o);return typeof a?.schema!="object"?void 0:vu.call(this,n,a)}if(typeof o?.schema=="object"){if(o.validate||ku.call(this,o),s===(0,wt.normalizeId)(e)){let{schema:a}=o,{schemaId:l}=this.opts,c=a[l];return c&&(i=(0,wt.resolveUrl)(this.opts.uriResolver,i,c)),new kr({schema:a,schemaId:l,root:t,baseId:i})}return vu.call(this,n,o)}}dt.resolveSchema=Oo;var N1=new Set(["properties","patternProperties","enum","dependencies","definitions"]);function vu(t,{baseId:e,schema:n,root:r}){var i;if(((i=t.fragment)===null||i===void 0?void 0:i[0])!=="/")return;for(let a of t.fragment.slice(1).split("/")){if(typeof n=="boolean")return;let l=n[(0,iy.unescapeFragment)(a)];if(l===void 0)return;n=l;let c=typeof n=="object"&&n[this.opts.schemaId];!N1.has(a)&&c&&(e=(0,wt.resolveUrl)(this.opts.uriResolver,e,c))}let s;if(typeof n!="boolean"&&n.$ref&&!(0,iy.schemaHasRulesButRef)(n,this.RULES)){let a=(0,wt.resolveUrl)(this.opts.uriResolver,e,n.$ref);s=Oo.call(this,r,a)}let{schemaId:o}=this.opts;if(s=s||new kr({schema:n,schemaId:o,root:r,baseId:e}),s.schema!==s.root.schema)return s}});var oy=y((nF,P1)=>{P1.exports={$id:"https://raw.githubusercontent.com/ajv-validator/ajv/master/lib/refs/data.json#",description:"Meta-schema for $data reference (JSON AnySchema extension proposal)",type:"object",required:["$data"],properties:{$data:{type:"string",anyOf:[{format:"relative-json-pointer"},{format:"json-pointer"}]}},additionalProperties:!1}});var $u=y((rF,my)=>{"use strict";var x1=RegExp.prototype.test.bind(/^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/iu),Au=RegExp.prototype.test.bind(/^(?:(?:25[0-5]|2[0-4]\d|1\d{2}|[1-9]\d|\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d{2}|[1-9]\d|\d)$/u),L1=RegExp.prototype.test.bind(/^\d*$/u),Kn=RegExp.prototype.test.bind(/^[\da-f]{2}$/iu),Tu=RegExp.prototype.test.bind(/^[\da-z\-._~]$/iu),ly=RegExp.prototype.test.bind(/^[A-Za-z0-9\-._~!$&'()*+,;=:@/]$/u),Cu=RegExp.prototype.test.bind(/^[A-Za-z0-9\-._~!$&'()*+,;=:@/?]$/u),D1=RegExp.prototype.test.bind(/^[A-Za-z0-9\-._~!$&'()*+,;=:]$/u),ze=new Array(256);{let t="0123456789ABCDEF";for(let e=0;e<256;e++)ze[e]="%"+t[e>>4]+t[e&15]}function De(t){return t<2048?ze[192|t>>6]+ze[128|t&63]:t<65536?ze[224|t>>12]+ze[128|t>>6&63]+ze[128|t&63]:ze[240|t>>18]+ze[128|t>>12&63]+ze[128|t>>6&63]+ze[128|t&63]}function M1(t){let e="",n=0,r=0;for(r=0;r<t.length;r++)if(n=t[r].charCodeAt(0),n!==48){if(!(n>=48&&n<=57||n>=65&&n<=70||n>=97&&n<=102))return"";e+=t[r];break}for(r+=1;r<t.length;r++){if(n=t[r].charCodeAt(0),!(n>=48&&n<=57||n>=65&&n<=70||n>=97&&n<=102))return"";e+=t[r]}return e}var q1=RegExp.prototype.test.bind(/^[\dA-Fa-f]{1,4}$/),W1=RegExp.prototype.test.bind(/^[vV][\dA-Fa-f]+\.[A-Za-z\d\-._~!$&'()*+,;=:]+$/),G1=RegExp.prototype.test.bind(/^[A-Za-z\d\-._~]$/),F1=RegExp.prototype.test.bind(/[^!"$&'()*+,\-.;=_`a-z{}~]/u);function j1(t){if(t.length===0)return!1;for(let e=0;e<t.length;e++)if(!G1(t[e])){if(t[e]==="%"&&e+2<t.length&&Kn(t.slice(e+1,e+3))){e+=2;continue}return!1}return!0}function ay(t){let e=-1,n=0,r=-1,i=0;for(let a=0;a<t.length;a++)t[a]==="0"?(r===-1&&(r=a),i++,i>n&&(n=i,e=r)):(r=-1,i=0);if(n<2)return t.join(":");let s=t.slice(0,e).join(":"),o=t.slice(e+n).join(":");return s+"::"+o}function V1(t){let e=t.indexOf("::");if(e!==-1&&t.indexOf("::",e+1)!==-1)return;let n=e===-1?t.split(":"):t.slice(0,e).split(":"),r=e===-1?[]:t.slice(e+2).split(":");e!==-1&&(n.length===1&&n[0]===""&&(n.length=0),r.length===1&&r[0]===""&&(r.length=0));let i=n.concat(r),s=0;for(let a=0;a<i.length;a++){let l=i[a];if(l==="")return;if(l.indexOf(".")!==-1){if(a!==i.length-1||e!==-1&&r.length===0||!Au(l))return;s+=2;continue}if(!q1(l))return;i[a]=parseInt(l,16).toString(16),s++}if(e===-1)return s!==8?void 0:ay(i);if(s>=8)return;let o=i.slice(0,n.length);for(let a=s;a<8;a++)o.push("0");for(let a=n.length;a<i.length;a++)o.push(i[a]);return ay(o)}function Su(t){let e=t[0]==="["&&t[t.length-1]==="]";if((t[0]==="["||t[t.length-1]==="]")&&!e)return{host:t,isIPV6:!1,error:!0};let r=e?t.slice(1,-1):t;if(e&&W1(r))return r=r.toLowerCase(),{host:`[${r}]`,escapedHost:r,isIPV6:!1,isIPVFuture:!0};if(B1(r,":")<2)return{host:t,isIPV6:!1,error:e};let i="",s=r.indexOf("%");if(s!==-1){let a=r.slice(s,s+3).toLowerCase()==="%25"?3:1;if(i=r.slice(s+a),!j1(i))return{host:t,isIPV6:!1,error:!0};r=r.slice(0,s)}let o=V1(r);return o===void 0?{host:t,isIPV6:!1,error:!0}:{host:o+(i?"%"+i:""),escapedHost:o+(i?"%25"+i:""),isIPV6:!0}}function B1(t,e){let n=0;for(let r=0;r<t.length;r++)t[r]===e&&n++;return n}function cy(t){let e=t,n=[],r=-1,i=0;for(;i=e.length;){if(i===1){if(e===".")break;if(e==="/"){n.push("/");break}else{n.push(e);break}}else if(i===2){if(e[0]==="."){if(e[1]===".")break;if(e[1]==="/"){e=e.slice(2);continue}}else if(e[0]==="/"&&(e[1]==="."||e[1]==="/")){n.push("/");break}}else if(i===3&&e==="/.."){n.length!==0&&n.pop(),n.push("/");break}if(e[0]==="."){if(e[1]==="."){if(e[2]==="/"){e=e.slice(3);continue}}else if(e[1]==="/"){e=e.slice(2);continue}}else if(e[0]==="/"&&e[1]==="."){if(e[2]==="/"){e=e.slice(2);continue}else if(e[2]==="."&&e[3]==="/"){e=e.slice(3),n.length!==0&&n.pop();continue}}if((r=e.indexOf("/",1))===-1){n.push(e);break}else n.push(e.slice(0,r)),e=e.slice(r)}return n.join("")}function U1(t){if(t===""||t[0]==="/")return cy(t);let e=t.split("/"),n=e.length-1,r=[],i=!1;for(let s=0;s<=n;s++){let o=e[s];o==="."||o===".."?(o===".."&&(r.length!==0&&r[r.length-1]!==".."?r.pop():r.push("..")),i=s===n):r.push(o)}return i&&r[r.length-1]!==".."&&r.push(""),(r.length===0||r[0]===""||r[0].includes(":"))&&r.unshift("."),r.join("/")}var K1={"@":"%40","/":"%2F","?":"%3F","#":"%23",":":"%3A"},z1=/[@/?#:]/g,H1=/[@/?#]/g;function uy(t,e){let n=e?H1:z1;return n.lastIndex=0,t.replace(n,r=>K1[r])}function dy(t,e=!1){if(t.indexOf("%")===-1)return t;let n="";for(let r=0;r<t.length;r++){if(t[r]==="%"&&r+2<t.length){let i=t.slice(r+1,r+3);if(Kn(i)){let s=i.toUpperCase(),o=String.fromCharCode(parseInt(s,16));e&&Tu(o)?n+=o:n+="%"+s,r+=2;continue}}n+=t[r]}return n}function Y1(t){let e="";for(let n=0;n<t.length;n++){let r=t[n];if(r==="%"&&n+2<t.length){let i=t.slice(n+1,n+3);if(Kn(i)){let s=i.toUpperCase(),o=String.fromCharCode(parseInt(s,16));o!=="."&&Tu(o)?e+=o:e+="%"+s,n+=2;continue}}if(ly(r))e+=r;else{let i=t.charCodeAt(n);if(i<128)e+=py(i)?r:ze[i];else if(i<55296||i>57343)e+=De(i);else if(i<=56319&&n+1<t.length){let s=t.charCodeAt(n+1);s>=56320&&s<=57343?(e+=De(65536+(i-55296<<10)+(s-56320)),n++):e+=De(65533)}else e+=De(65533)}}return e}function J1(t,e=!1){let n="",r=e&&t[0]!=="/";for(let i=0;i<t.length;i++){let s=t[i];if(s==="%"&&i+2<t.length){let o=t.slice(i+1,i+3);if(Kn(o)){n+="%"+o.toUpperCase(),i+=2;continue}}if(s==="/"&&(r=!1),ly(s)&&(s!==":"||!r))n+=s;else{let o=t.charCodeAt(i);if(o<128)n+=ze[o];else if(o<55296||o>57343)n+=De(o);else if(o<=56319&&i+1<t.length){let a=t.charCodeAt(i+1);a>=56320&&a<=57343?(n+=De(65536+(o-55296<<10)+(a-56320)),i++):n+=De(65533)}else n+=De(65533)}}return n}function Eu(t,e){let n="";for(let r=0;r<t.length;r++){let i=t[r];if(i==="%"&&r+2<t.length){let s=t.slice(r+1,r+3);if(Kn(s)){n+="%"+s.toUpperCase(),r+=2;continue}}if(e(i))n+=i;else{let s=t.charCodeAt(r);if(s<128)n+=ze[s];else if(s<55296||s>57343)n+=De(s);else if(s<=56319&&r+1<t.length){let o=t.charCodeAt(r+1);o>=56320&&o<=57343?(n+=De(65536+(s-55296<<10)+(o-56320)),r++):n+=De(65533)}else n+=De(65533)}}return n}function fy(t){return Eu(t,D1)}function X1(t){return Eu(t,Cu)}function Q1(t){return Eu(t,Cu)}function py(t){return t>=48&&t<=57||t>=65&&t<=90||t>=97&&t<=122||t===42||t===43||t===45||t===46||t===47||t===64||t===95}function Z1(t){let e="";for(let n=0;n<t.length;n++){let r=t[n];if(r==="%"&&n+2<t.length){let i=t.slice(n+1,n+3);if(Kn(i)){let s=i.toUpperCase(),o=String.fromCharCode(parseInt(s,16));Tu(o)?e+=o:e+="%"+s,n+=2;continue}}if(Cu(r))e+=r;else{let i=t.charCodeAt(n);if(i<128)e+=py(i)?r:ze[i];else if(i<55296||i>57343)e+=De(i);else if(i<=56319&&n+1<t.length){let s=t.charCodeAt(n+1);s>=56320&&s<=57343?(e+=De(65536+(i-55296<<10)+(s-56320)),n++):e+=De(65533)}else e+=De(65533)}}return e}function eE(t){let e="";for(let n=0;n<t.length;n++){if(t[n]==="%"&&n+2<t.length){let r=t.slice(n+1,n+3);if(Kn(r)){e+="%"+r.toUpperCase(),n+=2;continue}}e+=escape(t[n])}return e}function tE(t){let e=[];if(t.userinfo!==void 0&&(e.push(fy(t.userinfo)),e.push("@")),t.host!==void 0){let n=t.host;if(!Au(n)){let r=Su(n);r.isIPV6!==!0&&r.isIPVFuture!==!0&&(n=dy(n,!0),r=Su(n)),r.isIPV6===!0||r.isIPVFuture===!0?n=`[${r.escapedHost}]`:n=uy(n,!1)}e.push(n)}if(typeof t.port=="number"||typeof t.port=="string"){let n=String(t.port);if(!L1(n))throw new TypeError("URI port is malformed.");e.push(":"),e.push(n)}return e.length?e.join(""):void 0}my.exports={nonSimpleDomain:F1,recomposeAuthority:tE,reescapeHostDelimiters:uy,normalizePercentEncoding:dy,normalizePathEncoding:Y1,serializePathEncoding:J1,normalizeQueryFragmentEncoding:Z1,encodeUserinfo:fy,encodeQuery:X1,encodeFragment:Q1,escapePreservingEscapes:eE,removeDotSegments:cy,removeDotSegmentsRelative:U1,isIPv4:Au,isUUID:x1,normalizeIPv6:Su,stringArrayToHexStripped:M1}});var by=y((iF,_y)=>{"use strict";var{isUUID:nE}=$u(),rE=/^([\da-z][\d\-a-z]{0,31}):((?:[\w!$'()*+,\-./:;=@]|%[\da-f]{2})+)$/iu,iE=["http","https","ws","wss","urn","urn:uuid"];function sE(t){return iE.indexOf(t)!==-1}function Iu(t){return t.secure===!0?!0:t.secure===!1?!1:t.scheme?t.scheme.length===3&&(t.scheme[0]==="w"||t.scheme[0]==="W")&&(t.scheme[1]==="s"||t.scheme[1]==="S")&&(t.scheme[2]==="s"||t.scheme[2]==="S"):!1}function hy(t){return t.host||(t.error=t.error||"HTTP URIs must have a host."),t}function gy(t){let e=String(t.scheme).toLowerCase()==="https";return(t.port===(e?443:80)||t.port==="")&&(t.port=void 0),t.path||(t.path="/"),t}function oE(t){return t.secure=Iu(t),t.resourceName=(t.path||"/")+(t.query?"?"+t.query:""),t.path=void 0,t.query=void 0,t}function aE(t){if((t.port===(Iu(t)?443:80)||t.port==="")&&(t.port=void 0),typeof t.secure=="boolean"&&(t.scheme=t.secure?"wss":"ws",t.secure=void 0),t.resourceName){let e=t.resourceName.indexOf("?"),n=e===-1?t.resourceName:t.resourceName.slice(0,e);t.path=n&&n!=="/"?n:void 0,t.query=e===-1?void 0:t.resourceName.slice(e+1),t.resourceName=void 0}return t.fragment=void 0,t}function lE(t,e){if(!t.path)return t.error="URN can not be parsed",t;let n=t.path.match(rE);if(n&&n[0]===t.path){let r=e.scheme||t.scheme||"urn";t.nid=n[1].toLowerCase(),t.nss=n[2];let i=`${r}:${e.nid||t.nid}`,s=Ru(i);t.path=void 0,s&&(t=s.parse(t,e))}else t.error=t.error||"URN can not be parsed.";return t}function cE(t,e){if(t.nid===void 0)throw new Error("URN without nid cannot be serialized");let n=e.scheme||t.scheme||"urn",r=t.nid.toLowerCase(),i=`${n}:${e.nid||r}`,s=Ru(i);s&&(t=s.serialize(t,e));let o=t,a=t.nss;return o.path=`${r||e.nid}:${a}`,e.skipEscape=!0,o}function uE(t,e){let n=t;return n.uuid=n.nss,n.nss=void 0,!e.tolerant&&(!n.uuid||!nE(n.uuid))&&(n.error=n.error||"UUID is not valid."),n}function dE(t){let e=t;return e.nss=(t.uuid||"").toLowerCase(),e}var yy={scheme:"http",domainHost:!0,parse:hy,serialize:gy},fE={scheme:"https",domainHost:yy.domainHost,parse:hy,serialize:gy},Po={scheme:"ws",domainHost:!0,parse:oE,serialize:aE},pE={scheme:"wss",domainHost:Po.domainHost,parse:Po.parse,serialize:Po.serialize},mE={scheme:"urn",parse:lE,serialize:cE,skipNormalize:!0},hE={scheme:"urn:uuid",parse:uE,serialize:dE,skipNormalize:!0},xo={http:yy,https:fE,ws:Po,wss:pE,urn:mE,"urn:uuid":hE};Object.setPrototypeOf(xo,null);function Ru(t){return t&&(xo[t]||xo[t.toLowerCase()])||void 0}_y.exports={wsIsSecure:Iu,SCHEMES:xo,isValidSchemeName:sE,getSchemeHandler:Ru}});var xy=y((sF,Wo)=>{"use strict";var{normalizeIPv6:Ay,removeDotSegments:Mi,removeDotSegmentsRelative:Ty,recomposeAuthority:gE,normalizePercentEncoding:Ou,normalizePathEncoding:yE,serializePathEncoding:wy,normalizeQueryFragmentEncoding:vy,encodeQuery:_E,encodeFragment:bE,reescapeHostDelimiters:wE,isIPv4:Cy,nonSimpleDomain:vE}=$u(),{SCHEMES:Ey,getSchemeHandler:Nu}=by(),$y=/^[A-Za-z][A-Za-z0-9+.-]*$/u,Iy="URI scheme is malformed.",Lo="URI host is malformed.",kE=/[\0-\x20"#/:<>?@[\\\]^`{|}\x7F]/u;function ky(t){let e=String(t);if(!$y.test(e))throw new TypeError(Iy);return e}function SE(t,e){return typeof t=="string"?t=NE(t,e):typeof t=="object"&&(t=Mo(zn(t,e),e)),t}function AE(t,e,n){let r=n?Object.assign({scheme:"null"},n):{scheme:"null"},{parsed:i,malformedAuthorityOrPort:s,malformedPercentEncoding:o,malformedSchemeSpecific:a,malformedHost:l,malformedScheme:c}=Do(t,r),{parsed:u,malformedAuthorityOrPort:d,malformedPercentEncoding:f,malformedSchemeSpecific:m,malformedHost:h,malformedScheme:p}=Do(e,r);if(s||d||o||f||a||m||l||h||c||p)throw new Error(i.error||u.error||"URI is malformed.");let g=Ry(i,u,r,!0),_=Nu(n&&n.scheme||g.scheme),b=g.host,k=b!==void 0&&b!==""&&(Cy(b)||Ay(b).isIPV6);if(Ny(g,n||{},_,k))throw new Error(Lo);Oy(g,n||{},_,k);let C=b&&b.indexOf("%")!==-1&&!new RegExp("\\P{ASCII}","u").test(b);if(g.error&&!C)throw new Error(g.error);return r.skipEscape=!0,zn(g,r)}function Ry(t,e,n,r){let i={};if(r||(t=Mo(zn(t,n),n),e=Mo(zn(e,n),n)),n=n||{},!n.tolerant&&e.scheme)i.scheme=e.scheme,i.userinfo=e.userinfo,i.host=e.host,i.port=e.port,i.path=Mi(e.path||""),i.query=e.query;else{if(e.userinfo!==void 0||e.host!==void 0||e.port!==void 0)i.userinfo=e.userinfo,i.host=e.host,i.port=e.port,i.path=Mi(e.path||""),i.query=e.query;else{if(!e.path)i.path=t.path,e.query!==void 0?i.query=e.query:i.query=t.query;else{if(e.path[0]==="/")i.path=Mi(e.path);else{let s=t.userinfo!==void 0||t.host!==void 0||t.port!==void 0;s&&!t.path?i.path="/"+e.path:t.path?i.path=t.path.slice(0,t.path.lastIndexOf("/")+1)+e.path:i.path=e.path,i.path=t.scheme===void 0&&!s&&i.path[0]!=="/"?Ty(i.path):Mi(i.path)}i.query=e.query}i.userinfo=t.userinfo,i.host=t.host,i.port=t.port}i.scheme=t.scheme}return i.fragment=e.fragment,i}function TE(t,e,n){let r=Sy(t,n),i=Sy(e,n);return r!==void 0&&i!==void 0&&r===i}function zn(t,e){let n={host:t.host,scheme:t.scheme,userinfo:t.userinfo,port:t.port,path:t.path,query:t.query,nid:t.nid,nss:t.nss,uuid:t.uuid,fragment:t.fragment,reference:t.reference,resourceName:t.resourceName,secure:t.secure,error:""},r=Object.assign({},e),i=[];n.scheme&&(n.scheme=ky(n.scheme));let s=Nu(r.scheme||n.scheme);s&&s.serialize&&s.serialize(n,r);let o=n.userinfo!==void 0||n.host!==void 0||n.port!==void 0,a=(n.scheme===void 0||r.reference==="suffix")&&!o,l=!r.skipEscape&&a;n.path!==void 0&&(r.skipEscape?n.path=Ou(n.path):n.path=wy(n.path,l)),r.reference!=="suffix"&&n.scheme&&(n.scheme=ky(n.scheme),i.push(n.scheme,":"));let c=gE(n);if(c!==void 0&&(r.reference!=="suffix"&&i.push("//"),i.push(c),n.path&&n.path[0]!=="/"&&i.push("/")),n.path!==void 0){let u=n.path;!r.absolutePath&&(!s||!s.absolutePath)&&(u=a&&u[0]!=="/"?Ty(u):Mi(u)),a&&(u=wy(u,!0)),c===void 0&&u[0]==="/"&&u[1]==="/"&&(u="/%2F"+u.slice(2)),i.push(u)}return n.query!==void 0&&i.push("?",_E(n.query)),n.fragment!==void 0&&i.push("#",bE(n.fragment)),i.join("")}var CE=/^(?:([^#/:?]+):)?(?:\/\/((?:([^#/?@]*)@)?(\[[^#/?\]]+\]|[^#/:?]*)(?::(\d*))?))?([^#?]*)(?:\?([^#]*))?(?:#((?:.|[\n\r])*))?/u,EE=/^(?:[^#/:?]+:)?\/\/([^/?#]*)/,$E=/^(?:[^#/:?]+:)?([/\\\t\n\r]*)/;function IE(t,e){if(e[2]!==void 0&&t.path&&t.path[0]!=="/")return'URI path must start with "/" when authority is present.';if(typeof t.port=="number"&&(t.port<0||t.port>65535))return"URI port is malformed."}function Di(t){if(t===void 0)return!1;let e=t.indexOf("%");for(;e!==-1;){if(e+2>=t.length||!/^[\da-f]{2}$/iu.test(t.slice(e+1,e+3)))return!0;e=t.indexOf("%",e+3)}return!1}function qo(t){return t[0]==="["&&t[t.length-1]==="]"}function RE(t){let e=t[4];return Di(t[3])||e!==void 0&&!qo(e)&&Di(e)||Di(t[6])||Di(t[7])||Di(t[8])}function Oy(t,e,n,r){if(Ny(t,e,n,r))return t.error=t.error||Lo,!0;if(!e.unicodeSupport&&(!n||!n.unicodeSupport)&&t.host&&!qo(t.host)&&(e.domainHost||n&&n.domainHost)&&r===!1&&vE(t.host)){let i;try{i=new URL("http://"+t.host)}catch(s){return t.error=t.error||"Host's domain name can not be converted to ASCII: "+s,!0}if(!OE(i))return t.error=t.error||Lo,!0;t.host=i.hostname}return!1}function Ny(t,e,n,r){return!!(t.host&&r===!1&&!qo(t.host)&&(e.domainHost||n&&n.domainHost)&&kE.test(t.host))}function OE(t){return t.username===""&&t.password===""&&t.port===""&&t.pathname==="/"&&t.search===""&&t.hash===""&&t.hostname!==""}function Do(t,e){let n=Object.assign({},e),r={scheme:void 0,userinfo:void 0,host:"",port:void 0,path:"",query:void 0,fragment:void 0},i=!1,s=!1,o=!1,a=!1,l=!1,c=!1,u=!1;n.reference==="suffix"&&(n.scheme?t=n.scheme+":"+t:t="//"+t);let d=t.match(EE);d!==null&&d[1].indexOf("\\")!==-1&&(r.error="URI authority must not contain a literal backslash.",i=!0);let f=t.match($E);if(f!==null){let h=f[1],p=h.replace(/[\t\n\r]/g,"");p.length>=2&&(p.slice(0,2)!=="//"?(r.error=r.error||"URI authority must not contain a literal backslash.",i=!0):h.length!==p.length&&(r.error=r.error||"URI authority introducer must not contain whitespace.",i=!0))}let m=t.match(CE);if(m){r.scheme=m[1],r.userinfo=m[3],r.host=m[4],r.port=parseInt(m[5],10),r.path=m[6]||"",r.query=m[7],r.fragment=m[8],r.scheme!==void 0&&($y.test(r.scheme)?r.scheme=r.scheme.toLowerCase():(r.error=r.error||Iy,c=!0)),s=RE(m),s&&(r.error=r.error||"URI contains malformed percent-encoding."),isNaN(r.port)&&(r.port=m[5]);let h=IE(r,m);if(h!==void 0&&(r.error=r.error||h,i=!0),r.host)if(Cy(r.host)===!1){let _=qo(r.host),b=r.host.indexOf("[")!==-1||r.host.indexOf("]")!==-1,k=Ay(r.host);u=k.isIPV6||k.isIPVFuture===!0,l=b&&(!_||k.error===!0),r.host=u?k.host:k.host.toLowerCase(),l&&(r.error=r.error||Lo,i=!0)}else u=!0;r.scheme===void 0&&r.userinfo===void 0&&r.host===void 0&&r.port===void 0&&r.query===void 0&&!r.path?r.reference="same-document":r.scheme===void 0?r.reference="relative":r.fragment===void 0?r.reference="absolute":r.reference="uri",n.reference&&n.reference!=="suffix"&&n.reference!==r.reference&&(r.error=r.error||"URI is not a "+n.reference+" reference.");let p=Nu(n.scheme||r.scheme);if(l||(a=Oy(r,n,p,u)),t.indexOf("%")!==-1&&r.host!==void 0&&!l){let g=u?r.host:Ou(r.host,!0);u||(g=Ou(g.toLowerCase())),r.host=u||n.scheme!=="null"?wE(g,u):g}(!p||p&&!p.skipNormalize)&&(r.path&&(r.path=yE(r.path)),r.query&&(r.query=vy(r.query)),r.fragment&&(r.fragment=vy(r.fragment))),p&&p.parse&&(p.parse(r,n),p===Ey.urn&&r.nid===void 0&&(o=!0))}else r.error=r.error||"URI can not be parsed.";return{parsed:r,malformedAuthorityOrPort:i,malformedPercentEncoding:s,malformedSchemeSpecific:o,malformedHost:a,malformedScheme:c}}function Mo(t,e){return Do(t,e).parsed}function NE(t,e){return Py(t,e).normalized}function Py(t,e){let{parsed:n,malformedAuthorityOrPort:r,malformedPercentEncoding:i,malformedSchemeSpecific:s,malformedHost:o,malformedScheme:a}=Do(t,e);return{normalized:r||i||s||o||a?t:zn(n,e),malformedAuthorityOrPort:r,malformedPercentEncoding:i,malformedSchemeSpecific:s,malformedHost:o,malformedScheme:a}}function Sy(t,e){if(typeof t!="string"&&typeof t!="object")return;let n;try{n=typeof t=="string"?t:zn(t,e)}catch{return}let{normalized:r,malformedAuthorityOrPort:i,malformedPercentEncoding:s,malformedSchemeSpecific:o,malformedHost:a,malformedScheme:l}=Py(n,e);return i||s||o||a||l?void 0:r}var Pu={SCHEMES:Ey,normalize:SE,resolve:AE,resolveComponent:Ry,equal:TE,serialize:zn,parse:Mo};Wo.exports=Pu;Wo.exports.default=Pu;Wo.exports.fastUri=Pu});var Dy=y(xu=>{"use strict";Object.defineProperty(xu,"__esModule",{value:!0});var Ly=xy();Ly.code='require("ajv/dist/runtime/uri").default';xu.default=Ly});var By=y(Ee=>{"use strict";Object.defineProperty(Ee,"__esModule",{value:!0});Ee.CodeGen=Ee.Name=Ee.nil=Ee.stringify=Ee.str=Ee._=Ee.KeywordCxt=void 0;var PE=xi();Object.defineProperty(Ee,"KeywordCxt",{enumerable:!0,get:function(){return PE.KeywordCxt}});var Sr=F();Object.defineProperty(Ee,"_",{enumerable:!0,get:function(){return Sr._}});Object.defineProperty(Ee,"str",{enumerable:!0,get:function(){return Sr.str}});Object.defineProperty(Ee,"stringify",{enumerable:!0,get:function(){return Sr.stringify}});Object.defineProperty(Ee,"nil",{enumerable:!0,get:function(){return Sr.nil}});Object.defineProperty(Ee,"Name",{enumerable:!0,get:function(){return Sr.Name}});Object.defineProperty(Ee,"CodeGen",{enumerable:!0,get:function(){return Sr.CodeGen}});var xE=Ro(),Fy=Li(),LE=ru(),qi=No(),DE=F(),Wi=Oi(),Go=Ri(),Du=H(),My=oy(),ME=Dy(),jy=(t,e)=>new RegExp(t,e);jy.code="new RegExp";var qE=["removeAdditional","useDefaults","coerceTypes"],WE=new Set(["validate","serialize","parse","wrapper","root","schema","keyword","pattern","formats","validate$data","func","obj","Error"]),GE={errorDataPath:"",format:"`validateFormats: false` can be used instead.",nullable:'"nullable" keyword is supported by default.',jsonPointers:"Deprecated jsPropertySyntax can be used instead.",extendRefs:"Deprecated ignoreKeywordsWithRef can be used instead.",missingRefs:"Pass empty schema with $id that should be ignored to ajv.addSchema.",processCode:"Use option `code: {process: (code, schemaEnv: object) => string}`",sourceCode:"Use option `code: {source: true}`",strictDefaults:"It is default now, see option `strict`.",strictKeywords:"It is default now, see option `strict`.",uniqueItems:'"uniqueItems" keyword is always validated.',unknownFormats:"Disable strict mode or pass `true` to `ajv.addFormat` (or `formats` option).",cache:"Map is used as cache, schema object as key.",serialize:"Map is used as cache, schema object as key.",ajvErrors:"It is default now."},FE={ignoreKeywordsWithRef:"",jsPropertySyntax:"",unicode:'"minLength"/"maxLength" account for unicode characters by default.'},qy=200;function jE(t){var e,n,r,i,s,o,a,l,c,u,d,f,m,h,p,g,_,b,k,C,A,I,P,T,R;let v=t.strict,ne=(e=t.code)===null||e===void 0?void 0:e.optimize,D=ne===!0||ne===void 0?1:ne||0,ee=(r=(n=t.code)===null||n===void 0?void 0:n.regExp)!==null&&r!==void 0?r:jy,w=(i=t.uriResolver)!==null&&i!==void 0?i:ME.default;return{strictSchema:(o=(s=t.strictSchema)!==null&&s!==void 0?s:v)!==null&&o!==void 0?o:!0,strictNumbers:(l=(a=t.strictNumbers)!==null&&a!==void 0?a:v)!==null&&l!==void 0?l:!0,strictTypes:(u=(c=t.strictTypes)!==null&&c!==void 0?c:v)!==null&&u!==void 0?u:"log",strictTuples:(f=(d=t.strictTuples)!==null&&d!==void 0?d:v)!==null&&f!==void 0?f:"log",strictRequired:(h=(m=t.strictRequired)!==null&&m!==void 0?m:v)!==null&&h!==void 0?h:!1,code:t.code?{...t.code,optimize:D,regExp:ee}:{optimize:D,regExp:ee},loopRequired:(p=t.loopRequired)!==null&&p!==void 0?p:qy,loopEnum:(g=t.loopEnum)!==null&&g!==void 0?g:qy,meta:(_=t.meta)!==null&&_!==void 0?_:!0,messages:(b=t.messages)!==null&&b!==void 0?b:!0,inlineRefs:(k=t.inlineRefs)!==null&&k!==void 0?k:!0,schemaId:(C=t.schemaId)!==null&&C!==void 0?C:"$id",addUsedSchema:(A=t.addUsedSchema)!==null&&A!==void 0?A:!0,validateSchema:(I=t.validateSchema)!==null&&I!==void 0?I:!0,validateFormats:(P=t.validateFormats)!==null&&P!==void 0?P:!0,unicodeRegExp:(T=t.unicodeRegExp)!==null&&T!==void 0?T:!0,int32range:(R=t.int32range)!==null&&R!==void 0?R:!0,uriResolver:w}}var Gi=class{constructor(e={}){this.schemas={},this.refs={},this.formats=Object.create(null),this._compilations=new Set,this._loading={},this._cache=new Map,e=this.opts={...e,...jE(e)};let{es5:n,lines:r}=this.opts.code;this.scope=new DE.ValueScope({scope:{},prefixes:WE,es5:n,lines:r}),this.logger=HE(e.logger);let i=e.validateFormats;e.validateFormats=!1,this.RULES=(0,LE.getRules)(),Wy.call(this,GE,e,"NOT SUPPORTED"),Wy.call(this,FE,e,"DEPRECATED","warn"),this._metaOpts=KE.call(this),e.formats&&BE.call(this),this._addVocabularies(),this._addDefaultMetaSchema(),e.keywords&&UE.call(this,e.keywords),typeof e.meta=="object"&&this.addMetaSchema(e.meta),VE.call(this),e.validateFormats=i}_addVocabularies(){this.addKeyword("$async")}_addDefaultMetaSchema(){let{$data:e,meta:n,schemaId:r}=this.opts,i=My;r==="id"&&(i={...My},i.id=i.$id,delete i.$id),n&&e&&this.addMetaSchema(i,i[r],!1)}defaultMeta(){let{meta:e,schemaId:n}=this.opts;return this.opts.defaultMeta=typeof e=="object"?e[n]||e:void 0}validate(e,n){let r;if(typeof e=="string"){if(r=this.getSchema(e),!r)throw new Error(`no schema with key or ref "${e}"`)}else r=this.compile(e);let i=r(n);return"$async"in r||(this.errors=r.errors),i}compile(e,n){let r=this._addSchema(e,n);return r.validate||this._compileSchemaEnv(r)}compileAsync(e,n){if(typeof this.opts.loadSchema!="function")throw new Error("options.loadSchema should be a function");let{loadSchema:r}=this.opts;return i.call(this,e,n);async function i(u,d){await s.call(this,u.$schema);let f=this._addSchema(u,d);return f.validate||o.call(this,f)}async function s(u){u&&!this.getSchema(u)&&await i.call(this,{$ref:u},!0)}async function o(u){try{return this._compileSchemaEnv(u)}catch(d){if(!(d instanceof Fy.default))throw d;return a.call(this,d),await l.call(this,d.missingSchema),o.call(this,u)}}function a({missingSchema:u,missingRef:d}){if(this.refs[u])throw new Error(`AnySchema ${u} is loaded but ${d} cannot be resolved`)}async function l(u){let d=await c.call(this,u);this.refs[u]||await s.call(this,d.$schema),this.refs[u]||this.addSchema(d,u,n)}async function c(u){let d=this._loading[u];if(d)return d;try{return await(this._loading[u]=r(u))}finally{delete this._loading[u]}}}addSchema(e,n,r,i=this.opts.validateSchema){if(Array.isArray(e)){for(let o of e)this.addSchema(o,void 0,r,i);return this}let s;if(typeof e=="object"){let{schemaId:o}=this.opts;if(s=e[o],s!==void 0&&typeof s!="string")throw new Error(`schema ${o} must be string`)}return n=(0,Wi.normalizeId)(n||s),this._checkUnique(n),this.schemas[n]=this._addSchema(e,r,n,i,!0),this}addMetaSchema(e,n,r=this.opts.validateSchema){return this.addSchema(e,n,!0,r),this}validateSchema(e,n){if(typeof e=="boolean")return!0;let r;if(r=e.$schema,r!==void 0&&typeof r!="string")throw new Error("$schema must be a string");if(r=r||this.opts.defaultMeta||this.defaultMeta(),!r)return this.logger.warn("meta-schema not available"),this.errors=null,!0;let i=this.validate(r,e);if(!i&&n){let s="schema is invalid: "+this.errorsText();if(this.opts.validateSchema==="log")this.logger.error(s);else throw new Error(s)}return i}getSchema(e){let n;for(;typeof(n=Gy.call(this,e))=="string";)e=n;if(n===void 0){let{schemaId:r}=this.opts,i=new qi.SchemaEnv({schema:{},schemaId:r});if(n=qi.resolveSchema.call(this,i,e),!n)return;this.refs[e]=n}return n.validate||this._compileSchemaEnv(n)}removeSchema(e){if(e instanceof RegExp)return this._removeAllSchemas(this.schemas,e),this._removeAllSchemas(this.refs,e),this;switch(typeof e){case"undefined":return this._removeAllSchemas(this.schemas),this._removeAllSchemas(this.refs),this._cache.clear(),this;case"string":{let n=Gy.call(this,e);return typeof n=="object"&&this._cache.delete(n.schema),delete this.schemas[e],delete this.refs[e],this}case"object":{let n=e;this._cache.delete(n);let r=e[this.opts.schemaId];return r&&(r=(0,Wi.normalizeId)(r),delete this.schemas[r],delete this.refs[r]),this}default:throw new Error("ajv.removeSchema: invalid parameter")}}addVocabulary(e){for(let n of e)this.addKeyword(n);return this}addKeyword(e,n){let r;if(typeof e=="string")r=e,typeof n=="object"&&(this.logger.warn("these parameters are deprecated, see docs for addKeyword"),n.keyword=r);else if(typeof e=="object"&&n===void 0){if(n=e,r=n.keyword,Array.isArray(r)&&!r.length)throw new Error("addKeywords: keyword must be string or non-empty array")}else throw new Error("invalid addKeywords parameters");if(JE.call(this,r,n),!n)return(0,Du.eachItem)(r,s=>Lu.call(this,s)),this;QE.call(this,n);let i={...n,type:(0,Go.getJSONTypes)(n.type),schemaType:(0,Go.getJSONTypes)(n.schemaType)};return(0,Du.eachItem)(r,i.type.length===0?s=>Lu.call(this,s,i):s=>i.type.forEach(o=>Lu.call(this,s,i,o))),this}getKeyword(e){let n=this.RULES.all[e];return typeof n=="object"?n.definition:!!n}removeKeyword(e){let{RULES:n}=this;delete n.keywords[e],delete n.all[e];for(let r of n.rules){let i=r.rules.findIndex(s=>s.keyword===e);i>=0&&r.rules.splice(i,1)}return this}addFormat(e,n){return typeof n=="string"&&(n=new RegExp(n)),this.formats[e]=n,this}errorsText(e=this.errors,{separator:n=", ",dataVar:r="data"}={}){return!e||e.length===0?"No errors":e.map(i=>`${r}${i.instancePath} ${i.message}`).reduce((i,s)=>i+n+s)}$dataMetaSchema(e,n){let r=this.RULES.all;e=JSON.parse(JSON.stringify(e));for(let i of n){let s=i.split("/").slice(1),o=e;for(let a of s)o=o[a];for(let a in r){let l=r[a];if(typeof l!="object")continue;let{$data:c}=l.definition,u=o[a];c&&u&&(o[a]=Vy(u))}}return e}_removeAllSchemas(e,n){for(let r in e){let i=e[r];(!n||n.test(r))&&(typeof i=="string"?delete e[r]:i&&!i.meta&&(this._cache.delete(i.schema),delete e[r]))}}_addSchema(e,n,r,i=this.opts.validateSchema,s=this.opts.addUsedSchema){let o,{schemaId:a}=this.opts;if(typeof e=="object")o=e[a];else{if(this.opts.jtd)throw new Error("schema must be object");if(typeof e!="boolean")throw new Error("schema must be object or boolean")}let l=this._cache.get(e);if(l!==void 0)return l;r=(0,Wi.normalizeId)(o||r);let c=Wi.getSchemaRefs.call(this,e,r);return l=new qi.SchemaEnv({schema:e,schemaId:a,meta:n,baseId:r,localRefs:c}),this._cache.set(l.schema,l),s&&!r.startsWith("#")&&(r&&this._checkUnique(r),this.refs[r]=l),i&&this.validateSchema(e,!0),l}_checkUnique(e){if(this.schemas[e]||this.refs[e])throw new Error(`schema with key or id "${e}" already exists`)}_compileSchemaEnv(e){if(e.meta?this._compileMetaSchema(e):qi.compileSchema.call(this,e),!e.validate)throw new Error("ajv implementation error");return e.validate}_compileMetaSchema(e){let n=this.opts;this.opts=this._metaOpts;try{qi.compileSchema.call(this,e)}finally{this.opts=n}}};Gi.ValidationError=xE.default;Gi.MissingRefError=Fy.default;Ee.default=Gi;function Wy(t,e,n,r="error"){for(let i in t){let s=i;s in e&&this.logger[r](`${n}: option ${i}. ${t[s]}`)}}function Gy(t){return t=(0,Wi.normalizeId)(t),this.schemas[t]||this.refs[t]}function VE(){let t=this.opts.schemas;if(t)if(Array.isArray(t))this.addSchema(t);else for(let e in t)this.addSchema(t[e],e)}function BE(){for(let t in this.opts.formats){let e=this.opts.formats[t];e&&this.addFormat(t,e)}}function UE(t){if(Array.isArray(t)){this.addVocabulary(t);return}this.logger.warn("keywords option as map is deprecated, pass array");for(let e in t){let n=t[e];n.keyword||(n.keyword=e),this.addKeyword(n)}}function KE(){let t={...this.opts};for(let e of qE)delete t[e];return t}var zE={log(){},warn(){},error(){}};function HE(t){if(t===!1)return zE;if(t===void 0)return console;if(t.log&&t.warn&&t.error)return t;throw new Error("logger must implement log, warn and error methods")}var YE=/^[a-z_$][a-z0-9_$:-]*$/i;function JE(t,e){let{RULES:n}=this;if((0,Du.eachItem)(t,r=>{if(n.keywords[r])throw new Error(`Keyword ${r} is already defined`);if(!YE.test(r))throw new Error(`Keyword ${r} has invalid name`)}),!!e&&e.$data&&!("code"in e||"validate"in e))throw new Error('$data keyword must have "code" or "validate" function')}function Lu(t,e,n){var r;let i=e?.post;if(n&&i)throw new Error('keyword with "post" flag cannot have "type"');let{RULES:s}=this,o=i?s.post:s.rules.find(({type:l})=>l===n);if(o||(o={type:n,rules:[]},s.rules.push(o)),s.keywords[t]=!0,!e)return;let a={keyword:t,definition:{...e,type:(0,Go.getJSONTypes)(e.type),schemaType:(0,Go.getJSONTypes)(e.schemaType)}};e.before?XE.call(this,o,a,e.before):o.rules.push(a),s.all[t]=a,(r=e.implements)===null||r===void 0||r.forEach(l=>this.addKeyword(l))}function XE(t,e,n){let r=t.rules.findIndex(i=>i.keyword===n);r>=0?t.rules.splice(r,0,e):(t.rules.push(e),this.logger.warn(`rule ${n} is not defined`))}function QE(t){let{metaSchema:e}=t;e!==void 0&&(t.$data&&this.opts.$data&&(e=Vy(e)),t.validateSchema=this.compile(e,!0))}var ZE={$ref:"https://raw.githubusercontent.com/ajv-validator/ajv/master/lib/refs/data.json#"};function Vy(t){return{anyOf:[t,ZE]}}});var Uy=y(Mu=>{"use strict";Object.defineProperty(Mu,"__esModule",{value:!0});var e$={keyword:"id",code(){throw new Error('NOT SUPPORTED: keyword "id", use "$id" for schema ID')}};Mu.default=e$});var Yy=y(Hn=>{"use strict";Object.defineProperty(Hn,"__esModule",{value:!0});Hn.callRef=Hn.getValidate=void 0;var t$=Li(),Ky=ut(),He=F(),Ar=Ht(),zy=No(),Fo=H(),n$={keyword:"$ref",schemaType:"string",code(t){let{gen:e,schema:n,it:r}=t,{baseId:i,schemaEnv:s,validateName:o,opts:a,self:l}=r,{root:c}=s;if((n==="#"||n==="#/")&&i===c.baseId)return d();let u=zy.resolveRef.call(l,c,i,n);if(u===void 0)throw new t$.default(r.opts.uriResolver,i,n);if(u instanceof zy.SchemaEnv)return f(u);return m(u);function d(){if(s===c)return jo(t,o,s,s.$async);let h=e.scopeValue("root",{ref:c});return jo(t,(0,He._)`${h}.validate`,c,c.$async)}function f(h){let p=Hy(t,h);jo(t,p,h,h.$async)}function m(h){let p=e.scopeValue("schema",a.code.source===!0?{ref:h,code:(0,He.stringify)(h)}:{ref:h}),g=e.name("valid"),_=t.subschema({schema:h,dataTypes:[],schemaPath:He.nil,topSchemaRef:p,errSchemaPath:n},g);t.mergeEvaluated(_),t.ok(g)}}};function Hy(t,e){let{gen:n}=t;return e.validate?n.scopeValue("validate",{ref:e.validate}):(0,He._)`${n.scopeValue("wrapper",{ref:e})}.validate`}Hn.getValidate=Hy;function jo(t,e,n,r){let{gen:i,it:s}=t,{allErrors:o,schemaEnv:a,opts:l}=s,c=l.passContext?Ar.default.this:He.nil;r?u():d();function u(){if(!a.$async)throw new Error("async schema referenced by sync schema");let h=i.let("valid");i.try(()=>{i.code((0,He._)`await ${(0,Ky.callValidateCode)(t,e,c)}`),m(e),o||i.assign(h,!0)},p=>{i.if((0,He._)`!(${p} instanceof ${s.ValidationError})`,()=>i.throw(p)),f(p),o||i.assign(h,!1)}),t.ok(h)}function d(){t.result((0,Ky.callValidateCode)(t,e,c),()=>m(e),()=>f(e))}function f(h){let p=(0,He._)`${h}.errors`;i.assign(Ar.default.vErrors,(0,He._)`${Ar.default.vErrors} === null ? ${p} : ${Ar.default.vErrors}.concat(${p})`),i.assign(Ar.default.errors,(0,He._)`${Ar.default.vErrors}.length`)}function m(h){var p;if(!s.opts.unevaluated)return;let g=(p=n?.validate)===null||p===void 0?void 0:p.evaluated;if(s.props!==!0)if(g&&!g.dynamicProps)g.props!==void 0&&(s.props=Fo.mergeEvaluated.props(i,g.props,s.props));else{let _=i.var("props",(0,He._)`${h}.evaluated.props`);s.props=Fo.mergeEvaluated.props(i,_,s.props,He.Name)}if(s.items!==!0)if(g&&!g.dynamicItems)g.items!==void 0&&(s.items=Fo.mergeEvaluated.items(i,g.items,s.items));else{let _=i.var("items",(0,He._)`${h}.evaluated.items`);s.items=Fo.mergeEvaluated.items(i,_,s.items,He.Name)}}}Hn.callRef=jo;Hn.default=n$});var Jy=y(qu=>{"use strict";Object.defineProperty(qu,"__esModule",{value:!0});var r$=Uy(),i$=Yy(),s$=["$schema","$id","$defs","$vocabulary",{keyword:"$comment"},"definitions",r$.default,i$.default];qu.default=s$});var Xy=y(Wu=>{"use strict";Object.defineProperty(Wu,"__esModule",{value:!0});var Vo=F(),un=Vo.operators,Bo={maximum:{okStr:"<=",ok:un.LTE,fail:un.GT},minimum:{okStr:">=",ok:un.GTE,fail:un.LT},exclusiveMaximum:{okStr:"<",ok:un.LT,fail:un.GTE},exclusiveMinimum:{okStr:">",ok:un.GT,fail:un.LTE}},o$={message:({keyword:t,schemaCode:e})=>(0,Vo.str)`must be ${Bo[t].okStr} ${e}`,params:({keyword:t,schemaCode:e})=>(0,Vo._)`{comparison: ${Bo[t].okStr}, limit: ${e}}`},a$={keyword:Object.keys(Bo),type:"number",schemaType:"number",$data:!0,error:o$,code(t){let{keyword:e,data:n,schemaCode:r}=t;t.fail$data((0,Vo._)`${n} ${Bo[e].fail} ${r} || isNaN(${n})`)}};Wu.default=a$});var Qy=y(Gu=>{"use strict";Object.defineProperty(Gu,"__esModule",{value:!0});var Fi=F(),l$={message:({schemaCode:t})=>(0,Fi.str)`must be multiple of ${t}`,params:({schemaCode:t})=>(0,Fi._)`{multipleOf: ${t}}`},c$={keyword:"multipleOf",type:"number",schemaType:"number",$data:!0,error:l$,code(t){let{gen:e,data:n,schemaCode:r,it:i}=t,s=i.opts.multipleOfPrecision,o=e.let("res"),a=s?(0,Fi._)`Math.abs(Math.round(${o}) - ${o}) > 1e-${s}`:(0,Fi._)`${o} !== parseInt(${o})`;t.fail$data((0,Fi._)`(${r} === 0 || (${o} = ${n}/${r}, ${a}))`)}};Gu.default=c$});var e_=y(Fu=>{"use strict";Object.defineProperty(Fu,"__esModule",{value:!0});function Zy(t){let e=t.length,n=0,r=0,i;for(;r<e;)n++,i=t.charCodeAt(r++),i>=55296&&i<=56319&&r<e&&(i=t.charCodeAt(r),(i&64512)===56320&&r++);return n}Fu.default=Zy;Zy.code='require("ajv/dist/runtime/ucs2length").default'});var t_=y(ju=>{"use strict";Object.defineProperty(ju,"__esModule",{value:!0});var Yn=F(),u$=H(),d$=e_(),f$={message({keyword:t,schemaCode:e}){let n=t==="maxLength"?"more":"fewer";return(0,Yn.str)`must NOT have ${n} than ${e} characters`},params:({schemaCode:t})=>(0,Yn._)`{limit: ${t}}`},p$={keyword:["maxLength","minLength"],type:"string",schemaType:"number",$data:!0,error:f$,code(t){let{keyword:e,data:n,schemaCode:r,it:i}=t,s=e==="maxLength"?Yn.operators.GT:Yn.operators.LT,o=i.opts.unicode===!1?(0,Yn._)`${n}.length`:(0,Yn._)`${(0,u$.useFunc)(t.gen,d$.default)}(${n})`;t.fail$data((0,Yn._)`${o} ${s} ${r}`)}};ju.default=p$});var n_=y(Vu=>{"use strict";Object.defineProperty(Vu,"__esModule",{value:!0});var m$=ut(),h$=H(),Tr=F(),g$={message:({schemaCode:t})=>(0,Tr.str)`must match pattern "${t}"`,params:({schemaCode:t})=>(0,Tr._)`{pattern: ${t}}`},y$={keyword:"pattern",type:"string",schemaType:"string",$data:!0,error:g$,code(t){let{gen:e,data:n,$data:r,schema:i,schemaCode:s,it:o}=t,a=o.opts.unicodeRegExp?"u":"";if(r){let{regExp:l}=o.opts.code,c=l.code==="new RegExp"?(0,Tr._)`new RegExp`:(0,h$.useFunc)(e,l),u=e.let("valid");e.try(()=>e.assign(u,(0,Tr._)`${c}(${s}, ${a}).test(${n})`),()=>e.assign(u,!1)),t.fail$data((0,Tr._)`!${u}`)}else{let l=(0,m$.usePattern)(t,i);t.fail$data((0,Tr._)`!${l}.test(${n})`)}}};Vu.default=y$});var r_=y(Bu=>{"use strict";Object.defineProperty(Bu,"__esModule",{value:!0});var ji=F(),_$={message({keyword:t,schemaCode:e}){let n=t==="maxProperties"?"more":"fewer";return(0,ji.str)`must NOT have ${n} than ${e} properties`},params:({schemaCode:t})=>(0,ji._)`{limit: ${t}}`},b$={keyword:["maxProperties","minProperties"],type:"object",schemaType:"number",$data:!0,error:_$,code(t){let{keyword:e,data:n,schemaCode:r}=t,i=e==="maxProperties"?ji.operators.GT:ji.operators.LT;t.fail$data((0,ji._)`Object.keys(${n}).length ${i} ${r}`)}};Bu.default=b$});var i_=y(Uu=>{"use strict";Object.defineProperty(Uu,"__esModule",{value:!0});var Vi=ut(),Bi=F(),w$=H(),v$={message:({params:{missingProperty:t}})=>(0,Bi.str)`must have required property '${t}'`,params:({params:{missingProperty:t}})=>(0,Bi._)`{missingProperty: ${t}}`},k$={keyword:"required",type:"object",schemaType:"array",$data:!0,error:v$,code(t){let{gen:e,schema:n,schemaCode:r,data:i,$data:s,it:o}=t,{opts:a}=o;if(!s&&n.length===0)return;let l=n.length>=a.loopRequired;if(o.allErrors?c():u(),a.strictRequired){let m=t.parentSchema.properties,{definedProperties:h}=t.it;for(let p of n)if(m?.[p]===void 0&&!h.has(p)){let g=o.schemaEnv.baseId+o.errSchemaPath,_=`required property "${p}" is not defined at "${g}" (strictRequired)`;(0,w$.checkStrictMode)(o,_,o.opts.strictRequired)}}function c(){if(l||s)t.block$data(Bi.nil,d);else for(let m of n)(0,Vi.checkReportMissingProp)(t,m)}function u(){let m=e.let("missing");if(l||s){let h=e.let("valid",!0);t.block$data(h,()=>f(m,h)),t.ok(h)}else e.if((0,Vi.checkMissingProp)(t,n,m)),(0,Vi.reportMissingProp)(t,m),e.else()}function d(){e.forOf("prop",r,m=>{t.setParams({missingProperty:m}),e.if((0,Vi.noPropertyInData)(e,i,m,a.ownProperties),()=>t.error())})}function f(m,h){t.setParams({missingProperty:m}),e.forOf(m,r,()=>{e.assign(h,(0,Vi.propertyInData)(e,i,m,a.ownProperties)),e.if((0,Bi.not)(h),()=>{t.error(),e.break()})},Bi.nil)}}};Uu.default=k$});var s_=y(Ku=>{"use strict";Object.defineProperty(Ku,"__esModule",{value:!0});var Ui=F(),S$={message({keyword:t,schemaCode:e}){let n=t==="maxItems"?"more":"fewer";return(0,Ui.str)`must NOT have ${n} than ${e} items`},params:({schemaCode:t})=>(0,Ui._)`{limit: ${t}}`},A$={keyword:["maxItems","minItems"],type:"array",schemaType:"number",$data:!0,error:S$,code(t){let{keyword:e,data:n,schemaCode:r}=t,i=e==="maxItems"?Ui.operators.GT:Ui.operators.LT;t.fail$data((0,Ui._)`${n}.length ${i} ${r}`)}};Ku.default=A$});var Uo=y(zu=>{"use strict";Object.defineProperty(zu,"__esModule",{value:!0});var o_=du();o_.code='require("ajv/dist/runtime/equal").default';zu.default=o_});var a_=y(Yu=>{"use strict";Object.defineProperty(Yu,"__esModule",{value:!0});var Hu=Ri(),$e=F(),T$=H(),C$=Uo(),E$={message:({params:{i:t,j:e}})=>(0,$e.str)`must NOT have duplicate items (items ## ${e} and ${t} are identical)`,params:({params:{i:t,j:e}})=>(0,$e._)`{i: ${t}, j: ${e}}`},$$={keyword:"uniqueItems",type:"array",schemaType:"boolean",$data:!0,error:E$,code(t){let{gen:e,data:n,$data:r,schema:i,parentSchema:s,schemaCode:o,it:a}=t;if(!r&&!i)return;let l=e.let("valid"),c=s.items?(0,Hu.getSchemaTypes)(s.items):[];t.block$data(l,u,(0,$e._)`${o} === false`),t.ok(l);function u(){let h=e.let("i",(0,$e._)`${n}.length`),p=e.let("j");t.setParams({i:h,j:p}),e.assign(l,!0),e.if((0,$e._)`${h} > 1`,()=>(d()?f:m)(h,p))}function d(){return c.length>0&&!c.some(h=>h==="object"||h==="array")}function f(h,p){let g=e.name("item"),_=(0,Hu.checkDataTypes)(c,g,a.opts.strictNumbers,Hu.DataType.Wrong),b=e.const("indices",(0,$e._)`{}`);e.for((0,$e._)`;${h}--;`,()=>{e.let(g,(0,$e._)`${n}[${h}]`),e.if(_,(0,$e._)`continue`),c.length>1&&e.if((0,$e._)`typeof ${g} == "string"`,(0,$e._)`${g} += "_"`),e.if((0,$e._)`typeof ${b}[${g}] == "number"`,()=>{e.assign(p,(0,$e._)`${b}[${g}]`),t.error(),e.assign(l,!1).break()}).code((0,$e._)`${b}[${g}] = ${h}`)})}function m(h,p){let g=(0,T$.useFunc)(e,C$.default),_=e.name("outer");e.label(_).for((0,$e._)`;${h}--;`,()=>e.for((0,$e._)`${p} = ${h}; ${p}--;`,()=>e.if((0,$e._)`${g}(${n}[${h}], ${n}[${p}])`,()=>{t.error(),e.assign(l,!1).break(_)})))}}};Yu.default=$$});var l_=y(Xu=>{"use strict";Object.defineProperty(Xu,"__esModule",{value:!0});var Ju=F(),I$=H(),R$=Uo(),O$={message:"must be equal to constant",params:({schemaCode:t})=>(0,Ju._)`{allowedValue: ${t}}`},N$={keyword:"const",$data:!0,error:O$,code(t){let{gen:e,data:n,$data:r,schemaCode:i,schema:s}=t;r||s&&typeof s=="object"?t.fail$data((0,Ju._)`!${(0,I$.useFunc)(e,R$.default)}(${n}, ${i})`):t.fail((0,Ju._)`${s} !== ${n}`)}};Xu.default=N$});var c_=y(Qu=>{"use strict";Object.defineProperty(Qu,"__esModule",{value:!0});var Ki=F(),P$=H(),x$=Uo(),L$={message:"must be equal to one of the allowed values",params:({schemaCode:t})=>(0,Ki._)`{allowedValues: ${t}}`},D$={keyword:"enum",schemaType:"array",$data:!0,error:L$,code(t){let{gen:e,data:n,$data:r,schema:i,schemaCode:s,it:o}=t;if(!r&&i.length===0)throw new Error("enum must have non-empty array");let a=i.length>=o.opts.loopEnum,l,c=()=>l??(l=(0,P$.useFunc)(e,x$.default)),u;if(a||r)u=e.let("valid"),t.block$data(u,d);else{if(!Array.isArray(i))throw new Error("ajv implementation error");let m=e.const("vSchema",s);u=(0,Ki.or)(...i.map((h,p)=>f(m,p)))}t.pass(u);function d(){e.assign(u,!1),e.forOf("v",s,m=>e.if((0,Ki._)`${c()}(${n}, ${m})`,()=>e.assign(u,!0).break()))}function f(m,h){let p=i[h];return typeof p=="object"&&p!==null?(0,Ki._)`${c()}(${n}, ${m}[${h}])`:(0,Ki._)`${n} === ${p}`}}};Qu.default=D$});var u_=y(Zu=>{"use strict";Object.defineProperty(Zu,"__esModule",{value:!0});var M$=Xy(),q$=Qy(),W$=t_(),G$=n_(),F$=r_(),j$=i_(),V$=s_(),B$=a_(),U$=l_(),K$=c_(),z$=[M$.default,q$.default,W$.default,G$.default,F$.default,j$.default,V$.default,B$.default,{keyword:"type",schemaType:["string","array"]},{keyword:"nullable",schemaType:"boolean"},U$.default,K$.default];Zu.default=z$});var td=y(zi=>{"use strict";Object.defineProperty(zi,"__esModule",{value:!0});zi.validateAdditionalItems=void 0;var Jn=F(),ed=H(),H$={message:({params:{len:t}})=>(0,Jn.str)`must NOT have more than ${t} items`,params:({params:{len:t}})=>(0,Jn._)`{limit: ${t}}`},Y$={keyword:"additionalItems",type:"array",schemaType:["boolean","object"],before:"uniqueItems",error:H$,code(t){let{parentSchema:e,it:n}=t,{items:r}=e;if(!Array.isArray(r)){(0,ed.checkStrictMode)(n,'"additionalItems" is ignored when "items" is not an array of schemas');return}d_(t,r)}};function d_(t,e){let{gen:n,schema:r,data:i,keyword:s,it:o}=t;o.items=!0;let a=n.const("len",(0,Jn._)`${i}.length`);if(r===!1)t.setParams({len:e.length}),t.pass((0,Jn._)`${a} <= ${e.length}`);else if(typeof r=="object"&&!(0,ed.alwaysValidSchema)(o,r)){let c=n.var("valid",(0,Jn._)`${a} <= ${e.length}`);n.if((0,Jn.not)(c),()=>l(c)),t.ok(c)}function l(c){n.forRange("i",e.length,a,u=>{t.subschema({keyword:s,dataProp:u,dataPropType:ed.Type.Num},c),o.allErrors||n.if((0,Jn.not)(c),()=>n.break())})}}zi.validateAdditionalItems=d_;zi.default=Y$});var nd=y(Hi=>{"use strict";Object.defineProperty(Hi,"__esModule",{value:!0});Hi.validateTuple=void 0;var f_=F(),Ko=H(),J$=ut(),X$={keyword:"items",type:"array",schemaType:["object","array","boolean"],before:"uniqueItems",code(t){let{schema:e,it:n}=t;if(Array.isArray(e))return p_(t,"additionalItems",e);n.items=!0,!(0,Ko.alwaysValidSchema)(n,e)&&t.ok((0,J$.validateArray)(t))}};function p_(t,e,n=t.schema){let{gen:r,parentSchema:i,data:s,keyword:o,it:a}=t;u(i),a.opts.unevaluated&&n.length&&a.items!==!0&&(a.items=Ko.mergeEvaluated.items(r,n.length,a.items));let l=r.name("valid"),c=r.const("len",(0,f_._)`${s}.length`);n.forEach((d,f)=>{(0,Ko.alwaysValidSchema)(a,d)||(r.if((0,f_._)`${c} > ${f}`,()=>t.subschema({keyword:o,schemaProp:f,dataProp:f},l)),t.ok(l))});function u(d){let{opts:f,errSchemaPath:m}=a,h=n.length,p=h===d.minItems&&(h===d.maxItems||d[e]===!1);if(f.strictTuples&&!p){let g=`"${o}" is ${h}-tuple, but minItems or maxItems/${e} are not specified or different at path "${m}"`;(0,Ko.checkStrictMode)(a,g,f.strictTuples)}}}Hi.validateTuple=p_;Hi.default=X$});var m_=y(rd=>{"use strict";Object.defineProperty(rd,"__esModule",{value:!0});var Q$=nd(),Z$={keyword:"prefixItems",type:"array",schemaType:["array"],before:"uniqueItems",code:t=>(0,Q$.validateTuple)(t,"items")};rd.default=Z$});var g_=y(id=>{"use strict";Object.defineProperty(id,"__esModule",{value:!0});var h_=F(),eI=H(),tI=ut(),nI=td(),rI={message:({params:{len:t}})=>(0,h_.str)`must NOT have more than ${t} items`,params:({params:{len:t}})=>(0,h_._)`{limit: ${t}}`},iI={keyword:"items",type:"array",schemaType:["object","boolean"],before:"uniqueItems",error:rI,code(t){let{schema:e,parentSchema:n,it:r}=t,{prefixItems:i}=n;r.items=!0,!(0,eI.alwaysValidSchema)(r,e)&&(i?(0,nI.validateAdditionalItems)(t,i):t.ok((0,tI.validateArray)(t)))}};id.default=iI});var y_=y(sd=>{"use strict";Object.defineProperty(sd,"__esModule",{value:!0});var ft=F(),zo=H(),sI={message:({params:{min:t,max:e}})=>e===void 0?(0,ft.str)`must contain at least ${t} valid item(s)`:(0,ft.str)`must contain at least ${t} and no more than ${e} valid item(s)`,params:({params:{min:t,max:e}})=>e===void 0?(0,ft._)`{minContains: ${t}}`:(0,ft._)`{minContains: ${t}, maxContains: ${e}}`},oI={keyword:"contains",type:"array",schemaType:["object","boolean"],before:"uniqueItems",trackErrors:!0,error:sI,code(t){let{gen:e,schema:n,parentSchema:r,data:i,it:s}=t,o,a,{minContains:l,maxContains:c}=r;s.opts.next?(o=l===void 0?1:l,a=c):o=1;let u=e.const("len",(0,ft._)`${i}.length`);if(t.setParams({min:o,max:a}),a===void 0&&o===0){(0,zo.checkStrictMode)(s,'"minContains" == 0 without "maxContains": "contains" keyword ignored');return}if(a!==void 0&&o>a){(0,zo.checkStrictMode)(s,'"minContains" > "maxContains" is always invalid'),t.fail();return}if((0,zo.alwaysValidSchema)(s,n)){let p=(0,ft._)`${u} >= ${o}`;a!==void 0&&(p=(0,ft._)`${p} && ${u} <= ${a}`),t.pass(p);return}s.items=!0;let d=e.name("valid");a===void 0&&o===1?m(d,()=>e.if(d,()=>e.break())):o===0?(e.let(d,!0),a!==void 0&&e.if((0,ft._)`${i}.length > 0`,f)):(e.let(d,!1),f()),t.result(d,()=>t.reset());function f(){let p=e.name("_valid"),g=e.let("count",0);m(p,()=>e.if(p,()=>h(g)))}function m(p,g){e.forRange("i",0,u,_=>{t.subschema({keyword:"contains",dataProp:_,dataPropType:zo.Type.Num,compositeRule:!0},p),g()})}function h(p){e.code((0,ft._)`${p}++`),a===void 0?e.if((0,ft._)`${p} >= ${o}`,()=>e.assign(d,!0).break()):(e.if((0,ft._)`${p} > ${a}`,()=>e.assign(d,!1).break()),o===1?e.assign(d,!0):e.if((0,ft._)`${p} >= ${o}`,()=>e.assign(d,!0)))}}};sd.default=oI});var w_=y(Nt=>{"use strict";Object.defineProperty(Nt,"__esModule",{value:!0});Nt.validateSchemaDeps=Nt.validatePropertyDeps=Nt.error=void 0;var od=F(),aI=H(),Yi=ut();Nt.error={message:({params:{property:t,depsCount:e,deps:n}})=>{let r=e===1?"property":"properties";return(0,od.str)`must have ${r} ${n} when property ${t} is present`},params:({params:{property:t,depsCount:e,deps:n,missingProperty:r}})=>(0,od._)`{property: ${t},
    missingProperty: ${r},
    depsCount: ${e},
    deps: ${n}}`};var lI={keyword:"dependencies",type:"object",schemaType:"object",error:Nt.error,code(t){let[e,n]=cI(t);__(t,e),b_(t,n)}};function cI({schema:t}){let e={},n={};for(let r in t){if(r==="__proto__")continue;let i=Array.isArray(t[r])?e:n;i[r]=t[r]}return[e,n]}function __(t,e=t.schema){let{gen:n,data:r,it:i}=t;if(Object.keys(e).length===0)return;let s=n.let("missing");for(let o in e){let a=e[o];if(a.length===0)continue;let l=(0,Yi.propertyInData)(n,r,o,i.opts.ownProperties);t.setParams({property:o,depsCount:a.length,deps:a.join(", ")}),i.allErrors?n.if(l,()=>{for(let c of a)(0,Yi.checkReportMissingProp)(t,c)}):(n.if((0,od._)`${l} && (${(0,Yi.checkMissingProp)(t,a,s)})`),(0,Yi.reportMissingProp)(t,s),n.else())}}Nt.validatePropertyDeps=__;function b_(t,e=t.schema){let{gen:n,data:r,keyword:i,it:s}=t,o=n.name("valid");for(let a in e)(0,aI.alwaysValidSchema)(s,e[a])||(n.if((0,Yi.propertyInData)(n,r,a,s.opts.ownProperties),()=>{let l=t.subschema({keyword:i,schemaProp:a},o);t.mergeValidEvaluated(l,o)},()=>n.var(o,!0)),t.ok(o))}Nt.validateSchemaDeps=b_;Nt.default=lI});var k_=y(ad=>{"use strict";Object.defineProperty(ad,"__esModule",{value:!0});var v_=F(),uI=H(),dI={message:"property name must be valid",params:({params:t})=>(0,v_._)`{propertyName: ${t.propertyName}}`},fI={keyword:"propertyNames",type:"object",schemaType:["object","boolean"],error:dI,code(t){let{gen:e,schema:n,data:r,it:i}=t;if((0,uI.alwaysValidSchema)(i,n))return;let s=e.name("valid");e.forIn("key",r,o=>{t.setParams({propertyName:o}),t.subschema({keyword:"propertyNames",data:o,dataTypes:["string"],propertyName:o,compositeRule:!0},s),e.if((0,v_.not)(s),()=>{t.error(!0),i.allErrors||e.break()})}),t.ok(s)}};ad.default=fI});var cd=y(ld=>{"use strict";Object.defineProperty(ld,"__esModule",{value:!0});var Ho=ut(),vt=F(),pI=Ht(),Yo=H(),mI={message:"must NOT have additional properties",params:({params:t})=>(0,vt._)`{additionalProperty: ${t.additionalProperty}}`},hI={keyword:"additionalProperties",type:["object"],schemaType:["boolean","object"],allowUndefined:!0,trackErrors:!0,error:mI,code(t){let{gen:e,schema:n,parentSchema:r,data:i,errsCount:s,it:o}=t;if(!s)throw new Error("ajv implementation error");let{allErrors:a,opts:l}=o;if(o.props=!0,l.removeAdditional!=="all"&&(0,Yo.alwaysValidSchema)(o,n))return;let c=(0,Ho.allSchemaProperties)(r.properties),u=(0,Ho.allSchemaProperties)(r.patternProperties);d(),t.ok((0,vt._)`${s} === ${pI.default.errors}`);function d(){e.forIn("key",i,g=>{!c.length&&!u.length?h(g):e.if(f(g),()=>h(g))})}function f(g){let _;if(c.length>8){let b=(0,Yo.schemaRefOrVal)(o,r.properties,"properties");_=(0,Ho.isOwnProperty)(e,b,g)}else c.length?_=(0,vt.or)(...c.map(b=>(0,vt._)`${g} === ${b}`)):_=vt.nil;return u.length&&(_=(0,vt.or)(_,...u.map(b=>(0,vt._)`${(0,Ho.usePattern)(t,b)}.test(${g})`))),(0,vt.not)(_)}function m(g){e.code((0,vt._)`delete ${i}[${g}]`)}function h(g){if(l.removeAdditional==="all"||l.removeAdditional&&n===!1){m(g);return}if(n===!1){t.setParams({additionalProperty:g}),t.error(),a||e.break();return}if(typeof n=="object"&&!(0,Yo.alwaysValidSchema)(o,n)){let _=e.name("valid");l.removeAdditional==="failing"?(p(g,_,!1),e.if((0,vt.not)(_),()=>{t.reset(),m(g)})):(p(g,_),a||e.if((0,vt.not)(_),()=>e.break()))}}function p(g,_,b){let k={keyword:"additionalProperties",dataProp:g,dataPropType:Yo.Type.Str};b===!1&&Object.assign(k,{compositeRule:!0,createErrors:!1,allErrors:!1}),t.subschema(k,_)}}};ld.default=hI});var T_=y(dd=>{"use strict";Object.defineProperty(dd,"__esModule",{value:!0});var gI=xi(),S_=ut(),ud=H(),A_=cd(),yI={keyword:"properties",type:"object",schemaType:"object",code(t){let{gen:e,schema:n,parentSchema:r,data:i,it:s}=t;s.opts.removeAdditional==="all"&&r.additionalProperties===void 0&&A_.default.code(new gI.KeywordCxt(s,A_.default,"additionalProperties"));let o=(0,S_.allSchemaProperties)(n);for(let d of o)s.definedProperties.add(d);s.opts.unevaluated&&o.length&&s.props!==!0&&(s.props=ud.mergeEvaluated.props(e,(0,ud.toHash)(o),s.props));let a=o.filter(d=>!(0,ud.alwaysValidSchema)(s,n[d]));if(a.length===0)return;let l=e.name("valid");for(let d of a)c(d)?u(d):(e.if((0,S_.propertyInData)(e,i,d,s.opts.ownProperties)),u(d),s.allErrors||e.else().var(l,!0),e.endIf()),t.it.definedProperties.add(d),t.ok(l);function c(d){return s.opts.useDefaults&&!s.compositeRule&&n[d].default!==void 0}function u(d){t.subschema({keyword:"properties",schemaProp:d,dataProp:d},l)}}};dd.default=yI});var I_=y(fd=>{"use strict";Object.defineProperty(fd,"__esModule",{value:!0});var C_=ut(),Jo=F(),E_=H(),$_=H(),_I={keyword:"patternProperties",type:"object",schemaType:"object",code(t){let{gen:e,schema:n,data:r,parentSchema:i,it:s}=t,{opts:o}=s,a=(0,C_.allSchemaProperties)(n),l=a.filter(p=>(0,E_.alwaysValidSchema)(s,n[p]));if(a.length===0||l.length===a.length&&(!s.opts.unevaluated||s.props===!0))return;let c=o.strictSchema&&!o.allowMatchingProperties&&i.properties,u=e.name("valid");s.props!==!0&&!(s.props instanceof Jo.Name)&&(s.props=(0,$_.evaluatedPropsToName)(e,s.props));let{props:d}=s;f();function f(){for(let p of a)c&&m(p),s.allErrors?h(p):(e.var(u,!0),h(p),e.if(u))}function m(p){for(let g in c)new RegExp(p).test(g)&&(0,E_.checkStrictMode)(s,`property ${g} matches pattern ${p} (use allowMatchingProperties)`)}function h(p){e.forIn("key",r,g=>{e.if((0,Jo._)`${(0,C_.usePattern)(t,p)}.test(${g})`,()=>{let _=l.includes(p);_||t.subschema({keyword:"patternProperties",schemaProp:p,dataProp:g,dataPropType:$_.Type.Str},u),s.opts.unevaluated&&d!==!0?e.assign((0,Jo._)`${d}[${g}]`,!0):!_&&!s.allErrors&&e.if((0,Jo.not)(u),()=>e.break())})})}}};fd.default=_I});var R_=y(pd=>{"use strict";Object.defineProperty(pd,"__esModule",{value:!0});var bI=H(),wI={keyword:"not",schemaType:["object","boolean"],trackErrors:!0,code(t){let{gen:e,schema:n,it:r}=t;if((0,bI.alwaysValidSchema)(r,n)){t.fail();return}let i=e.name("valid");t.subschema({keyword:"not",compositeRule:!0,createErrors:!1,allErrors:!1},i),t.failResult(i,()=>t.reset(),()=>t.error())},error:{message:"must NOT be valid"}};pd.default=wI});var O_=y(md=>{"use strict";Object.defineProperty(md,"__esModule",{value:!0});var vI=ut(),kI={keyword:"anyOf",schemaType:"array",trackErrors:!0,code:vI.validateUnion,error:{message:"must match a schema in anyOf"}};md.default=kI});var N_=y(hd=>{"use strict";Object.defineProperty(hd,"__esModule",{value:!0});var Xo=F(),SI=H(),AI={message:"must match exactly one schema in oneOf",params:({params:t})=>(0,Xo._)`{passingSchemas: ${t.passing}}`},TI={keyword:"oneOf",schemaType:"array",trackErrors:!0,error:AI,code(t){let{gen:e,schema:n,parentSchema:r,it:i}=t;if(!Array.isArray(n))throw new Error("ajv implementation error");if(i.opts.discriminator&&r.discriminator)return;let s=n,o=e.let("valid",!1),a=e.let("passing",null),l=e.name("_valid");t.setParams({passing:a}),e.block(c),t.result(o,()=>t.reset(),()=>t.error(!0));function c(){s.forEach((u,d)=>{let f;(0,SI.alwaysValidSchema)(i,u)?e.var(l,!0):f=t.subschema({keyword:"oneOf",schemaProp:d,compositeRule:!0},l),d>0&&e.if((0,Xo._)`${l} && ${o}`).assign(o,!1).assign(a,(0,Xo._)`[${a}, ${d}]`).else(),e.if(l,()=>{e.assign(o,!0),e.assign(a,d),f&&t.mergeEvaluated(f,Xo.Name)})})}}};hd.default=TI});var P_=y(gd=>{"use strict";Object.defineProperty(gd,"__esModule",{value:!0});var CI=H(),EI={keyword:"allOf",schemaType:"array",code(t){let{gen:e,schema:n,it:r}=t;if(!Array.isArray(n))throw new Error("ajv implementation error");let i=e.name("valid");n.forEach((s,o)=>{if((0,CI.alwaysValidSchema)(r,s))return;let a=t.subschema({keyword:"allOf",schemaProp:o},i);t.ok(i),t.mergeEvaluated(a)})}};gd.default=EI});var D_=y(yd=>{"use strict";Object.defineProperty(yd,"__esModule",{value:!0});var Qo=F(),L_=H(),$I={message:({params:t})=>(0,Qo.str)`must match "${t.ifClause}" schema`,params:({params:t})=>(0,Qo._)`{failingKeyword: ${t.ifClause}}`},II={keyword:"if",schemaType:["object","boolean"],trackErrors:!0,error:$I,code(t){let{gen:e,parentSchema:n,it:r}=t;n.then===void 0&&n.else===void 0&&(0,L_.checkStrictMode)(r,'"if" without "then" and "else" is ignored');let i=x_(r,"then"),s=x_(r,"else");if(!i&&!s)return;let o=e.let("valid",!0),a=e.name("_valid");if(l(),t.reset(),i&&s){let u=e.let("ifClause");t.setParams({ifClause:u}),e.if(a,c("then",u),c("else",u))}else i?e.if(a,c("then")):e.if((0,Qo.not)(a),c("else"));t.pass(o,()=>t.error(!0));function l(){let u=t.subschema({keyword:"if",compositeRule:!0,createErrors:!1,allErrors:!1},a);t.mergeEvaluated(u)}function c(u,d){return()=>{let f=t.subschema({keyword:u},a);e.assign(o,a),t.mergeValidEvaluated(f,o),d?e.assign(d,(0,Qo._)`${u}`):t.setParams({ifClause:u})}}}};function x_(t,e){let n=t.schema[e];return n!==void 0&&!(0,L_.alwaysValidSchema)(t,n)}yd.default=II});var M_=y(_d=>{"use strict";Object.defineProperty(_d,"__esModule",{value:!0});var RI=H(),OI={keyword:["then","else"],schemaType:["object","boolean"],code({keyword:t,parentSchema:e,it:n}){e.if===void 0&&(0,RI.checkStrictMode)(n,`"${t}" without "if" is ignored`)}};_d.default=OI});var q_=y(bd=>{"use strict";Object.defineProperty(bd,"__esModule",{value:!0});var NI=td(),PI=m_(),xI=nd(),LI=g_(),DI=y_(),MI=w_(),qI=k_(),WI=cd(),GI=T_(),FI=I_(),jI=R_(),VI=O_(),BI=N_(),UI=P_(),KI=D_(),zI=M_();function HI(t=!1){let e=[jI.default,VI.default,BI.default,UI.default,KI.default,zI.default,qI.default,WI.default,MI.default,GI.default,FI.default];return t?e.push(PI.default,LI.default):e.push(NI.default,xI.default),e.push(DI.default),e}bd.default=HI});var W_=y(wd=>{"use strict";Object.defineProperty(wd,"__esModule",{value:!0});var _e=F(),YI={message:({schemaCode:t})=>(0,_e.str)`must match format "${t}"`,params:({schemaCode:t})=>(0,_e._)`{format: ${t}}`},JI={keyword:"format",type:["number","string"],schemaType:"string",$data:!0,error:YI,code(t,e){let{gen:n,data:r,$data:i,schema:s,schemaCode:o,it:a}=t,{opts:l,errSchemaPath:c,schemaEnv:u,self:d}=a;if(!l.validateFormats)return;i?f():m();function f(){let h=n.scopeValue("formats",{ref:d.formats,code:l.code.formats}),p=n.const("fDef",(0,_e._)`${h}[${o}]`),g=n.let("fType"),_=n.let("format");n.if((0,_e._)`typeof ${p} == "object" && !(${p} instanceof RegExp)`,()=>n.assign(g,(0,_e._)`${p}.type || "string"`).assign(_,(0,_e._)`${p}.validate`),()=>n.assign(g,(0,_e._)`"string"`).assign(_,p)),t.fail$data((0,_e.or)(b(),k()));function b(){return l.strictSchema===!1?_e.nil:(0,_e._)`${o} && !${_}`}function k(){let C=u.$async?(0,_e._)`(${p}.async ? await ${_}(${r}) : ${_}(${r}))`:(0,_e._)`${_}(${r})`,A=(0,_e._)`(typeof ${_} == "function" ? ${C} : ${_}.test(${r}))`;return(0,_e._)`${_} && ${_} !== true && ${g} === ${e} && !${A}`}}function m(){let h=d.formats[s];if(!h){b();return}if(h===!0)return;let[p,g,_]=k(h);p===e&&t.pass(C());function b(){if(l.strictSchema===!1){d.logger.warn(A());return}throw new Error(A());function A(){return`unknown format "${s}" ignored in schema at path "${c}"`}}function k(A){let I=A instanceof RegExp?(0,_e.regexpCode)(A):l.code.formats?(0,_e._)`${l.code.formats}${(0,_e.getProperty)(s)}`:void 0,P=n.scopeValue("formats",{key:s,ref:A,code:I});return typeof A=="object"&&!(A instanceof RegExp)?[A.type||"string",A.validate,(0,_e._)`${P}.validate`]:["string",A,P]}function C(){if(typeof h=="object"&&!(h instanceof RegExp)&&h.async){if(!u.$async)throw new Error("async format in sync schema");return(0,_e._)`await ${_}(${r})`}return typeof g=="function"?(0,_e._)`${_}(${r})`:(0,_e._)`${_}.test(${r})`}}}};wd.default=JI});var G_=y(vd=>{"use strict";Object.defineProperty(vd,"__esModule",{value:!0});var XI=W_(),QI=[XI.default];vd.default=QI});var F_=y(Cr=>{"use strict";Object.defineProperty(Cr,"__esModule",{value:!0});Cr.contentVocabulary=Cr.metadataVocabulary=void 0;Cr.metadataVocabulary=["title","description","default","deprecated","readOnly","writeOnly","examples"];Cr.contentVocabulary=["contentMediaType","contentEncoding","contentSchema"]});var V_=y(kd=>{"use strict";Object.defineProperty(kd,"__esModule",{value:!0});var ZI=Jy(),eR=u_(),tR=q_(),nR=G_(),j_=F_(),rR=[ZI.default,eR.default,(0,tR.default)(),nR.default,j_.metadataVocabulary,j_.contentVocabulary];kd.default=rR});var U_=y(Zo=>{"use strict";Object.defineProperty(Zo,"__esModule",{value:!0});Zo.DiscrError=void 0;var B_;(function(t){t.Tag="tag",t.Mapping="mapping"})(B_||(Zo.DiscrError=B_={}))});var z_=y(Ad=>{"use strict";Object.defineProperty(Ad,"__esModule",{value:!0});var Er=F(),Sd=U_(),K_=No(),iR=Li(),sR=H(),oR={message:({params:{discrError:t,tagName:e}})=>t===Sd.DiscrError.Tag?`tag "${e}" must be string`:`value of tag "${e}" must be in oneOf`,params:({params:{discrError:t,tag:e,tagName:n}})=>(0,Er._)`{error: ${t}, tag: ${n}, tagValue: ${e}}`},aR={keyword:"discriminator",type:"object",schemaType:"object",error:oR,code(t){let{gen:e,data:n,schema:r,parentSchema:i,it:s}=t,{oneOf:o}=i;if(!s.opts.discriminator)throw new Error("discriminator: requires discriminator option");let a=r.propertyName;if(typeof a!="string")throw new Error("discriminator: requires propertyName");if(r.mapping)throw new Error("discriminator: mapping is not supported");if(!o)throw new Error("discriminator: requires oneOf keyword");let l=e.let("valid",!1),c=e.const("tag",(0,Er._)`${n}${(0,Er.getProperty)(a)}`);e.if((0,Er._)`typeof ${c} == "string"`,()=>u(),()=>t.error(!1,{discrError:Sd.DiscrError.Tag,tag:c,tagName:a})),t.ok(l);function u(){let m=f();e.if(!1);for(let h in m)e.elseIf((0,Er._)`${c} === ${h}`),e.assign(l,d(m[h]));e.else(),t.error(!1,{discrError:Sd.DiscrError.Mapping,tag:c,tagName:a}),e.endIf()}function d(m){let h=e.name("valid"),p=t.subschema({keyword:"oneOf",schemaProp:m},h);return t.mergeEvaluated(p,Er.Name),h}function f(){var m;let h={},p=_(i),g=!0;for(let C=0;C<o.length;C++){let A=o[C];if(A?.$ref&&!(0,sR.schemaHasRulesButRef)(A,s.self.RULES)){let P=A.$ref;if(A=K_.resolveRef.call(s.self,s.schemaEnv.root,s.baseId,P),A instanceof K_.SchemaEnv&&(A=A.schema),A===void 0)throw new iR.default(s.opts.uriResolver,s.baseId,P)}let I=(m=A?.properties)===null||m===void 0?void 0:m[a];if(typeof I!="object")throw new Error(`discriminator: oneOf subschemas (or referenced schemas) must have "properties/${a}"`);g=g&&(p||_(A)),b(I,C)}if(!g)throw new Error(`discriminator: "${a}" must be required`);return h;function _({required:C}){return Array.isArray(C)&&C.includes(a)}function b(C,A){if(C.const)k(C.const,A);else if(C.enum)for(let I of C.enum)k(I,A);else throw new Error(`discriminator: "properties/${a}" must have "const" or "enum"`)}function k(C,A){if(typeof C!="string"||C in h)throw new Error(`discriminator: "${a}" values must be unique strings`);h[C]=A}}}};Ad.default=aR});var H_=y((zF,lR)=>{lR.exports={$schema:"http://json-schema.org/draft-07/schema#",$id:"http://json-schema.org/draft-07/schema#",title:"Core schema meta-schema",definitions:{schemaArray:{type:"array",minItems:1,items:{$ref:"#"}},nonNegativeInteger:{type:"integer",minimum:0},nonNegativeIntegerDefault0:{allOf:[{$ref:"#/definitions/nonNegativeInteger"},{default:0}]},simpleTypes:{enum:["array","boolean","integer","null","number","object","string"]},stringArray:{type:"array",items:{type:"string"},uniqueItems:!0,default:[]}},type:["object","boolean"],properties:{$id:{type:"string",format:"uri-reference"},$schema:{type:"string",format:"uri"},$ref:{type:"string",format:"uri-reference"},$comment:{type:"string"},title:{type:"string"},description:{type:"string"},default:!0,readOnly:{type:"boolean",default:!1},examples:{type:"array",items:!0},multipleOf:{type:"number",exclusiveMinimum:0},maximum:{type:"number"},exclusiveMaximum:{type:"number"},minimum:{type:"number"},exclusiveMinimum:{type:"number"},maxLength:{$ref:"#/definitions/nonNegativeInteger"},minLength:{$ref:"#/definitions/nonNegativeIntegerDefault0"},pattern:{type:"string",format:"regex"},additionalItems:{$ref:"#"},items:{anyOf:[{$ref:"#"},{$ref:"#/definitions/schemaArray"}],default:!0},maxItems:{$ref:"#/definitions/nonNegativeInteger"},minItems:{$ref:"#/definitions/nonNegativeIntegerDefault0"},uniqueItems:{type:"boolean",default:!1},contains:{$ref:"#"},maxProperties:{$ref:"#/definitions/nonNegativeInteger"},minProperties:{$ref:"#/definitions/nonNegativeIntegerDefault0"},required:{$ref:"#/definitions/stringArray"},additionalProperties:{$ref:"#"},definitions:{type:"object",additionalProperties:{$ref:"#"},default:{}},properties:{type:"object",additionalProperties:{$ref:"#"},default:{}},patternProperties:{type:"object",additionalProperties:{$ref:"#"},propertyNames:{format:"regex"},default:{}},dependencies:{type:"object",additionalProperties:{anyOf:[{$ref:"#"},{$ref:"#/definitions/stringArray"}]}},propertyNames:{$ref:"#"},const:!0,enum:{type:"array",items:!0,minItems:1,uniqueItems:!0},type:{anyOf:[{$ref:"#/definitions/simpleTypes"},{type:"array",items:{$ref:"#/definitions/simpleTypes"},minItems:1,uniqueItems:!0}]},format:{type:"string"},contentMediaType:{type:"string"},contentEncoding:{type:"string"},if:{$ref:"#"},then:{$ref:"#"},else:{$ref:"#"},allOf:{$ref:"#/definitions/schemaArray"},anyOf:{$ref:"#/definitions/schemaArray"},oneOf:{$ref:"#/definitions/schemaArray"},not:{$ref:"#"}},default:!0}});var Cd=y((de,Td)=>{"use strict";Object.defineProperty(de,"__esModule",{value:!0});de.MissingRefError=de.ValidationError=de.CodeGen=de.Name=de.nil=de.stringify=de.str=de._=de.KeywordCxt=de.Ajv=void 0;var cR=By(),uR=V_(),dR=z_(),Y_=H_(),fR=["/properties"],ea="http://json-schema.org/draft-07/schema",$r=class extends cR.default{_addVocabularies(){super._addVocabularies(),uR.default.forEach(e=>this.addVocabulary(e)),this.opts.discriminator&&this.addKeyword(dR.default)}_addDefaultMetaSchema(){if(super._addDefaultMetaSchema(),!this.opts.meta)return;let e=this.opts.$data?this.$dataMetaSchema(Y_,fR):Y_;this.addMetaSchema(e,ea,!1),this.refs["http://json-schema.org/schema"]=ea}defaultMeta(){return this.opts.defaultMeta=super.defaultMeta()||(this.getSchema(ea)?ea:void 0)}};de.Ajv=$r;Td.exports=de=$r;Td.exports.Ajv=$r;Object.defineProperty(de,"__esModule",{value:!0});de.default=$r;var pR=xi();Object.defineProperty(de,"KeywordCxt",{enumerable:!0,get:function(){return pR.KeywordCxt}});var Ir=F();Object.defineProperty(de,"_",{enumerable:!0,get:function(){return Ir._}});Object.defineProperty(de,"str",{enumerable:!0,get:function(){return Ir.str}});Object.defineProperty(de,"stringify",{enumerable:!0,get:function(){return Ir.stringify}});Object.defineProperty(de,"nil",{enumerable:!0,get:function(){return Ir.nil}});Object.defineProperty(de,"Name",{enumerable:!0,get:function(){return Ir.Name}});Object.defineProperty(de,"CodeGen",{enumerable:!0,get:function(){return Ir.CodeGen}});var mR=Ro();Object.defineProperty(de,"ValidationError",{enumerable:!0,get:function(){return mR.default}});var hR=Li();Object.defineProperty(de,"MissingRefError",{enumerable:!0,get:function(){return hR.default}})});var rb=y(xt=>{"use strict";Object.defineProperty(xt,"__esModule",{value:!0});xt.formatNames=xt.fastFormats=xt.fullFormats=void 0;function Pt(t,e){return{validate:t,compare:e}}xt.fullFormats={date:Pt(Z_,Rd),time:Pt($d(!0),Od),"date-time":Pt(J_(!0),tb),"iso-time":Pt($d(),eb),"iso-date-time":Pt(J_(),nb),duration:/^P(?!$)((\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?|(\d+W)?)$/,uri:vR,"uri-reference":/^(?:[a-z][a-z0-9+\-.]*:)?(?:\/?\/(?:(?:[a-z0-9\-._~!$&'()*+,;=:]|%[0-9a-f]{2})*@)?(?:\[(?:(?:(?:(?:[0-9a-f]{1,4}:){6}|::(?:[0-9a-f]{1,4}:){5}|(?:[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){4}|(?:(?:[0-9a-f]{1,4}:){0,1}[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){3}|(?:(?:[0-9a-f]{1,4}:){0,2}[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){2}|(?:(?:[0-9a-f]{1,4}:){0,3}[0-9a-f]{1,4})?::[0-9a-f]{1,4}:|(?:(?:[0-9a-f]{1,4}:){0,4}[0-9a-f]{1,4})?::)(?:[0-9a-f]{1,4}:[0-9a-f]{1,4}|(?:(?:25[0-5]|2[0-4]\d|[01]?\d\d?)\.){3}(?:25[0-5]|2[0-4]\d|[01]?\d\d?))|(?:(?:[0-9a-f]{1,4}:){0,5}[0-9a-f]{1,4})?::[0-9a-f]{1,4}|(?:(?:[0-9a-f]{1,4}:){0,6}[0-9a-f]{1,4})?::)|[Vv][0-9a-f]+\.[a-z0-9\-._~!$&'()*+,;=:]+)\]|(?:(?:25[0-5]|2[0-4]\d|[01]?\d\d?)\.){3}(?:25[0-5]|2[0-4]\d|[01]?\d\d?)|(?:[a-z0-9\-._~!$&'"()*+,;=]|%[0-9a-f]{2})*)(?::\d*)?(?:\/(?:[a-z0-9\-._~!$&'"()*+,;=:@]|%[0-9a-f]{2})*)*|\/(?:(?:[a-z0-9\-._~!$&'"()*+,;=:@]|%[0-9a-f]{2})+(?:\/(?:[a-z0-9\-._~!$&'"()*+,;=:@]|%[0-9a-f]{2})*)*)?|(?:[a-z0-9\-._~!$&'"()*+,;=:@]|%[0-9a-f]{2})+(?:\/(?:[a-z0-9\-._~!$&'"()*+,;=:@]|%[0-9a-f]{2})*)*)?(?:\?(?:[a-z0-9\-._~!$&'"()*+,;=:@/?]|%[0-9a-f]{2})*)?(?:#(?:[a-z0-9\-._~!$&'"()*+,;=:@/?]|%[0-9a-f]{2})*)?$/i,"uri-template":/^(?:(?:[^\x00-\x20"'<>%\\^`{|}]|%[0-9a-f]{2})|\{[+#./;?&=,!@|]?(?:[a-z0-9_]|%[0-9a-f]{2})+(?::[1-9][0-9]{0,3}|\*)?(?:,(?:[a-z0-9_]|%[0-9a-f]{2})+(?::[1-9][0-9]{0,3}|\*)?)*\})*$/i,url:/^(?:https?|ftp):\/\/(?:\S+(?::\S*)?@)?(?:(?!(?:10|127)(?:\.\d{1,3}){3})(?!(?:169\.254|192\.168)(?:\.\d{1,3}){2})(?!172\.(?:1[6-9]|2\d|3[0-1])(?:\.\d{1,3}){2})(?:[1-9]\d?|1\d\d|2[01]\d|22[0-3])(?:\.(?:1?\d{1,2}|2[0-4]\d|25[0-5])){2}(?:\.(?:[1-9]\d?|1\d\d|2[0-4]\d|25[0-4]))|(?:(?:[a-z0-9\u{00a1}-\u{ffff}]+-)*[a-z0-9\u{00a1}-\u{ffff}]+)(?:\.(?:[a-z0-9\u{00a1}-\u{ffff}]+-)*[a-z0-9\u{00a1}-\u{ffff}]+)*(?:\.(?:[a-z\u{00a1}-\u{ffff}]{2,})))(?::\d{2,5})?(?:\/[^\s]*)?$/iu,email:/^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i,hostname:/^(?=.{1,253}\.?$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[-0-9a-z]{0,61}[0-9a-z])?)*\.?$/i,ipv4:/^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/,ipv6:/^((([0-9a-f]{1,4}:){7}([0-9a-f]{1,4}|:))|(([0-9a-f]{1,4}:){6}(:[0-9a-f]{1,4}|((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3})|:))|(([0-9a-f]{1,4}:){5}(((:[0-9a-f]{1,4}){1,2})|:((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3})|:))|(([0-9a-f]{1,4}:){4}(((:[0-9a-f]{1,4}){1,3})|((:[0-9a-f]{1,4})?:((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}))|:))|(([0-9a-f]{1,4}:){3}(((:[0-9a-f]{1,4}){1,4})|((:[0-9a-f]{1,4}){0,2}:((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}))|:))|(([0-9a-f]{1,4}:){2}(((:[0-9a-f]{1,4}){1,5})|((:[0-9a-f]{1,4}){0,3}:((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}))|:))|(([0-9a-f]{1,4}:){1}(((:[0-9a-f]{1,4}){1,6})|((:[0-9a-f]{1,4}){0,4}:((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}))|:))|(:(((:[0-9a-f]{1,4}){1,7})|((:[0-9a-f]{1,4}){0,5}:((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}))|:)))$/i,regex:$R,uuid:/^(?:urn:uuid:)?[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i,"json-pointer":/^(?:\/(?:[^~/]|~0|~1)*)*$/,"json-pointer-uri-fragment":/^#(?:\/(?:[a-z0-9_\-.!$&'()*+,;:=@]|%[0-9a-f]{2}|~0|~1)*)*$/i,"relative-json-pointer":/^(?:0|[1-9][0-9]*)(?:#|(?:\/(?:[^~/]|~0|~1)*)*)$/,byte:kR,int32:{type:"number",validate:TR},int64:{type:"number",validate:CR},float:{type:"number",validate:Q_},double:{type:"number",validate:Q_},password:!0,binary:!0};xt.fastFormats={...xt.fullFormats,date:Pt(/^\d\d\d\d-[0-1]\d-[0-3]\d$/,Rd),time:Pt(/^(?:[0-2]\d:[0-5]\d:[0-5]\d|23:59:60)(?:\.\d+)?(?:z|[+-]\d\d(?::?\d\d)?)$/i,Od),"date-time":Pt(/^\d\d\d\d-[0-1]\d-[0-3]\dt(?:[0-2]\d:[0-5]\d:[0-5]\d|23:59:60)(?:\.\d+)?(?:z|[+-]\d\d(?::?\d\d)?)$/i,tb),"iso-time":Pt(/^(?:[0-2]\d:[0-5]\d:[0-5]\d|23:59:60)(?:\.\d+)?(?:z|[+-]\d\d(?::?\d\d)?)?$/i,eb),"iso-date-time":Pt(/^\d\d\d\d-[0-1]\d-[0-3]\d[t\s](?:[0-2]\d:[0-5]\d:[0-5]\d|23:59:60)(?:\.\d+)?(?:z|[+-]\d\d(?::?\d\d)?)?$/i,nb),uri:/^(?:[a-z][a-z0-9+\-.]*:)(?:\/?\/)?[^\s]*$/i,"uri-reference":/^(?:(?:[a-z][a-z0-9+\-.]*:)?\/?\/)?(?:[^\\\s#][^\s#]*)?(?:#[^\\\s]*)?$/i,email:/^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i};xt.formatNames=Object.keys(xt.fullFormats);function gR(t){return t%4===0&&(t%100!==0||t%400===0)}var yR=/^(\d\d\d\d)-(\d\d)-(\d\d)$/,_R=[0,31,28,31,30,31,30,31,31,30,31,30,31];function Z_(t){let e=yR.exec(t);if(!e)return!1;let n=+e[1],r=+e[2],i=+e[3];return r>=1&&r<=12&&i>=1&&i<=(r===2&&gR(n)?29:_R[r])}function Rd(t,e){if(t&&e)return t>e?1:t<e?-1:0}var Ed=/^(\d\d):(\d\d):(\d\d(?:\.\d+)?)(z|([+-])(\d\d)(?::?(\d\d))?)?$/i;function $d(t){return function(n){let r=Ed.exec(n);if(!r)return!1;let i=+r[1],s=+r[2],o=+r[3],a=r[4],l=r[5]==="-"?-1:1,c=+(r[6]||0),u=+(r[7]||0);if(c>23||u>59||t&&!a)return!1;if(i<=23&&s<=59&&o<60)return!0;let d=s-u*l,f=i-c*l-(d<0?1:0);return(f===23||f===-1)&&(d===59||d===-1)&&o<61}}function Od(t,e){if(!(t&&e))return;let n=new Date("2020-01-01T"+t).valueOf(),r=new Date("2020-01-01T"+e).valueOf();if(n&&r)return n-r}function eb(t,e){if(!(t&&e))return;let n=Ed.exec(t),r=Ed.exec(e);if(n&&r)return t=n[1]+n[2]+n[3],e=r[1]+r[2]+r[3],t>e?1:t<e?-1:0}var Id=/t|\s/i;function J_(t){let e=$d(t);return function(r){let i=r.split(Id);return i.length===2&&Z_(i[0])&&e(i[1])}}function tb(t,e){if(!(t&&e))return;let n=new Date(t).valueOf(),r=new Date(e).valueOf();if(n&&r)return n-r}function nb(t,e){if(!(t&&e))return;let[n,r]=t.split(Id),[i,s]=e.split(Id),o=Rd(n,i);if(o!==void 0)return o||Od(r,s)}var bR=/\/|:/,wR=/^(?:[a-z][a-z0-9+\-.]*:)(?:\/?\/(?:(?:[a-z0-9\-._~!$&'()*+,;=:]|%[0-9a-f]{2})*@)?(?:\[(?:(?:(?:(?:[0-9a-f]{1,4}:){6}|::(?:[0-9a-f]{1,4}:){5}|(?:[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){4}|(?:(?:[0-9a-f]{1,4}:){0,1}[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){3}|(?:(?:[0-9a-f]{1,4}:){0,2}[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){2}|(?:(?:[0-9a-f]{1,4}:){0,3}[0-9a-f]{1,4})?::[0-9a-f]{1,4}:|(?:(?:[0-9a-f]{1,4}:){0,4}[0-9a-f]{1,4})?::)(?:[0-9a-f]{1,4}:[0-9a-f]{1,4}|(?:(?:25[0-5]|2[0-4]\d|[01]?\d\d?)\.){3}(?:25[0-5]|2[0-4]\d|[01]?\d\d?))|(?:(?:[0-9a-f]{1,4}:){0,5}[0-9a-f]{1,4})?::[0-9a-f]{1,4}|(?:(?:[0-9a-f]{1,4}:){0,6}[0-9a-f]{1,4})?::)|[Vv][0-9a-f]+\.[a-z0-9\-._~!$&'()*+,;=:]+)\]|(?:(?:25[0-5]|2[0-4]\d|[01]?\d\d?)\.){3}(?:25[0-5]|2[0-4]\d|[01]?\d\d?)|(?:[a-z0-9\-._~!$&'()*+,;=]|%[0-9a-f]{2})*)(?::\d*)?(?:\/(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})*)*|\/(?:(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})+(?:\/(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})*)*)?|(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})+(?:\/(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})*)*)(?:\?(?:[a-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9a-f]{2})*)?(?:#(?:[a-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9a-f]{2})*)?$/i;function vR(t){return bR.test(t)&&wR.test(t)}var X_=/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/gm;function kR(t){return X_.lastIndex=0,X_.test(t)}var SR=-(2**31),AR=2**31-1;function TR(t){return Number.isInteger(t)&&t<=AR&&t>=SR}function CR(t){return Number.isInteger(t)}function Q_(){return!0}var ER=/[^\\]\\Z/;function $R(t){if(ER.test(t))return!1;try{return new RegExp(t),!0}catch{return!1}}});var ib=y(Rr=>{"use strict";Object.defineProperty(Rr,"__esModule",{value:!0});Rr.formatLimitDefinition=void 0;var IR=Cd(),kt=F(),dn=kt.operators,ta={formatMaximum:{okStr:"<=",ok:dn.LTE,fail:dn.GT},formatMinimum:{okStr:">=",ok:dn.GTE,fail:dn.LT},formatExclusiveMaximum:{okStr:"<",ok:dn.LT,fail:dn.GTE},formatExclusiveMinimum:{okStr:">",ok:dn.GT,fail:dn.LTE}},RR={message:({keyword:t,schemaCode:e})=>(0,kt.str)`should be ${ta[t].okStr} ${e}`,params:({keyword:t,schemaCode:e})=>(0,kt._)`{comparison: ${ta[t].okStr}, limit: ${e}}`};Rr.formatLimitDefinition={keyword:Object.keys(ta),type:"string",schemaType:"string",$data:!0,error:RR,code(t){let{gen:e,data:n,schemaCode:r,keyword:i,it:s}=t,{opts:o,self:a}=s;if(!o.validateFormats)return;let l=new IR.KeywordCxt(s,a.RULES.all.format.definition,"format");l.$data?c():u();function c(){let f=e.scopeValue("formats",{ref:a.formats,code:o.code.formats}),m=e.const("fmt",(0,kt._)`${f}[${l.schemaCode}]`);t.fail$data((0,kt.or)((0,kt._)`typeof ${m} != "object"`,(0,kt._)`${m} instanceof RegExp`,(0,kt._)`typeof ${m}.compare != "function"`,d(m)))}function u(){let f=l.schema,m=a.formats[f];if(!m||m===!0)return;if(typeof m!="object"||m instanceof RegExp||typeof m.compare!="function")throw new Error(`"${i}": format "${f}" does not define "compare" function`);let h=e.scopeValue("formats",{key:f,ref:m,code:o.code.formats?(0,kt._)`${o.code.formats}${(0,kt.getProperty)(f)}`:void 0});t.fail$data(d(h))}function d(f){return(0,kt._)`${f}.compare(${n}, ${r}) ${ta[i].fail} 0`}},dependencies:["format"]};var OR=t=>(t.addKeyword(Rr.formatLimitDefinition),t);Rr.default=OR});var lb=y((Ji,ab)=>{"use strict";Object.defineProperty(Ji,"__esModule",{value:!0});var Or=rb(),NR=ib(),Nd=F(),sb=new Nd.Name("fullFormats"),PR=new Nd.Name("fastFormats"),Pd=(t,e={keywords:!0})=>{if(Array.isArray(e))return ob(t,e,Or.fullFormats,sb),t;let[n,r]=e.mode==="fast"?[Or.fastFormats,PR]:[Or.fullFormats,sb],i=e.formats||Or.formatNames;return ob(t,i,n,r),e.keywords&&(0,NR.default)(t),t};Pd.get=(t,e="full")=>{let r=(e==="fast"?Or.fastFormats:Or.fullFormats)[t];if(!r)throw new Error(`Unknown format "${t}"`);return r};function ob(t,e,n,r){var i,s;(i=(s=t.opts.code).formats)!==null&&i!==void 0||(s.formats=(0,Nd._)`require("ajv-formats/dist/formats").${r}`);for(let o of e)t.addFormat(o,n[o])}ab.exports=Ji=Pd;Object.defineProperty(Ji,"__esModule",{value:!0});Ji.default=Pd});var J=y(Ie=>{"use strict";var xd=Symbol.for("yaml.alias"),ub=Symbol.for("yaml.document"),ia=Symbol.for("yaml.map"),db=Symbol.for("yaml.pair"),Ld=Symbol.for("yaml.scalar"),sa=Symbol.for("yaml.seq"),Xt=Symbol.for("yaml.node.type"),DR=t=>!!t&&typeof t=="object"&&t[Xt]===xd,MR=t=>!!t&&typeof t=="object"&&t[Xt]===ub,qR=t=>!!t&&typeof t=="object"&&t[Xt]===ia,WR=t=>!!t&&typeof t=="object"&&t[Xt]===db,fb=t=>!!t&&typeof t=="object"&&t[Xt]===Ld,GR=t=>!!t&&typeof t=="object"&&t[Xt]===sa;function pb(t){if(t&&typeof t=="object")switch(t[Xt]){case ia:case sa:return!0}return!1}function FR(t){if(t&&typeof t=="object")switch(t[Xt]){case xd:case ia:case Ld:case sa:return!0}return!1}var jR=t=>(fb(t)||pb(t))&&!!t.anchor;Ie.ALIAS=xd;Ie.DOC=ub;Ie.MAP=ia;Ie.NODE_TYPE=Xt;Ie.PAIR=db;Ie.SCALAR=Ld;Ie.SEQ=sa;Ie.hasAnchor=jR;Ie.isAlias=DR;Ie.isCollection=pb;Ie.isDocument=MR;Ie.isMap=qR;Ie.isNode=FR;Ie.isPair=WR;Ie.isScalar=fb;Ie.isSeq=GR});var Xi=y(Dd=>{"use strict";var Te=J(),Ye=Symbol("break visit"),mb=Symbol("skip children"),Lt=Symbol("remove node");function oa(t,e){let n=hb(e);Te.isDocument(t)?Nr(null,t.contents,n,Object.freeze([t]))===Lt&&(t.contents=null):Nr(null,t,n,Object.freeze([]))}oa.BREAK=Ye;oa.SKIP=mb;oa.REMOVE=Lt;function Nr(t,e,n,r){let i=gb(t,e,n,r);if(Te.isNode(i)||Te.isPair(i))return yb(t,r,i),Nr(t,i,n,r);if(typeof i!="symbol"){if(Te.isCollection(e)){r=Object.freeze(r.concat(e));for(let s=0;s<e.items.length;++s){let o=Nr(s,e.items[s],n,r);if(typeof o=="number")s=o-1;else{if(o===Ye)return Ye;o===Lt&&(e.items.splice(s,1),s-=1)}}}else if(Te.isPair(e)){r=Object.freeze(r.concat(e));let s=Nr("key",e.key,n,r);if(s===Ye)return Ye;s===Lt&&(e.key=null);let o=Nr("value",e.value,n,r);if(o===Ye)return Ye;o===Lt&&(e.value=null)}}return i}async function aa(t,e){let n=hb(e);Te.isDocument(t)?await Pr(null,t.contents,n,Object.freeze([t]))===Lt&&(t.contents=null):await Pr(null,t,n,Object.freeze([]))}aa.BREAK=Ye;aa.SKIP=mb;aa.REMOVE=Lt;async function Pr(t,e,n,r){let i=await gb(t,e,n,r);if(Te.isNode(i)||Te.isPair(i))return yb(t,r,i),Pr(t,i,n,r);if(typeof i!="symbol"){if(Te.isCollection(e)){r=Object.freeze(r.concat(e));for(let s=0;s<e.items.length;++s){let o=await Pr(s,e.items[s],n,r);if(typeof o=="number")s=o-1;else{if(o===Ye)return Ye;o===Lt&&(e.items.splice(s,1),s-=1)}}}else if(Te.isPair(e)){r=Object.freeze(r.concat(e));let s=await Pr("key",e.key,n,r);if(s===Ye)return Ye;s===Lt&&(e.key=null);let o=await Pr("value",e.value,n,r);if(o===Ye)return Ye;o===Lt&&(e.value=null)}}return i}function hb(t){return typeof t=="object"&&(t.Collection||t.Node||t.Value)?Object.assign({Alias:t.Node,Map:t.Node,Scalar:t.Node,Seq:t.Node},t.Value&&{Map:t.Value,Scalar:t.Value,Seq:t.Value},t.Collection&&{Map:t.Collection,Seq:t.Collection},t):t}function gb(t,e,n,r){if(typeof n=="function")return n(t,e,r);if(Te.isMap(e))return n.Map?.(t,e,r);if(Te.isSeq(e))return n.Seq?.(t,e,r);if(Te.isPair(e))return n.Pair?.(t,e,r);if(Te.isScalar(e))return n.Scalar?.(t,e,r);if(Te.isAlias(e))return n.Alias?.(t,e,r)}function yb(t,e,n){let r=e[e.length-1];if(Te.isCollection(r))r.items[t]=n;else if(Te.isPair(r))t==="key"?r.key=n:r.value=n;else if(Te.isDocument(r))r.contents=n;else{let i=Te.isAlias(r)?"alias":"scalar";throw new Error(`Cannot replace node with ${i} parent`)}}Dd.visit=oa;Dd.visitAsync=aa});var Md=y(bb=>{"use strict";var _b=J(),VR=Xi(),BR={"!":"%21",",":"%2C","[":"%5B","]":"%5D","{":"%7B","}":"%7D"},UR=t=>t.replace(/[!,[\]{}]/g,e=>BR[e]),Qi=class t{constructor(e,n){this.docStart=null,this.docEnd=!1,this.yaml=Object.assign({},t.defaultYaml,e),this.tags=Object.assign({},t.defaultTags,n)}clone(){let e=new t(this.yaml,this.tags);return e.docStart=this.docStart,e}atDocument(){let e=new t(this.yaml,this.tags);switch(this.yaml.version){case"1.1":this.atNextDocument=!0;break;case"1.2":this.atNextDocument=!1,this.yaml={explicit:t.defaultYaml.explicit,version:"1.2"},this.tags=Object.assign({},t.defaultTags);break}return e}add(e,n){this.atNextDocument&&(this.yaml={explicit:t.defaultYaml.explicit,version:"1.1"},this.tags=Object.assign({},t.defaultTags),this.atNextDocument=!1);let r=e.trim().split(/[ \t]+/),i=r.shift();switch(i){case"%TAG":{if(r.length!==2&&(n(0,"%TAG directive should contain exactly two parts"),r.length<2))return!1;let[s,o]=r;return this.tags[s]=o,!0}case"%YAML":{if(this.yaml.explicit=!0,r.length!==1)return n(0,"%YAML directive should contain exactly one part"),!1;let[s]=r;if(s==="1.1"||s==="1.2")return this.yaml.version=s,!0;{let o=/^\d+\.\d+$/.test(s);return n(6,`Unsupported YAML version ${s}`,o),!1}}default:return n(0,`Unknown directive ${i}`,!0),!1}}tagName(e,n){if(e==="!")return"!";if(e[0]!=="!")return n(`Not a valid tag: ${e}`),null;if(e[1]==="<"){let o=e.slice(2,-1);return o==="!"||o==="!!"?(n(`Verbatim tags aren't resolved, so ${e} is invalid.`),null):(e[e.length-1]!==">"&&n("Verbatim tags must end with a >"),o)}let[,r,i]=e.match(/^(.*!)([^!]*)$/s);i||n(`The ${e} tag has no suffix`);let s=this.tags[r];if(s)try{return s+decodeURIComponent(i)}catch(o){return n(String(o)),null}return r==="!"?e:(n(`Could not resolve tag: ${e}`),null)}tagString(e){for(let[n,r]of Object.entries(this.tags))if(e.startsWith(r))return n+UR(e.substring(r.length));return e[0]==="!"?e:`!<${e}>`}toString(e){let n=this.yaml.explicit?[`%YAML ${this.yaml.version||"1.2"}`]:[],r=Object.entries(this.tags),i;if(e&&r.length>0&&_b.isNode(e.contents)){let s={};VR.visit(e.contents,(o,a)=>{_b.isNode(a)&&a.tag&&(s[a.tag]=!0)}),i=Object.keys(s)}else i=[];for(let[s,o]of r)s==="!!"&&o==="tag:yaml.org,2002:"||(!e||i.some(a=>a.startsWith(o)))&&n.push(`%TAG ${s} ${o}`);return n.join(`
`)}};Qi.defaultYaml={explicit:!1,version:"1.2"};Qi.defaultTags={"!!":"tag:yaml.org,2002:"};bb.Directives=Qi});var la=y(Zi=>{"use strict";var wb=J(),KR=Xi();function zR(t){if(/[\x00-\x19\s,[\]{}]/.test(t)){let n=`Anchor must not contain whitespace or control characters: ${JSON.stringify(t)}`;throw new Error(n)}return!0}function vb(t){let e=new Set;return KR.visit(t,{Value(n,r){r.anchor&&e.add(r.anchor)}}),e}function kb(t,e){for(let n=1;;++n){let r=`${t}${n}`;if(!e.has(r))return r}}function HR(t,e){let n=[],r=new Map,i=null;return{onAnchor:s=>{n.push(s),i??(i=vb(t));let o=kb(e,i);return i.add(o),o},setAnchors:()=>{for(let s of n){let o=r.get(s);if(typeof o=="object"&&o.anchor&&(wb.isScalar(o.node)||wb.isCollection(o.node)))o.node.anchor=o.anchor;else{let a=new Error("Failed to resolve repeated object (this should not happen)");throw a.source=s,a}}},sourceObjects:r}}Zi.anchorIsValid=zR;Zi.anchorNames=vb;Zi.createNodeAnchors=HR;Zi.findNewAnchor=kb});var qd=y(Sb=>{"use strict";function es(t,e,n,r){if(r&&typeof r=="object")if(Array.isArray(r))for(let i=0,s=r.length;i<s;++i){let o=r[i],a=es(t,r,String(i),o);a===void 0?delete r[i]:a!==o&&(r[i]=a)}else if(r instanceof Map)for(let i of Array.from(r.keys())){let s=r.get(i),o=es(t,r,i,s);o===void 0?r.delete(i):o!==s&&r.set(i,o)}else if(r instanceof Set)for(let i of Array.from(r)){let s=es(t,r,i,i);s===void 0?r.delete(i):s!==i&&(r.delete(i),r.add(s))}else for(let[i,s]of Object.entries(r)){let o=es(t,r,i,s);o===void 0?delete r[i]:o!==s&&(r[i]=o)}return t.call(e,n,r)}Sb.applyReviver=es});var pn=y(Tb=>{"use strict";var YR=J();function Ab(t,e,n){if(Array.isArray(t))return t.map((r,i)=>Ab(r,String(i),n));if(t&&typeof t.toJSON=="function"){if(!n||!YR.hasAnchor(t))return t.toJSON(e,n);let r={aliasCount:0,count:1,res:void 0};n.anchors.set(t,r),n.onCreate=s=>{r.res=s,delete n.onCreate};let i=t.toJSON(e,n);return n.onCreate&&n.onCreate(i),i}return typeof t=="bigint"&&!n?.keep?Number(t):t}Tb.toJS=Ab});var ca=y(Eb=>{"use strict";var JR=qd(),Cb=J(),XR=pn(),Wd=class{constructor(e){Object.defineProperty(this,Cb.NODE_TYPE,{value:e})}clone(){let e=Object.create(Object.getPrototypeOf(this),Object.getOwnPropertyDescriptors(this));return this.range&&(e.range=this.range.slice()),e}toJS(e,{mapAsMap:n,maxAliasCount:r,onAnchor:i,reviver:s}={}){if(!Cb.isDocument(e))throw new TypeError("A document argument is required");let o={anchors:new Map,doc:e,keep:!0,mapAsMap:n===!0,mapKeyWarned:!1,maxAliasCount:typeof r=="number"?r:100},a=XR.toJS(this,"",o);if(typeof i=="function")for(let{count:l,res:c}of o.anchors.values())i(c,l);return typeof s=="function"?JR.applyReviver(s,{"":a},"",a):a}};Eb.NodeBase=Wd});var ts=y($b=>{"use strict";var QR=la(),ZR=Xi(),xr=J(),eO=ca(),tO=pn(),Gd=class extends eO.NodeBase{constructor(e){super(xr.ALIAS),this.source=e,Object.defineProperty(this,"tag",{set(){throw new Error("Alias nodes cannot have tags")}})}resolve(e,n){if(n?.maxAliasCount===0)throw new ReferenceError("Alias resolution is disabled");let r;n?.aliasResolveCache?r=n.aliasResolveCache:(r=[],ZR.visit(e,{Node:(s,o)=>{(xr.isAlias(o)||xr.hasAnchor(o))&&r.push(o)}}),n&&(n.aliasResolveCache=r));let i;for(let s of r){if(s===this)break;s.anchor===this.source&&(i=s)}if(i&&n){let{anchors:s,doc:o,maxAliasCount:a}=n,l=s.get(i);if(l||(tO.toJS(i,null,n),l=s.get(i)),l?.res===void 0){let c="This should not happen: Alias anchor was not resolved?";throw new ReferenceError(c)}if(a>=0&&(l.count+=1,l.aliasCount===0&&(l.aliasCount=ua(o,i,s)),l.count*l.aliasCount>a)){let c="Excessive alias count indicates a resource exhaustion attack";throw new ReferenceError(c)}}return i}toJSON(e,n){if(!n)return{source:this.source};let r=this.resolve(n.doc,n);if(!r){let i=`Unresolved alias (the anchor must be set before the alias): ${this.source}`;throw new ReferenceError(i)}return n.anchors.get(r).res}toString(e,n,r){let i=`*${this.source}`;if(e){if(QR.anchorIsValid(this.source),e.options.verifyAliasOrder&&!e.anchors.has(this.source)){let s=`Unresolved alias (the anchor must be set before the alias): ${this.source}`;throw new Error(s)}if(e.implicitKey)return`${i} `}return i}};function ua(t,e,n){if(xr.isAlias(e)){let r=e.resolve(t),i=n&&r&&n.get(r);return i?i.count*i.aliasCount:0}else if(xr.isCollection(e)){let r=0;for(let i of e.items){let s=ua(t,i,n);s>r&&(r=s)}return r}else if(xr.isPair(e)){let r=ua(t,e.key,n),i=ua(t,e.value,n);return Math.max(r,i)}return 1}$b.Alias=Gd});var we=y(Fd=>{"use strict";var nO=J(),rO=ca(),iO=pn(),sO=t=>!t||typeof t!="function"&&typeof t!="object",mn=class extends rO.NodeBase{constructor(e){super(nO.SCALAR),this.value=e}toJSON(e,n){return n?.keep?this.value:iO.toJS(this.value,e,n)}toString(){return String(this.value)}};mn.BLOCK_FOLDED="BLOCK_FOLDED";mn.BLOCK_LITERAL="BLOCK_LITERAL";mn.PLAIN="PLAIN";mn.QUOTE_DOUBLE="QUOTE_DOUBLE";mn.QUOTE_SINGLE="QUOTE_SINGLE";Fd.Scalar=mn;Fd.isScalarValue=sO});var ns=y(Rb=>{"use strict";var oO=ts(),Xn=J(),Ib=we(),aO="tag:yaml.org,2002:";function lO(t,e,n){if(e){let r=n.filter(s=>s.tag===e),i=r.find(s=>!s.format)??r[0];if(!i)throw new Error(`Tag ${e} not found`);return i}return n.find(r=>r.identify?.(t)&&!r.format)}function cO(t,e,n){if(Xn.isDocument(t)&&(t=t.contents),Xn.isNode(t))return t;if(Xn.isPair(t)){let d=n.schema[Xn.MAP].createNode?.(n.schema,null,n);return d.items.push(t),d}(t instanceof String||t instanceof Number||t instanceof Boolean||typeof BigInt<"u"&&t instanceof BigInt)&&(t=t.valueOf());let{aliasDuplicateObjects:r,onAnchor:i,onTagObj:s,schema:o,sourceObjects:a}=n,l;if(r&&t&&typeof t=="object"){if(l=a.get(t),l)return l.anchor??(l.anchor=i(t)),new oO.Alias(l.anchor);l={anchor:null,node:null},a.set(t,l)}e?.startsWith("!!")&&(e=aO+e.slice(2));let c=lO(t,e,o.tags);if(!c){if(t&&typeof t.toJSON=="function"&&(t=t.toJSON()),!t||typeof t!="object"){let d=new Ib.Scalar(t);return l&&(l.node=d),d}c=t instanceof Map?o[Xn.MAP]:Symbol.iterator in Object(t)?o[Xn.SEQ]:o[Xn.MAP]}s&&(s(c),delete n.onTagObj);let u=c?.createNode?c.createNode(n.schema,t,n):typeof c?.nodeClass?.from=="function"?c.nodeClass.from(n.schema,t,n):new Ib.Scalar(t);return e?u.tag=e:c.default||(u.tag=c.tag),l&&(l.node=u),u}Rb.createNode=cO});var fa=y(da=>{"use strict";var uO=ns(),Dt=J(),dO=ca();function jd(t,e,n){let r=n;for(let i=e.length-1;i>=0;--i){let s=e[i];if(typeof s=="number"&&Number.isInteger(s)&&s>=0){let o=[];o[s]=r,r=o}else r=new Map([[s,r]])}return uO.createNode(r,void 0,{aliasDuplicateObjects:!1,keepUndefined:!1,onAnchor:()=>{throw new Error("This should not happen, please report a bug.")},schema:t,sourceObjects:new Map})}var Ob=t=>t==null||typeof t=="object"&&!!t[Symbol.iterator]().next().done,Vd=class extends dO.NodeBase{constructor(e,n){super(e),Object.defineProperty(this,"schema",{value:n,configurable:!0,enumerable:!1,writable:!0})}clone(e){let n=Object.create(Object.getPrototypeOf(this),Object.getOwnPropertyDescriptors(this));return e&&(n.schema=e),n.items=n.items.map(r=>Dt.isNode(r)||Dt.isPair(r)?r.clone(e):r),this.range&&(n.range=this.range.slice()),n}addIn(e,n){if(Ob(e))this.add(n);else{let[r,...i]=e,s=this.get(r,!0);if(Dt.isCollection(s))s.addIn(i,n);else if(s===void 0&&this.schema)this.set(r,jd(this.schema,i,n));else throw new Error(`Expected YAML collection at ${r}. Remaining path: ${i}`)}}deleteIn(e){let[n,...r]=e;if(r.length===0)return this.delete(n);let i=this.get(n,!0);if(Dt.isCollection(i))return i.deleteIn(r);throw new Error(`Expected YAML collection at ${n}. Remaining path: ${r}`)}getIn(e,n){let[r,...i]=e,s=this.get(r,!0);return i.length===0?!n&&Dt.isScalar(s)?s.value:s:Dt.isCollection(s)?s.getIn(i,n):void 0}hasAllNullValues(e){return this.items.every(n=>{if(!Dt.isPair(n))return!1;let r=n.value;return r==null||e&&Dt.isScalar(r)&&r.value==null&&!r.commentBefore&&!r.comment&&!r.tag})}hasIn(e){let[n,...r]=e;if(r.length===0)return this.has(n);let i=this.get(n,!0);return Dt.isCollection(i)?i.hasIn(r):!1}setIn(e,n){let[r,...i]=e;if(i.length===0)this.set(r,n);else{let s=this.get(r,!0);if(Dt.isCollection(s))s.setIn(i,n);else if(s===void 0&&this.schema)this.set(r,jd(this.schema,i,n));else throw new Error(`Expected YAML collection at ${r}. Remaining path: ${i}`)}}};da.Collection=Vd;da.collectionFromPath=jd;da.isEmptyPath=Ob});var rs=y(pa=>{"use strict";var fO=t=>t.replace(/^(?!$)(?: $)?/gm,"#");function Bd(t,e){return/^\n+$/.test(t)?t.substring(1):e?t.replace(/^(?! *$)/gm,e):t}var pO=(t,e,n)=>t.endsWith(`
`)?Bd(n,e):n.includes(`
`)?`
`+Bd(n,e):(t.endsWith(" ")?"":" ")+n;pa.indentComment=Bd;pa.lineComment=pO;pa.stringifyComment=fO});var Pb=y(is=>{"use strict";var mO="flow",Ud="block",ma="quoted";function hO(t,e,n="flow",{indentAtStart:r,lineWidth:i=80,minContentWidth:s=20,onFold:o,onOverflow:a}={}){if(!i||i<0)return t;i<s&&(s=0);let l=Math.max(1+s,1+i-e.length);if(t.length<=l)return t;let c=[],u={},d=i-e.length;typeof r=="number"&&(r>i-Math.max(2,s)?c.push(0):d=i-r);let f,m,h=!1,p=-1,g=-1,_=-1;n===Ud&&(p=Nb(t,p,e.length),p!==-1&&(d=p+l));for(let k;k=t[p+=1];){if(n===ma&&k==="\\"){switch(g=p,t[p+1]){case"x":p+=3;break;case"u":p+=5;break;case"U":p+=9;break;default:p+=1}_=p}if(k===`
`)n===Ud&&(p=Nb(t,p,e.length)),d=p+e.length+l,f=void 0;else{if(k===" "&&m&&m!==" "&&m!==`
`&&m!=="	"){let C=t[p+1];C&&C!==" "&&C!==`
`&&C!=="	"&&(f=p)}if(p>=d)if(f)c.push(f),d=f+l,f=void 0;else if(n===ma){for(;m===" "||m==="	";)m=k,k=t[p+=1],h=!0;let C=p>_+1?p-2:g-1;if(u[C])return t;c.push(C),u[C]=!0,d=C+l,f=void 0}else h=!0}m=k}if(h&&a&&a(),c.length===0)return t;o&&o();let b=t.slice(0,c[0]);for(let k=0;k<c.length;++k){let C=c[k],A=c[k+1]||t.length;C===0?b=`
${e}${t.slice(0,A)}`:(n===ma&&u[C]&&(b+=`${t[C]}\\`),b+=`
${e}${t.slice(C+1,A)}`)}return b}function Nb(t,e,n){let r=e,i=e+1,s=t[i];for(;s===" "||s==="	";)if(e<i+n)s=t[++e];else{do s=t[++e];while(s&&s!==`
`);r=e,i=e+1,s=t[i]}return r}is.FOLD_BLOCK=Ud;is.FOLD_FLOW=mO;is.FOLD_QUOTED=ma;is.foldFlowLines=hO});var os=y(xb=>{"use strict";var St=we(),hn=Pb(),ga=(t,e)=>({indentAtStart:e?t.indent.length:t.indentAtStart,lineWidth:t.options.lineWidth,minContentWidth:t.options.minContentWidth}),ya=t=>/^(%|---|\.\.\.)/m.test(t);function gO(t,e,n){if(!e||e<0)return!1;let r=e-n,i=t.length;if(i<=r)return!1;for(let s=0,o=0;s<i;++s)if(t[s]===`
`){if(s-o>r)return!0;if(o=s+1,i-o<=r)return!1}return!0}function ss(t,e){let n=JSON.stringify(t);if(e.options.doubleQuotedAsJSON)return n;let{implicitKey:r}=e,i=e.options.doubleQuotedMinMultiLineLength,s=e.indent||(ya(t)?"  ":""),o="",a=0;for(let l=0,c=n[l];c;c=n[++l])if(c===" "&&n[l+1]==="\\"&&n[l+2]==="n"&&(o+=n.slice(a,l)+"\\ ",l+=1,a=l,c="\\"),c==="\\")switch(n[l+1]){case"u":{o+=n.slice(a,l);let u=n.substr(l+2,4);switch(u){case"0000":o+="\\0";break;case"0007":o+="\\a";break;case"000b":o+="\\v";break;case"001b":o+="\\e";break;case"0085":o+="\\N";break;case"00a0":o+="\\_";break;case"2028":o+="\\L";break;case"2029":o+="\\P";break;default:u.substr(0,2)==="00"?o+="\\x"+u.substr(2):o+=n.substr(l,6)}l+=5,a=l+1}break;case"n":if(r||n[l+2]==='"'||n.length<i)l+=1;else{for(o+=n.slice(a,l)+`

`;n[l+2]==="\\"&&n[l+3]==="n"&&n[l+4]!=='"';)o+=`
`,l+=2;o+=s,n[l+2]===" "&&(o+="\\"),l+=1,a=l+1}break;default:l+=1}return o=a?o+n.slice(a):n,r?o:hn.foldFlowLines(o,s,hn.FOLD_QUOTED,ga(e,!1))}function Kd(t,e){if(e.options.singleQuote===!1||e.implicitKey&&t.includes(`
`)||/[ \t]\n|\n[ \t]/.test(t))return ss(t,e);let n=e.indent||(ya(t)?"  ":""),r="'"+t.replace(/'/g,"''").replace(/\n+/g,`$&
${n}`)+"'";return e.implicitKey?r:hn.foldFlowLines(r,n,hn.FOLD_FLOW,ga(e,!1))}function Lr(t,e){let{singleQuote:n}=e.options,r;if(n===!1)r=ss;else{let i=t.includes('"'),s=t.includes("'");i&&!s?r=Kd:s&&!i?r=ss:r=n?Kd:ss}return r(t,e)}var zd;try{zd=new RegExp(`(^|(?<!
))
+(?!
|$)`,"g")}catch{zd=/\n+(?!\n|$)/g}function ha({comment:t,type:e,value:n},r,i,s){let{blockQuote:o,commentString:a,lineWidth:l}=r.options;if(!o||/\n[\t ]+$/.test(n))return Lr(n,r);let c=r.indent||(r.forceBlockIndent||ya(n)?"  ":""),u=o==="literal"?!0:o==="folded"||e===St.Scalar.BLOCK_FOLDED?!1:e===St.Scalar.BLOCK_LITERAL?!0:!gO(n,l,c.length);if(!n)return u?`|
`:`>
`;let d,f;for(f=n.length;f>0;--f){let A=n[f-1];if(A!==`
`&&A!=="	"&&A!==" ")break}let m=n.substring(f),h=m.indexOf(`
`);h===-1?d="-":n===m||h!==m.length-1?(d="+",s&&s()):d="",m&&(n=n.slice(0,-m.length),m[m.length-1]===`
`&&(m=m.slice(0,-1)),m=m.replace(zd,`$&${c}`));let p=!1,g,_=-1;for(g=0;g<n.length;++g){let A=n[g];if(A===" ")p=!0;else if(A===`
`)_=g;else break}let b=n.substring(0,_<g?_+1:g);b&&(n=n.substring(b.length),b=b.replace(/\n+/g,`$&${c}`));let C=(p?c?"2":"1":"")+d;if(t&&(C+=" "+a(t.replace(/ ?[\r\n]+/g," ")),i&&i()),!u){let A=n.replace(/\n+/g,`
$&`).replace(/(?:^|\n)([\t ].*)(?:([\n\t ]*)\n(?![\n\t ]))?/g,"$1$2").replace(/\n+/g,`$&${c}`),I=!1,P=ga(r,!0);o!=="folded"&&e!==St.Scalar.BLOCK_FOLDED&&(P.onOverflow=()=>{I=!0});let T=hn.foldFlowLines(`${b}${A}${m}`,c,hn.FOLD_BLOCK,P);if(!I)return`>${C}
${c}${T}`}return n=n.replace(/\n+/g,`$&${c}`),`|${C}
${c}${b}${n}${m}`}function yO(t,e,n,r){let{type:i,value:s}=t,{actualString:o,implicitKey:a,indent:l,indentStep:c,inFlow:u}=e;if(a&&s.includes(`
`)||u&&/[[\]{},]/.test(s))return Lr(s,e);if(/^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/.test(s))return a||u||!s.includes(`
`)?Lr(s,e):ha(t,e,n,r);if(!a&&!u&&i!==St.Scalar.PLAIN&&s.includes(`
`))return ha(t,e,n,r);if(ya(s)){if(l==="")return e.forceBlockIndent=!0,ha(t,e,n,r);if(a&&l===c)return Lr(s,e)}let d=s.replace(/\n+/g,`$&
${l}`);if(o){let f=p=>p.default&&p.tag!=="tag:yaml.org,2002:str"&&p.test?.test(d),{compat:m,tags:h}=e.doc.schema;if(h.some(f)||m?.some(f))return Lr(s,e)}return a?d:hn.foldFlowLines(d,l,hn.FOLD_FLOW,ga(e,!1))}function _O(t,e,n,r){let{implicitKey:i,inFlow:s}=e,o=typeof t.value=="string"?t:Object.assign({},t,{value:String(t.value)}),{type:a}=t;a!==St.Scalar.QUOTE_DOUBLE&&/[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u.test(o.value)&&(a=St.Scalar.QUOTE_DOUBLE);let l=u=>{switch(u){case St.Scalar.BLOCK_FOLDED:case St.Scalar.BLOCK_LITERAL:return i||s?Lr(o.value,e):ha(o,e,n,r);case St.Scalar.QUOTE_DOUBLE:return ss(o.value,e);case St.Scalar.QUOTE_SINGLE:return Kd(o.value,e);case St.Scalar.PLAIN:return yO(o,e,n,r);default:return null}},c=l(a);if(c===null){let{defaultKeyType:u,defaultStringType:d}=e.options,f=i&&u||d;if(c=l(f),c===null)throw new Error(`Unsupported default string type ${f}`)}return c}xb.stringifyString=_O});var as=y(Hd=>{"use strict";var bO=la(),gn=J(),wO=rs(),vO=os();function kO(t,e){let n=Object.assign({blockQuote:!0,commentString:wO.stringifyComment,defaultKeyType:null,defaultStringType:"PLAIN",directives:null,doubleQuotedAsJSON:!1,doubleQuotedMinMultiLineLength:40,falseStr:"false",flowCollectionPadding:!0,indentSeq:!0,lineWidth:80,minContentWidth:20,nullStr:"null",simpleKeys:!1,singleQuote:null,trailingComma:!1,trueStr:"true",verifyAliasOrder:!0},t.schema.toStringOptions,e),r;switch(n.collectionStyle){case"block":r=!1;break;case"flow":r=!0;break;default:r=null}return{anchors:new Set,doc:t,flowCollectionPadding:n.flowCollectionPadding?" ":"",indent:"",indentStep:typeof n.indent=="number"?" ".repeat(n.indent):"  ",inFlow:r,options:n}}function SO(t,e){if(e.tag){let i=t.filter(s=>s.tag===e.tag);if(i.length>0)return i.find(s=>s.format===e.format)??i[0]}let n,r;if(gn.isScalar(e)){r=e.value;let i=t.filter(s=>s.identify?.(r));if(i.length>1){let s=i.filter(o=>o.test);s.length>0&&(i=s)}n=i.find(s=>s.format===e.format)??i.find(s=>!s.format)}else r=e,n=t.find(i=>i.nodeClass&&r instanceof i.nodeClass);if(!n){let i=r?.constructor?.name??(r===null?"null":typeof r);throw new Error(`Tag not resolved for ${i} value`)}return n}function AO(t,e,{anchors:n,doc:r}){if(!r.directives)return"";let i=[],s=(gn.isScalar(t)||gn.isCollection(t))&&t.anchor;s&&bO.anchorIsValid(s)&&(n.add(s),i.push(`&${s}`));let o=t.tag??(e.default?null:e.tag);return o&&i.push(r.directives.tagString(o)),i.join(" ")}function TO(t,e,n,r){if(gn.isPair(t))return t.toString(e,n,r);if(gn.isAlias(t)){if(e.doc.directives)return t.toString(e);if(e.resolvedAliases?.has(t))throw new TypeError("Cannot stringify circular structure without alias nodes");e.resolvedAliases?e.resolvedAliases.add(t):e.resolvedAliases=new Set([t]),t=t.resolve(e.doc)}let i,s=gn.isNode(t)?t:e.doc.createNode(t,{onTagObj:l=>i=l});i??(i=SO(e.doc.schema.tags,s));let o=AO(s,i,e);o.length>0&&(e.indentAtStart=(e.indentAtStart??0)+o.length+1);let a=typeof i.stringify=="function"?i.stringify(s,e,n,r):gn.isScalar(s)?vO.stringifyString(s,e,n,r):s.toString(e,n,r);return o?gn.isScalar(s)||a[0]==="{"||a[0]==="["?`${o} ${a}`:`${o}
${e.indent}${a}`:a}Hd.createStringifyContext=kO;Hd.stringify=TO});var qb=y(Mb=>{"use strict";var Qt=J(),Lb=we(),Db=as(),ls=rs();function CO({key:t,value:e},n,r,i){let{allNullValues:s,doc:o,indent:a,indentStep:l,options:{commentString:c,indentSeq:u,simpleKeys:d}}=n,f=Qt.isNode(t)&&t.comment||null;if(d){if(f)throw new Error("With simple keys, key nodes cannot have comments");if(Qt.isCollection(t)||!Qt.isNode(t)&&typeof t=="object"){let P="With simple keys, collection cannot be used as a key value";throw new Error(P)}}let m=!d&&(!t||f&&e==null&&!n.inFlow||Qt.isCollection(t)||(Qt.isScalar(t)?t.type===Lb.Scalar.BLOCK_FOLDED||t.type===Lb.Scalar.BLOCK_LITERAL:typeof t=="object"));n=Object.assign({},n,{allNullValues:!1,implicitKey:!m&&(d||!s),indent:a+l});let h=!1,p=!1,g=Db.stringify(t,n,()=>h=!0,()=>p=!0);if(!m&&!n.inFlow&&g.length>1024){if(d)throw new Error("With simple keys, single line scalar must not span more than 1024 characters");m=!0}if(n.inFlow){if(s||e==null)return h&&r&&r(),g===""?"?":m?`? ${g}`:g}else if(s&&!d||e==null&&m)return g=`? ${g}`,f&&!h?g+=ls.lineComment(g,n.indent,c(f)):p&&i&&i(),g;h&&(f=null),m?(f&&(g+=ls.lineComment(g,n.indent,c(f))),g=`? ${g}
${a}:`):(g=`${g}:`,f&&(g+=ls.lineComment(g,n.indent,c(f))));let _,b,k;Qt.isNode(e)?(_=!!e.spaceBefore,b=e.commentBefore,k=e.comment):(_=!1,b=null,k=null,e&&typeof e=="object"&&(e=o.createNode(e))),n.implicitKey=!1,!m&&!f&&Qt.isScalar(e)&&(n.indentAtStart=g.length+1),p=!1,!u&&l.length>=2&&!n.inFlow&&!m&&Qt.isSeq(e)&&!e.flow&&!e.tag&&!e.anchor&&(n.indent=n.indent.substring(2));let C=!1,A=Db.stringify(e,n,()=>C=!0,()=>p=!0),I=" ";if(f||_||b){if(I=_?`
`:"",b){let P=c(b);I+=`
${ls.indentComment(P,n.indent)}`}A===""&&!n.inFlow?I===`
`&&k&&(I=`

`):I+=`
${n.indent}`}else if(!m&&Qt.isCollection(e)){let P=A[0],T=A.indexOf(`
`),R=T!==-1,v=n.inFlow??e.flow??e.items.length===0;if(R||!v){let ne=!1;if(R&&(P==="&"||P==="!")){let D=A.indexOf(" ");P==="&"&&D!==-1&&D<T&&A[D+1]==="!"&&(D=A.indexOf(" ",D+1)),(D===-1||T<D)&&(ne=!0)}ne||(I=`
${n.indent}`)}}else(A===""||A[0]===`
`)&&(I="");return g+=I+A,n.inFlow?C&&r&&r():k&&!C?g+=ls.lineComment(g,n.indent,c(k)):p&&i&&i(),g}Mb.stringifyPair=CO});var Jd=y(Yd=>{"use strict";var Wb=Gt("process");function EO(t,...e){t==="debug"&&console.log(...e)}function $O(t,e){(t==="debug"||t==="warn")&&(typeof Wb.emitWarning=="function"?Wb.emitWarning(e):console.warn(e))}Yd.debug=EO;Yd.warn=$O});var ka=y(va=>{"use strict";var wa=J(),Gb=we(),_a="<<",ba={identify:t=>t===_a||typeof t=="symbol"&&t.description===_a,default:"key",tag:"tag:yaml.org,2002:merge",test:/^<<$/,resolve:()=>Object.assign(new Gb.Scalar(Symbol(_a)),{addToJSMap:Fb}),stringify:()=>_a},IO=(t,e)=>(ba.identify(e)||wa.isScalar(e)&&(!e.type||e.type===Gb.Scalar.PLAIN)&&ba.identify(e.value))&&t?.doc.schema.tags.some(n=>n.tag===ba.tag&&n.default);function Fb(t,e,n){let r=jb(t,n);if(wa.isSeq(r))for(let i of r.items)Xd(t,e,i);else if(Array.isArray(r))for(let i of r)Xd(t,e,i);else Xd(t,e,r)}function Xd(t,e,n){let r=jb(t,n);if(!wa.isMap(r))throw new Error("Merge sources must be maps or map aliases");let i=r.toJSON(null,t,Map);for(let[s,o]of i)e instanceof Map?e.has(s)||e.set(s,o):e instanceof Set?e.add(s):Object.prototype.hasOwnProperty.call(e,s)||Object.defineProperty(e,s,{value:o,writable:!0,enumerable:!0,configurable:!0});return e}function jb(t,e){return t&&wa.isAlias(e)?e.resolve(t.doc,t):e}va.addMergeToJSMap=Fb;va.isMergeKey=IO;va.merge=ba});var Zd=y(Ub=>{"use strict";var RO=Jd(),Vb=ka(),OO=as(),Bb=J(),Qd=pn();function NO(t,e,{key:n,value:r}){if(Bb.isNode(n)&&n.addToJSMap)n.addToJSMap(t,e,r);else if(Vb.isMergeKey(t,n))Vb.addMergeToJSMap(t,e,r);else{let i=Qd.toJS(n,"",t);if(e instanceof Map)e.set(i,Qd.toJS(r,i,t));else if(e instanceof Set)e.add(i);else{let s=PO(n,i,t),o=Qd.toJS(r,s,t);s in e?Object.defineProperty(e,s,{value:o,writable:!0,enumerable:!0,configurable:!0}):e[s]=o}}return e}function PO(t,e,n){if(e===null)return"";if(typeof e!="object")return String(e);if(Bb.isNode(t)&&n?.doc){let r=OO.createStringifyContext(n.doc,{});r.anchors=new Set;for(let s of n.anchors.keys())r.anchors.add(s.anchor);r.inFlow=!0,r.inStringifyKey=!0;let i=t.toString(r);if(!n.mapKeyWarned){let s=JSON.stringify(i);s.length>40&&(s=s.substring(0,36)+'..."'),RO.warn(n.doc.options.logLevel,`Keys with collection values will be stringified due to JS Object restrictions: ${s}. Set mapAsMap: true to use object keys.`),n.mapKeyWarned=!0}return i}return JSON.stringify(e)}Ub.addPairToJSMap=NO});var yn=y(ef=>{"use strict";var Kb=ns(),xO=qb(),LO=Zd(),Sa=J();function DO(t,e,n){let r=Kb.createNode(t,void 0,n),i=Kb.createNode(e,void 0,n);return new Aa(r,i)}var Aa=class t{constructor(e,n=null){Object.defineProperty(this,Sa.NODE_TYPE,{value:Sa.PAIR}),this.key=e,this.value=n}clone(e){let{key:n,value:r}=this;return Sa.isNode(n)&&(n=n.clone(e)),Sa.isNode(r)&&(r=r.clone(e)),new t(n,r)}toJSON(e,n){let r=n?.mapAsMap?new Map:{};return LO.addPairToJSMap(n,r,this)}toString(e,n,r){return e?.doc?xO.stringifyPair(this,e,n,r):JSON.stringify(this)}};ef.Pair=Aa;ef.createPair=DO});var tf=y(Hb=>{"use strict";var Qn=J(),zb=as(),Ta=rs();function MO(t,e,n){return(e.inFlow??t.flow?WO:qO)(t,e,n)}function qO({comment:t,items:e},n,{blockItemPrefix:r,flowChars:i,itemIndent:s,onChompKeep:o,onComment:a}){let{indent:l,options:{commentString:c}}=n,u=Object.assign({},n,{indent:s,type:null}),d=!1,f=[];for(let h=0;h<e.length;++h){let p=e[h],g=null;if(Qn.isNode(p))!d&&p.spaceBefore&&f.push(""),Ca(n,f,p.commentBefore,d),p.comment&&(g=p.comment);else if(Qn.isPair(p)){let b=Qn.isNode(p.key)?p.key:null;b&&(!d&&b.spaceBefore&&f.push(""),Ca(n,f,b.commentBefore,d))}d=!1;let _=zb.stringify(p,u,()=>g=null,()=>d=!0);g&&(_+=Ta.lineComment(_,s,c(g))),d&&g&&(d=!1),f.push(r+_)}let m;if(f.length===0)m=i.start+i.end;else{m=f[0];for(let h=1;h<f.length;++h){let p=f[h];m+=p?`
${l}${p}`:`
`}}return t?(m+=`
`+Ta.indentComment(c(t),l),a&&a()):d&&o&&o(),m}function WO({items:t},e,{flowChars:n,itemIndent:r}){let{indent:i,indentStep:s,flowCollectionPadding:o,options:{commentString:a}}=e;r+=s;let l=Object.assign({},e,{indent:r,inFlow:!0,type:null}),c=!1,u=0,d=[];for(let h=0;h<t.length;++h){let p=t[h],g=null;if(Qn.isNode(p))p.spaceBefore&&d.push(""),Ca(e,d,p.commentBefore,!1),p.comment&&(g=p.comment);else if(Qn.isPair(p)){let b=Qn.isNode(p.key)?p.key:null;b&&(b.spaceBefore&&d.push(""),Ca(e,d,b.commentBefore,!1),b.comment&&(c=!0));let k=Qn.isNode(p.value)?p.value:null;k?(k.comment&&(g=k.comment),k.commentBefore&&(c=!0)):p.value==null&&b?.comment&&(g=b.comment)}g&&(c=!0);let _=zb.stringify(p,l,()=>g=null);c||(c=d.length>u||_.includes(`
`)),h<t.length-1?_+=",":e.options.trailingComma&&(e.options.lineWidth>0&&(c||(c=d.reduce((b,k)=>b+k.length+2,2)+(_.length+2)>e.options.lineWidth)),c&&(_+=",")),g&&(_+=Ta.lineComment(_,r,a(g))),d.push(_),u=d.length}let{start:f,end:m}=n;if(d.length===0)return f+m;if(!c){let h=d.reduce((p,g)=>p+g.length+2,2);c=e.options.lineWidth>0&&h>e.options.lineWidth}if(c){let h=f;for(let p of d)h+=p?`
${s}${i}${p}`:`
`;return`${h}
${i}${m}`}else return`${f}${o}${d.join(" ")}${o}${m}`}function Ca({indent:t,options:{commentString:e}},n,r,i){if(r&&i&&(r=r.replace(/^\n+/,"")),r){let s=Ta.indentComment(e(r),t);n.push(s.trimStart())}}Hb.stringifyCollection=MO});var bn=y(rf=>{"use strict";var GO=tf(),FO=Zd(),jO=fa(),_n=J(),Ea=yn(),VO=we();function cs(t,e){let n=_n.isScalar(e)?e.value:e;for(let r of t)if(_n.isPair(r)&&(r.key===e||r.key===n||_n.isScalar(r.key)&&r.key.value===n))return r}var nf=class extends jO.Collection{static get tagName(){return"tag:yaml.org,2002:map"}constructor(e){super(_n.MAP,e),this.items=[]}static from(e,n,r){let{keepUndefined:i,replacer:s}=r,o=new this(e),a=(l,c)=>{if(typeof s=="function")c=s.call(n,l,c);else if(Array.isArray(s)&&!s.includes(l))return;(c!==void 0||i)&&o.items.push(Ea.createPair(l,c,r))};if(n instanceof Map)for(let[l,c]of n)a(l,c);else if(n&&typeof n=="object")for(let l of Object.keys(n))a(l,n[l]);return typeof e.sortMapEntries=="function"&&o.items.sort(e.sortMapEntries),o}add(e,n){let r;_n.isPair(e)?r=e:!e||typeof e!="object"||!("key"in e)?r=new Ea.Pair(e,e?.value):r=new Ea.Pair(e.key,e.value);let i=cs(this.items,r.key),s=this.schema?.sortMapEntries;if(i){if(!n)throw new Error(`Key ${r.key} already set`);_n.isScalar(i.value)&&VO.isScalarValue(r.value)?i.value.value=r.value:i.value=r.value}else if(s){let o=this.items.findIndex(a=>s(r,a)<0);o===-1?this.items.push(r):this.items.splice(o,0,r)}else this.items.push(r)}delete(e){let n=cs(this.items,e);return n?this.items.splice(this.items.indexOf(n),1).length>0:!1}get(e,n){let i=cs(this.items,e)?.value;return(!n&&_n.isScalar(i)?i.value:i)??void 0}has(e){return!!cs(this.items,e)}set(e,n){this.add(new Ea.Pair(e,n),!0)}toJSON(e,n,r){let i=r?new r:n?.mapAsMap?new Map:{};n?.onCreate&&n.onCreate(i);for(let s of this.items)FO.addPairToJSMap(n,i,s);return i}toString(e,n,r){if(!e)return JSON.stringify(this);for(let i of this.items)if(!_n.isPair(i))throw new Error(`Map items must all be pairs; found ${JSON.stringify(i)} instead`);return!e.allNullValues&&this.hasAllNullValues(!1)&&(e=Object.assign({},e,{allNullValues:!0})),GO.stringifyCollection(this,e,{blockItemPrefix:"",flowChars:{start:"{",end:"}"},itemIndent:e.indent||"",onChompKeep:r,onComment:n})}};rf.YAMLMap=nf;rf.findPair=cs});var Dr=y(Jb=>{"use strict";var BO=J(),Yb=bn(),UO={collection:"map",default:!0,nodeClass:Yb.YAMLMap,tag:"tag:yaml.org,2002:map",resolve(t,e){return BO.isMap(t)||e("Expected a mapping for this tag"),t},createNode:(t,e,n)=>Yb.YAMLMap.from(t,e,n)};Jb.map=UO});var wn=y(Xb=>{"use strict";var KO=ns(),zO=tf(),HO=fa(),Ia=J(),YO=we(),JO=pn(),sf=class extends HO.Collection{static get tagName(){return"tag:yaml.org,2002:seq"}constructor(e){super(Ia.SEQ,e),this.items=[]}add(e){this.items.push(e)}delete(e){let n=$a(e);return typeof n!="number"?!1:this.items.splice(n,1).length>0}get(e,n){let r=$a(e);if(typeof r!="number")return;let i=this.items[r];return!n&&Ia.isScalar(i)?i.value:i}has(e){let n=$a(e);return typeof n=="number"&&n<this.items.length}set(e,n){let r=$a(e);if(typeof r!="number")throw new Error(`Expected a valid index, not ${e}.`);let i=this.items[r];Ia.isScalar(i)&&YO.isScalarValue(n)?i.value=n:this.items[r]=n}toJSON(e,n){let r=[];n?.onCreate&&n.onCreate(r);let i=0;for(let s of this.items)r.push(JO.toJS(s,String(i++),n));return r}toString(e,n,r){return e?zO.stringifyCollection(this,e,{blockItemPrefix:"- ",flowChars:{start:"[",end:"]"},itemIndent:(e.indent||"")+"  ",onChompKeep:r,onComment:n}):JSON.stringify(this)}static from(e,n,r){let{replacer:i}=r,s=new this(e);if(n&&Symbol.iterator in Object(n)){let o=0;for(let a of n){if(typeof i=="function"){let l=n instanceof Set?a:String(o++);a=i.call(n,l,a)}s.items.push(KO.createNode(a,void 0,r))}}return s}};function $a(t){let e=Ia.isScalar(t)?t.value:t;return e&&typeof e=="string"&&(e=Number(e)),typeof e=="number"&&Number.isInteger(e)&&e>=0?e:null}Xb.YAMLSeq=sf});var Mr=y(Zb=>{"use strict";var XO=J(),Qb=wn(),QO={collection:"seq",default:!0,nodeClass:Qb.YAMLSeq,tag:"tag:yaml.org,2002:seq",resolve(t,e){return XO.isSeq(t)||e("Expected a sequence for this tag"),t},createNode:(t,e,n)=>Qb.YAMLSeq.from(t,e,n)};Zb.seq=QO});var us=y(ew=>{"use strict";var ZO=os(),eN={identify:t=>typeof t=="string",default:!0,tag:"tag:yaml.org,2002:str",resolve:t=>t,stringify(t,e,n,r){return e=Object.assign({actualString:!0},e),ZO.stringifyString(t,e,n,r)}};ew.string=eN});var Ra=y(rw=>{"use strict";var tw=we(),nw={identify:t=>t==null,createNode:()=>new tw.Scalar(null),default:!0,tag:"tag:yaml.org,2002:null",test:/^(?:~|[Nn]ull|NULL)?$/,resolve:()=>new tw.Scalar(null),stringify:({source:t},e)=>typeof t=="string"&&nw.test.test(t)?t:e.options.nullStr};rw.nullTag=nw});var of=y(sw=>{"use strict";var tN=we(),iw={identify:t=>typeof t=="boolean",default:!0,tag:"tag:yaml.org,2002:bool",test:/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,resolve:t=>new tN.Scalar(t[0]==="t"||t[0]==="T"),stringify({source:t,value:e},n){if(t&&iw.test.test(t)){let r=t[0]==="t"||t[0]==="T";if(e===r)return t}return e?n.options.trueStr:n.options.falseStr}};sw.boolTag=iw});var qr=y(ow=>{"use strict";function nN({format:t,minFractionDigits:e,tag:n,value:r}){if(typeof r=="bigint")return String(r);let i=typeof r=="number"?r:Number(r);if(!isFinite(i))return isNaN(i)?".nan":i<0?"-.inf":".inf";let s=Object.is(r,-0)?"-0":JSON.stringify(r);if(!t&&e&&(!n||n==="tag:yaml.org,2002:float")&&/^-?\d/.test(s)&&!s.includes("e")){let o=s.indexOf(".");o<0&&(o=s.length,s+=".");let a=e-(s.length-o-1);for(;a-- >0;)s+="0"}return s}ow.stringifyNumber=nN});var lf=y(Oa=>{"use strict";var rN=we(),af=qr(),iN={identify:t=>typeof t=="number",default:!0,tag:"tag:yaml.org,2002:float",test:/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,resolve:t=>t.slice(-3).toLowerCase()==="nan"?NaN:t[0]==="-"?Number.NEGATIVE_INFINITY:Number.POSITIVE_INFINITY,stringify:af.stringifyNumber},sN={identify:t=>typeof t=="number",default:!0,tag:"tag:yaml.org,2002:float",format:"EXP",test:/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,resolve:t=>parseFloat(t),stringify(t){let e=Number(t.value);return isFinite(e)?e.toExponential():af.stringifyNumber(t)}},oN={identify:t=>typeof t=="number",default:!0,tag:"tag:yaml.org,2002:float",test:/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,resolve(t){let e=new rN.Scalar(parseFloat(t)),n=t.indexOf(".");return n!==-1&&t[t.length-1]==="0"&&(e.minFractionDigits=t.length-n-1),e},stringify:af.stringifyNumber};Oa.float=oN;Oa.floatExp=sN;Oa.floatNaN=iN});var uf=y(Pa=>{"use strict";var aw=qr(),Na=t=>typeof t=="bigint"||Number.isInteger(t),cf=(t,e,n,{intAsBigInt:r})=>r?BigInt(t):parseInt(t.substring(e),n);function lw(t,e,n){let{value:r}=t;return Na(r)&&r>=0?n+r.toString(e):aw.stringifyNumber(t)}var aN={identify:t=>Na(t)&&t>=0,default:!0,tag:"tag:yaml.org,2002:int",format:"OCT",test:/^0o[0-7]+$/,resolve:(t,e,n)=>cf(t,2,8,n),stringify:t=>lw(t,8,"0o")},lN={identify:Na,default:!0,tag:"tag:yaml.org,2002:int",test:/^[-+]?[0-9]+$/,resolve:(t,e,n)=>cf(t,0,10,n),stringify:aw.stringifyNumber},cN={identify:t=>Na(t)&&t>=0,default:!0,tag:"tag:yaml.org,2002:int",format:"HEX",test:/^0x[0-9a-fA-F]+$/,resolve:(t,e,n)=>cf(t,2,16,n),stringify:t=>lw(t,16,"0x")};Pa.int=lN;Pa.intHex=cN;Pa.intOct=aN});var uw=y(cw=>{"use strict";var uN=Dr(),dN=Ra(),fN=Mr(),pN=us(),mN=of(),df=lf(),ff=uf(),hN=[uN.map,fN.seq,pN.string,dN.nullTag,mN.boolTag,ff.intOct,ff.int,ff.intHex,df.floatNaN,df.floatExp,df.float];cw.schema=hN});var pw=y(fw=>{"use strict";var gN=we(),yN=Dr(),_N=Mr();function dw(t){return typeof t=="bigint"||Number.isInteger(t)}var xa=({value:t})=>JSON.stringify(t),bN=[{identify:t=>typeof t=="string",default:!0,tag:"tag:yaml.org,2002:str",resolve:t=>t,stringify:xa},{identify:t=>t==null,createNode:()=>new gN.Scalar(null),default:!0,tag:"tag:yaml.org,2002:null",test:/^null$/,resolve:()=>null,stringify:xa},{identify:t=>typeof t=="boolean",default:!0,tag:"tag:yaml.org,2002:bool",test:/^true$|^false$/,resolve:t=>t==="true",stringify:xa},{identify:dw,default:!0,tag:"tag:yaml.org,2002:int",test:/^-?(?:0|[1-9][0-9]*)$/,resolve:(t,e,{intAsBigInt:n})=>n?BigInt(t):parseInt(t,10),stringify:({value:t})=>dw(t)?t.toString():JSON.stringify(t)},{identify:t=>typeof t=="number",default:!0,tag:"tag:yaml.org,2002:float",test:/^-?(?:0|[1-9][0-9]*)(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?$/,resolve:t=>parseFloat(t),stringify:xa}],wN={default:!0,tag:"",test:/^/,resolve(t,e){return e(`Unresolved plain scalar ${JSON.stringify(t)}`),t}},vN=[yN.map,_N.seq].concat(bN,wN);fw.schema=vN});var mf=y(mw=>{"use strict";var ds=Gt("buffer"),pf=we(),kN=os(),SN={identify:t=>t instanceof Uint8Array,default:!1,tag:"tag:yaml.org,2002:binary",resolve(t,e){if(typeof ds.Buffer=="function")return ds.Buffer.from(t,"base64");if(typeof atob=="function"){let n=atob(t.replace(/[\n\r]/g,"")),r=new Uint8Array(n.length);for(let i=0;i<n.length;++i)r[i]=n.charCodeAt(i);return r}else return e("This environment does not support reading binary tags; either Buffer or atob is required"),t},stringify({comment:t,type:e,value:n},r,i,s){if(!n)return"";let o=n,a;if(typeof ds.Buffer=="function")a=o instanceof ds.Buffer?o.toString("base64"):ds.Buffer.from(o.buffer).toString("base64");else if(typeof btoa=="function"){let l="";for(let c=0;c<o.length;++c)l+=String.fromCharCode(o[c]);a=btoa(l)}else throw new Error("This environment does not support writing binary tags; either Buffer or btoa is required");if(e??(e=pf.Scalar.BLOCK_LITERAL),e!==pf.Scalar.QUOTE_DOUBLE){let l=Math.max(r.options.lineWidth-r.indent.length,r.options.minContentWidth),c=Math.ceil(a.length/l),u=new Array(c);for(let d=0,f=0;d<c;++d,f+=l)u[d]=a.substr(f,l);a=u.join(e===pf.Scalar.BLOCK_LITERAL?`
`:" ")}return kN.stringifyString({comment:t,type:e,value:a},r,i,s)}};mw.binary=SN});var Ma=y(Da=>{"use strict";var La=J(),hf=yn(),AN=we(),TN=wn();function hw(t,e){if(La.isSeq(t))for(let n=0;n<t.items.length;++n){let r=t.items[n];if(!La.isPair(r)){if(La.isMap(r)){r.items.length>1&&e("Each pair must have its own sequence indicator");let i=r.items[0]||new hf.Pair(new AN.Scalar(null));if(r.commentBefore&&(i.key.commentBefore=i.key.commentBefore?`${r.commentBefore}
${i.key.commentBefore}`:r.commentBefore),r.comment){let s=i.value??i.key;s.comment=s.comment?`${r.comment}
${s.comment}`:r.comment}r=i}t.items[n]=La.isPair(r)?r:new hf.Pair(r)}}else e("Expected a sequence for this tag");return t}function gw(t,e,n){let{replacer:r}=n,i=new TN.YAMLSeq(t);i.tag="tag:yaml.org,2002:pairs";let s=0;if(e&&Symbol.iterator in Object(e))for(let o of e){typeof r=="function"&&(o=r.call(e,String(s++),o));let a,l;if(Array.isArray(o))if(o.length===2)a=o[0],l=o[1];else throw new TypeError(`Expected [key, value] tuple: ${o}`);else if(o&&o instanceof Object){let c=Object.keys(o);if(c.length===1)a=c[0],l=o[a];else throw new TypeError(`Expected tuple with one key, not ${c.length} keys`)}else a=o;i.items.push(hf.createPair(a,l,n))}return i}var CN={collection:"seq",default:!1,tag:"tag:yaml.org,2002:pairs",resolve:hw,createNode:gw};Da.createPairs=gw;Da.pairs=CN;Da.resolvePairs=hw});var _f=y(yf=>{"use strict";var yw=J(),gf=pn(),fs=bn(),EN=wn(),_w=Ma(),Zn=class t extends EN.YAMLSeq{constructor(){super(),this.add=fs.YAMLMap.prototype.add.bind(this),this.delete=fs.YAMLMap.prototype.delete.bind(this),this.get=fs.YAMLMap.prototype.get.bind(this),this.has=fs.YAMLMap.prototype.has.bind(this),this.set=fs.YAMLMap.prototype.set.bind(this),this.tag=t.tag}toJSON(e,n){if(!n)return super.toJSON(e);let r=new Map;n?.onCreate&&n.onCreate(r);for(let i of this.items){let s,o;if(yw.isPair(i)?(s=gf.toJS(i.key,"",n),o=gf.toJS(i.value,s,n)):s=gf.toJS(i,"",n),r.has(s))throw new Error("Ordered maps must not include duplicate keys");r.set(s,o)}return r}static from(e,n,r){let i=_w.createPairs(e,n,r),s=new this;return s.items=i.items,s}};Zn.tag="tag:yaml.org,2002:omap";var $N={collection:"seq",identify:t=>t instanceof Map,nodeClass:Zn,default:!1,tag:"tag:yaml.org,2002:omap",resolve(t,e){let n=_w.resolvePairs(t,e),r=[];for(let{key:i}of n.items)yw.isScalar(i)&&(r.includes(i.value)?e(`Ordered maps must not include duplicate keys: ${i.value}`):r.push(i.value));return Object.assign(new Zn,n)},createNode:(t,e,n)=>Zn.from(t,e,n)};yf.YAMLOMap=Zn;yf.omap=$N});var Sw=y(bf=>{"use strict";var bw=we();function ww({value:t,source:e},n){return e&&(t?vw:kw).test.test(e)?e:t?n.options.trueStr:n.options.falseStr}var vw={identify:t=>t===!0,default:!0,tag:"tag:yaml.org,2002:bool",test:/^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/,resolve:()=>new bw.Scalar(!0),stringify:ww},kw={identify:t=>t===!1,default:!0,tag:"tag:yaml.org,2002:bool",test:/^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/,resolve:()=>new bw.Scalar(!1),stringify:ww};bf.falseTag=kw;bf.trueTag=vw});var Aw=y(qa=>{"use strict";var IN=we(),wf=qr(),RN={identify:t=>typeof t=="number",default:!0,tag:"tag:yaml.org,2002:float",test:/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,resolve:t=>t.slice(-3).toLowerCase()==="nan"?NaN:t[0]==="-"?Number.NEGATIVE_INFINITY:Number.POSITIVE_INFINITY,stringify:wf.stringifyNumber},ON={identify:t=>typeof t=="number",default:!0,tag:"tag:yaml.org,2002:float",format:"EXP",test:/^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/,resolve:t=>parseFloat(t.replace(/_/g,"")),stringify(t){let e=Number(t.value);return isFinite(e)?e.toExponential():wf.stringifyNumber(t)}},NN={identify:t=>typeof t=="number",default:!0,tag:"tag:yaml.org,2002:float",test:/^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/,resolve(t){let e=new IN.Scalar(parseFloat(t.replace(/_/g,""))),n=t.indexOf(".");if(n!==-1){let r=t.substring(n+1).replace(/_/g,"");r[r.length-1]==="0"&&(e.minFractionDigits=r.length)}return e},stringify:wf.stringifyNumber};qa.float=NN;qa.floatExp=ON;qa.floatNaN=RN});var Cw=y(ms=>{"use strict";var Tw=qr(),ps=t=>typeof t=="bigint"||Number.isInteger(t);function Wa(t,e,n,{intAsBigInt:r}){let i=t[0];if((i==="-"||i==="+")&&(e+=1),t=t.substring(e).replace(/_/g,""),r){switch(n){case 2:t=`0b${t}`;break;case 8:t=`0o${t}`;break;case 16:t=`0x${t}`;break}let o=BigInt(t);return i==="-"?BigInt(-1)*o:o}let s=parseInt(t,n);return i==="-"?-1*s:s}function vf(t,e,n){let{value:r}=t;if(ps(r)){let i=r.toString(e);return r<0?"-"+n+i.substr(1):n+i}return Tw.stringifyNumber(t)}var PN={identify:ps,default:!0,tag:"tag:yaml.org,2002:int",format:"BIN",test:/^[-+]?0b[0-1_]+$/,resolve:(t,e,n)=>Wa(t,2,2,n),stringify:t=>vf(t,2,"0b")},xN={identify:ps,default:!0,tag:"tag:yaml.org,2002:int",format:"OCT",test:/^[-+]?0[0-7_]+$/,resolve:(t,e,n)=>Wa(t,1,8,n),stringify:t=>vf(t,8,"0")},LN={identify:ps,default:!0,tag:"tag:yaml.org,2002:int",test:/^[-+]?[0-9][0-9_]*$/,resolve:(t,e,n)=>Wa(t,0,10,n),stringify:Tw.stringifyNumber},DN={identify:ps,default:!0,tag:"tag:yaml.org,2002:int",format:"HEX",test:/^[-+]?0x[0-9a-fA-F_]+$/,resolve:(t,e,n)=>Wa(t,2,16,n),stringify:t=>vf(t,16,"0x")};ms.int=LN;ms.intBin=PN;ms.intHex=DN;ms.intOct=xN});var Sf=y(kf=>{"use strict";var ja=J(),Ga=yn(),Fa=bn(),er=class t extends Fa.YAMLMap{constructor(e){super(e),this.tag=t.tag}add(e){let n;ja.isPair(e)?n=e:e&&typeof e=="object"&&"key"in e&&"value"in e&&e.value===null?n=new Ga.Pair(e.key,null):n=new Ga.Pair(e,null),Fa.findPair(this.items,n.key)||this.items.push(n)}get(e,n){let r=Fa.findPair(this.items,e);return!n&&ja.isPair(r)?ja.isScalar(r.key)?r.key.value:r.key:r}set(e,n){if(typeof n!="boolean")throw new Error(`Expected boolean value for set(key, value) in a YAML set, not ${typeof n}`);let r=Fa.findPair(this.items,e);r&&!n?this.items.splice(this.items.indexOf(r),1):!r&&n&&this.items.push(new Ga.Pair(e))}toJSON(e,n){return super.toJSON(e,n,Set)}toString(e,n,r){if(!e)return JSON.stringify(this);if(this.hasAllNullValues(!0))return super.toString(Object.assign({},e,{allNullValues:!0}),n,r);throw new Error("Set items must all have null values")}static from(e,n,r){let{replacer:i}=r,s=new this(e);if(n&&Symbol.iterator in Object(n))for(let o of n)typeof i=="function"&&(o=i.call(n,o,o)),s.items.push(Ga.createPair(o,null,r));return s}};er.tag="tag:yaml.org,2002:set";var MN={collection:"map",identify:t=>t instanceof Set,nodeClass:er,default:!1,tag:"tag:yaml.org,2002:set",createNode:(t,e,n)=>er.from(t,e,n),resolve(t,e){if(ja.isMap(t)){if(t.hasAllNullValues(!0))return Object.assign(new er,t);e("Set items must all have null values")}else e("Expected a mapping for this tag");return t}};kf.YAMLSet=er;kf.set=MN});var Tf=y(Va=>{"use strict";var qN=qr();function Af(t,e){let n=t[0],r=n==="-"||n==="+"?t.substring(1):t,i=o=>e?BigInt(o):Number(o),s=r.replace(/_/g,"").split(":").reduce((o,a)=>o*i(60)+i(a),i(0));return n==="-"?i(-1)*s:s}function Ew(t){let{value:e}=t,n=o=>o;if(typeof e=="bigint")n=o=>BigInt(o);else if(isNaN(e)||!isFinite(e))return qN.stringifyNumber(t);let r="";e<0&&(r="-",e*=n(-1));let i=n(60),s=[e%i];return e<60?s.unshift(0):(e=(e-s[0])/i,s.unshift(e%i),e>=60&&(e=(e-s[0])/i,s.unshift(e))),r+s.map(o=>String(o).padStart(2,"0")).join(":").replace(/000000\d*$/,"")}var WN={identify:t=>typeof t=="bigint"||Number.isInteger(t),default:!0,tag:"tag:yaml.org,2002:int",format:"TIME",test:/^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+$/,resolve:(t,e,{intAsBigInt:n})=>Af(t,n),stringify:Ew},GN={identify:t=>typeof t=="number",default:!0,tag:"tag:yaml.org,2002:float",format:"TIME",test:/^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$/,resolve:t=>Af(t,!1),stringify:Ew},$w={identify:t=>t instanceof Date,default:!0,tag:"tag:yaml.org,2002:timestamp",test:RegExp("^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:t|T|[ \\t]+)([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2}(\\.[0-9]+)?)(?:[ \\t]*(Z|[-+][012]?[0-9](?::[0-9]{2})?))?)?$"),resolve(t){let e=t.match($w.test);if(!e)throw new Error("!!timestamp expects a date, starting with yyyy-mm-dd");let[,n,r,i,s,o,a]=e.map(Number),l=e[7]?Number((e[7]+"00").substr(1,3)):0,c=Date.UTC(n,r-1,i,s||0,o||0,a||0,l),u=e[8];if(u&&u!=="Z"){let d=Af(u,!1);Math.abs(d)<30&&(d*=60),c-=6e4*d}return new Date(c)},stringify:({value:t})=>t?.toISOString().replace(/(T00:00:00)?\.000Z$/,"")??""};Va.floatTime=GN;Va.intTime=WN;Va.timestamp=$w});var Ow=y(Rw=>{"use strict";var FN=Dr(),jN=Ra(),VN=Mr(),BN=us(),UN=mf(),Iw=Sw(),Cf=Aw(),Ba=Cw(),KN=ka(),zN=_f(),HN=Ma(),YN=Sf(),Ef=Tf(),JN=[FN.map,VN.seq,BN.string,jN.nullTag,Iw.trueTag,Iw.falseTag,Ba.intBin,Ba.intOct,Ba.int,Ba.intHex,Cf.floatNaN,Cf.floatExp,Cf.float,UN.binary,KN.merge,zN.omap,HN.pairs,YN.set,Ef.intTime,Ef.floatTime,Ef.timestamp];Rw.schema=JN});var Fw=y(Rf=>{"use strict";var Lw=Dr(),XN=Ra(),Dw=Mr(),QN=us(),ZN=of(),$f=lf(),If=uf(),eP=uw(),tP=pw(),Mw=mf(),hs=ka(),qw=_f(),Ww=Ma(),Nw=Ow(),Gw=Sf(),Ua=Tf(),Pw=new Map([["core",eP.schema],["failsafe",[Lw.map,Dw.seq,QN.string]],["json",tP.schema],["yaml11",Nw.schema],["yaml-1.1",Nw.schema]]),xw={binary:Mw.binary,bool:ZN.boolTag,float:$f.float,floatExp:$f.floatExp,floatNaN:$f.floatNaN,floatTime:Ua.floatTime,int:If.int,intHex:If.intHex,intOct:If.intOct,intTime:Ua.intTime,map:Lw.map,merge:hs.merge,null:XN.nullTag,omap:qw.omap,pairs:Ww.pairs,seq:Dw.seq,set:Gw.set,timestamp:Ua.timestamp},nP={"tag:yaml.org,2002:binary":Mw.binary,"tag:yaml.org,2002:merge":hs.merge,"tag:yaml.org,2002:omap":qw.omap,"tag:yaml.org,2002:pairs":Ww.pairs,"tag:yaml.org,2002:set":Gw.set,"tag:yaml.org,2002:timestamp":Ua.timestamp};function rP(t,e,n){let r=Pw.get(e);if(r&&!t)return n&&!r.includes(hs.merge)?r.concat(hs.merge):r.slice();let i=r;if(!i)if(Array.isArray(t))i=[];else{let s=Array.from(Pw.keys()).filter(o=>o!=="yaml11").map(o=>JSON.stringify(o)).join(", ");throw new Error(`Unknown schema "${e}"; use one of ${s} or define customTags array`)}if(Array.isArray(t))for(let s of t)i=i.concat(s);else typeof t=="function"&&(i=t(i.slice()));return n&&(i=i.concat(hs.merge)),i.reduce((s,o)=>{let a=typeof o=="string"?xw[o]:o;if(!a){let l=JSON.stringify(o),c=Object.keys(xw).map(u=>JSON.stringify(u)).join(", ");throw new Error(`Unknown custom tag ${l}; use one of ${c}`)}return s.includes(a)||s.push(a),s},[])}Rf.coreKnownTags=nP;Rf.getTags=rP});var Pf=y(jw=>{"use strict";var Of=J(),iP=Dr(),sP=Mr(),oP=us(),Ka=Fw(),aP=(t,e)=>t.key<e.key?-1:t.key>e.key?1:0,Nf=class t{constructor({compat:e,customTags:n,merge:r,resolveKnownTags:i,schema:s,sortMapEntries:o,toStringDefaults:a}){this.compat=Array.isArray(e)?Ka.getTags(e,"compat"):e?Ka.getTags(null,e):null,this.name=typeof s=="string"&&s||"core",this.knownTags=i?Ka.coreKnownTags:{},this.tags=Ka.getTags(n,this.name,r),this.toStringOptions=a??null,Object.defineProperty(this,Of.MAP,{value:iP.map}),Object.defineProperty(this,Of.SCALAR,{value:oP.string}),Object.defineProperty(this,Of.SEQ,{value:sP.seq}),this.sortMapEntries=typeof o=="function"?o:o===!0?aP:null}clone(){let e=Object.create(t.prototype,Object.getOwnPropertyDescriptors(this));return e.tags=this.tags.slice(),e}};jw.Schema=Nf});var Bw=y(Vw=>{"use strict";var lP=J(),xf=as(),gs=rs();function cP(t,e){let n=[],r=e.directives===!0;if(e.directives!==!1&&t.directives){let l=t.directives.toString(t);l?(n.push(l),r=!0):t.directives.docStart&&(r=!0)}r&&n.push("---");let i=xf.createStringifyContext(t,e),{commentString:s}=i.options;if(t.commentBefore){n.length!==1&&n.unshift("");let l=s(t.commentBefore);n.unshift(gs.indentComment(l,""))}let o=!1,a=null;if(t.contents){if(lP.isNode(t.contents)){if(t.contents.spaceBefore&&r&&n.push(""),t.contents.commentBefore){let u=s(t.contents.commentBefore);n.push(gs.indentComment(u,""))}i.forceBlockIndent=!!t.comment,a=t.contents.comment}let l=a?void 0:()=>o=!0,c=xf.stringify(t.contents,i,()=>a=null,l);a&&(c+=gs.lineComment(c,"",s(a))),(c[0]==="|"||c[0]===">")&&n[n.length-1]==="---"?n[n.length-1]=`--- ${c}`:n.push(c)}else n.push(xf.stringify(t.contents,i));if(t.directives?.docEnd)if(t.comment){let l=s(t.comment);l.includes(`
`)?(n.push("..."),n.push(gs.indentComment(l,""))):n.push(`... ${l}`)}else n.push("...");else{let l=t.comment;l&&o&&(l=l.replace(/^\n+/,"")),l&&((!o||a)&&n[n.length-1]!==""&&n.push(""),n.push(gs.indentComment(s(l),"")))}return n.join(`
`)+`
`}Vw.stringifyDocument=cP});var ys=y(Uw=>{"use strict";var uP=ts(),Wr=fa(),pt=J(),dP=yn(),fP=pn(),pP=Pf(),mP=Bw(),Lf=la(),hP=qd(),gP=ns(),Df=Md(),Mf=class t{constructor(e,n,r){this.commentBefore=null,this.comment=null,this.errors=[],this.warnings=[],Object.defineProperty(this,pt.NODE_TYPE,{value:pt.DOC});let i=null;typeof n=="function"||Array.isArray(n)?i=n:r===void 0&&n&&(r=n,n=void 0);let s=Object.assign({intAsBigInt:!1,keepSourceTokens:!1,logLevel:"warn",prettyErrors:!0,strict:!0,stringKeys:!1,uniqueKeys:!0,version:"1.2"},r);this.options=s;let{version:o}=s;r?._directives?(this.directives=r._directives.atDocument(),this.directives.yaml.explicit&&(o=this.directives.yaml.version)):this.directives=new Df.Directives({version:o}),this.setSchema(o,r),this.contents=e===void 0?null:this.createNode(e,i,r)}clone(){let e=Object.create(t.prototype,{[pt.NODE_TYPE]:{value:pt.DOC}});return e.commentBefore=this.commentBefore,e.comment=this.comment,e.errors=this.errors.slice(),e.warnings=this.warnings.slice(),e.options=Object.assign({},this.options),this.directives&&(e.directives=this.directives.clone()),e.schema=this.schema.clone(),e.contents=pt.isNode(this.contents)?this.contents.clone(e.schema):this.contents,this.range&&(e.range=this.range.slice()),e}add(e){Gr(this.contents)&&this.contents.add(e)}addIn(e,n){Gr(this.contents)&&this.contents.addIn(e,n)}createAlias(e,n){if(!e.anchor){let r=Lf.anchorNames(this);e.anchor=!n||r.has(n)?Lf.findNewAnchor(n||"a",r):n}return new uP.Alias(e.anchor)}createNode(e,n,r){let i;if(typeof n=="function")e=n.call({"":e},"",e),i=n;else if(Array.isArray(n)){let g=b=>typeof b=="number"||b instanceof String||b instanceof Number,_=n.filter(g).map(String);_.length>0&&(n=n.concat(_)),i=n}else r===void 0&&n&&(r=n,n=void 0);let{aliasDuplicateObjects:s,anchorPrefix:o,flow:a,keepUndefined:l,onTagObj:c,tag:u}=r??{},{onAnchor:d,setAnchors:f,sourceObjects:m}=Lf.createNodeAnchors(this,o||"a"),h={aliasDuplicateObjects:s??!0,keepUndefined:l??!1,onAnchor:d,onTagObj:c,replacer:i,schema:this.schema,sourceObjects:m},p=gP.createNode(e,u,h);return a&&pt.isCollection(p)&&(p.flow=!0),f(),p}createPair(e,n,r={}){let i=this.createNode(e,null,r),s=this.createNode(n,null,r);return new dP.Pair(i,s)}delete(e){return Gr(this.contents)?this.contents.delete(e):!1}deleteIn(e){return Wr.isEmptyPath(e)?this.contents==null?!1:(this.contents=null,!0):Gr(this.contents)?this.contents.deleteIn(e):!1}get(e,n){return pt.isCollection(this.contents)?this.contents.get(e,n):void 0}getIn(e,n){return Wr.isEmptyPath(e)?!n&&pt.isScalar(this.contents)?this.contents.value:this.contents:pt.isCollection(this.contents)?this.contents.getIn(e,n):void 0}has(e){return pt.isCollection(this.contents)?this.contents.has(e):!1}hasIn(e){return Wr.isEmptyPath(e)?this.contents!==void 0:pt.isCollection(this.contents)?this.contents.hasIn(e):!1}set(e,n){this.contents==null?this.contents=Wr.collectionFromPath(this.schema,[e],n):Gr(this.contents)&&this.contents.set(e,n)}setIn(e,n){Wr.isEmptyPath(e)?this.contents=n:this.contents==null?this.contents=Wr.collectionFromPath(this.schema,Array.from(e),n):Gr(this.contents)&&this.contents.setIn(e,n)}setSchema(e,n={}){typeof e=="number"&&(e=String(e));let r;switch(e){case"1.1":this.directives?this.directives.yaml.version="1.1":this.directives=new Df.Directives({version:"1.1"}),r={resolveKnownTags:!1,schema:"yaml-1.1"};break;case"1.2":case"next":this.directives?this.directives.yaml.version=e:this.directives=new Df.Directives({version:e}),r={resolveKnownTags:!0,schema:"core"};break;case null:this.directives&&delete this.directives,r=null;break;default:{let i=JSON.stringify(e);throw new Error(`Expected '1.1', '1.2' or null as first argument, but found: ${i}`)}}if(n.schema instanceof Object)this.schema=n.schema;else if(r)this.schema=new pP.Schema(Object.assign(r,n));else throw new Error("With a null YAML version, the { schema: Schema } option is required")}toJS({json:e,jsonArg:n,mapAsMap:r,maxAliasCount:i,onAnchor:s,reviver:o}={}){let a={anchors:new Map,doc:this,keep:!e,mapAsMap:r===!0,mapKeyWarned:!1,maxAliasCount:typeof i=="number"?i:100},l=fP.toJS(this.contents,n??"",a);if(typeof s=="function")for(let{count:c,res:u}of a.anchors.values())s(u,c);return typeof o=="function"?hP.applyReviver(o,{"":l},"",l):l}toJSON(e,n){return this.toJS({json:!0,jsonArg:e,mapAsMap:!1,onAnchor:n})}toString(e={}){if(this.errors.length>0)throw new Error("Document with errors cannot be stringified");if("indent"in e&&(!Number.isInteger(e.indent)||Number(e.indent)<=0)){let n=JSON.stringify(e.indent);throw new Error(`"indent" option must be a positive integer, not ${n}`)}return mP.stringifyDocument(this,e)}};function Gr(t){if(pt.isCollection(t))return!0;throw new Error("Expected a YAML collection as document contents")}Uw.Document=Mf});var ws=y(bs=>{"use strict";var _s=class extends Error{constructor(e,n,r,i){super(),this.name=e,this.code=r,this.message=i,this.pos=n}},qf=class extends _s{constructor(e,n,r){super("YAMLParseError",e,n,r)}},Wf=class extends _s{constructor(e,n,r){super("YAMLWarning",e,n,r)}},yP=(t,e)=>n=>{if(n.pos[0]===-1)return;n.linePos=n.pos.map(a=>e.linePos(a));let{line:r,col:i}=n.linePos[0];n.message+=` at line ${r}, column ${i}`;let s=i-1,o=t.substring(e.lineStarts[r-1],e.lineStarts[r]).replace(/[\n\r]+$/,"");if(s>=60&&o.length>80){let a=Math.min(s-39,o.length-79);o="…"+o.substring(a),s-=a-1}if(o.length>80&&(o=o.substring(0,79)+"…"),r>1&&/^ *$/.test(o.substring(0,s))){let a=t.substring(e.lineStarts[r-2],e.lineStarts[r-1]);a.length>80&&(a=a.substring(0,79)+`…
`),o=a+o}if(/[^ ]/.test(o)){let a=1,l=n.linePos[1];l?.line===r&&l.col>i&&(a=Math.max(1,Math.min(l.col-i,80-s)));let c=" ".repeat(s)+"^".repeat(a);n.message+=`:

${o}
${c}
`}};bs.YAMLError=_s;bs.YAMLParseError=qf;bs.YAMLWarning=Wf;bs.prettifyError=yP});var vs=y(Kw=>{"use strict";function _P(t,{flow:e,indicator:n,next:r,offset:i,onError:s,parentIndent:o,startOnNewline:a}){let l=!1,c=a,u=a,d="",f="",m=!1,h=!1,p=null,g=null,_=null,b=null,k=null,C=null,A=null;for(let T of t)switch(h&&(T.type!=="space"&&T.type!=="newline"&&T.type!=="comma"&&s(T.offset,"MISSING_CHAR","Tags and anchors must be separated from the next token by white space"),h=!1),p&&(c&&T.type!=="comment"&&T.type!=="newline"&&s(p,"TAB_AS_INDENT","Tabs are not allowed as indentation"),p=null),T.type){case"space":!e&&(n!=="doc-start"||r?.type!=="flow-collection")&&T.source.includes("	")&&(p=T),u=!0;break;case"comment":{u||s(T,"MISSING_CHAR","Comments must be separated from other tokens by white space characters");let R=T.source.substring(1)||" ";d?d+=f+R:d=R,f="",c=!1;break}case"newline":c?d?d+=T.source:(!C||n!=="seq-item-ind")&&(l=!0):f+=T.source,c=!0,m=!0,(g||_)&&(b=T),u=!0;break;case"anchor":g&&s(T,"MULTIPLE_ANCHORS","A node can have at most one anchor"),T.source.endsWith(":")&&s(T.offset+T.source.length-1,"BAD_ALIAS","Anchor ending in : is ambiguous",!0),g=T,A??(A=T.offset),c=!1,u=!1,h=!0;break;case"tag":{_&&s(T,"MULTIPLE_TAGS","A node can have at most one tag"),_=T,A??(A=T.offset),c=!1,u=!1,h=!0;break}case n:(g||_)&&s(T,"BAD_PROP_ORDER",`Anchors and tags must be after the ${T.source} indicator`),C&&s(T,"UNEXPECTED_TOKEN",`Unexpected ${T.source} in ${e??"collection"}`),C=T,c=n==="seq-item-ind"||n==="explicit-key-ind",u=!1;break;case"comma":if(e){k&&s(T,"UNEXPECTED_TOKEN",`Unexpected , in ${e}`),k=T,c=!1,u=!1;break}default:s(T,"UNEXPECTED_TOKEN",`Unexpected ${T.type} token`),c=!1,u=!1}let I=t[t.length-1],P=I?I.offset+I.source.length:i;return h&&r&&r.type!=="space"&&r.type!=="newline"&&r.type!=="comma"&&(r.type!=="scalar"||r.source!=="")&&s(r.offset,"MISSING_CHAR","Tags and anchors must be separated from the next token by white space"),p&&(c&&p.indent<=o||r?.type==="block-map"||r?.type==="block-seq")&&s(p,"TAB_AS_INDENT","Tabs are not allowed as indentation"),{comma:k,found:C,spaceBefore:l,comment:d,hasNewline:m,anchor:g,tag:_,newlineAfterProp:b,end:P,start:A??P}}Kw.resolveProps=_P});var za=y(zw=>{"use strict";function Gf(t){if(!t)return null;switch(t.type){case"alias":case"scalar":case"double-quoted-scalar":case"single-quoted-scalar":if(t.source.includes(`
`))return!0;if(t.end){for(let e of t.end)if(e.type==="newline")return!0}return!1;case"flow-collection":for(let e of t.items){for(let n of e.start)if(n.type==="newline")return!0;if(e.sep){for(let n of e.sep)if(n.type==="newline")return!0}if(Gf(e.key)||Gf(e.value))return!0}return!1;default:return!0}}zw.containsNewline=Gf});var Ff=y(Hw=>{"use strict";var bP=za();function wP(t,e,n){if(e?.type==="flow-collection"){let r=e.end[0];r.indent===t&&(r.source==="]"||r.source==="}")&&bP.containsNewline(e)&&n(r,"BAD_INDENT","Flow end indicator should be more indented than parent",!0)}}Hw.flowIndentCheck=wP});var jf=y(Jw=>{"use strict";var Yw=J();function vP(t,e,n){let{uniqueKeys:r}=t.options;if(r===!1)return!1;let i=typeof r=="function"?r:(s,o)=>s===o||Yw.isScalar(s)&&Yw.isScalar(o)&&s.value===o.value;return e.some(s=>i(s.key,n))}Jw.mapIncludes=vP});var nv=y(tv=>{"use strict";var Xw=yn(),kP=bn(),Qw=vs(),SP=za(),Zw=Ff(),AP=jf(),ev="All mapping items must start at the same column";function TP({composeNode:t,composeEmptyNode:e},n,r,i,s){let o=s?.nodeClass??kP.YAMLMap,a=new o(n.schema);n.atRoot&&(n.atRoot=!1);let l=r.offset,c=null;for(let u of r.items){let{start:d,key:f,sep:m,value:h}=u,p=Qw.resolveProps(d,{indicator:"explicit-key-ind",next:f??m?.[0],offset:l,onError:i,parentIndent:r.indent,startOnNewline:!0}),g=!p.found;if(g){if(f&&(f.type==="block-seq"?i(l,"BLOCK_AS_IMPLICIT_KEY","A block sequence may not be used as an implicit map key"):"indent"in f&&f.indent!==r.indent&&i(l,"BAD_INDENT",ev)),!p.anchor&&!p.tag&&!m){c=p.end,p.comment&&(a.comment?a.comment+=`
`+p.comment:a.comment=p.comment);continue}(p.newlineAfterProp||SP.containsNewline(f))&&i(f??d[d.length-1],"MULTILINE_IMPLICIT_KEY","Implicit keys need to be on a single line")}else p.found?.indent!==r.indent&&i(l,"BAD_INDENT",ev);n.atKey=!0;let _=p.end,b=f?t(n,f,p,i):e(n,_,d,null,p,i);n.schema.compat&&Zw.flowIndentCheck(r.indent,f,i),n.atKey=!1,AP.mapIncludes(n,a.items,b)&&i(_,"DUPLICATE_KEY","Map keys must be unique");let k=Qw.resolveProps(m??[],{indicator:"map-value-ind",next:h,offset:b.range[2],onError:i,parentIndent:r.indent,startOnNewline:!f||f.type==="block-scalar"});if(l=k.end,k.found){g&&(h?.type==="block-map"&&!k.hasNewline&&i(l,"BLOCK_AS_IMPLICIT_KEY","Nested mappings are not allowed in compact mappings"),n.options.strict&&p.start<k.found.offset-1024&&i(b.range,"KEY_OVER_1024_CHARS","The : indicator must be at most 1024 chars after the start of an implicit block mapping key"));let C=h?t(n,h,k,i):e(n,l,m,null,k,i);n.schema.compat&&Zw.flowIndentCheck(r.indent,h,i),l=C.range[2];let A=new Xw.Pair(b,C);n.options.keepSourceTokens&&(A.srcToken=u),a.items.push(A)}else{g&&i(b.range,"MISSING_CHAR","Implicit map keys need to be followed by map values"),k.comment&&(b.comment?b.comment+=`
`+k.comment:b.comment=k.comment);let C=new Xw.Pair(b);n.options.keepSourceTokens&&(C.srcToken=u),a.items.push(C)}}return c&&c<l&&i(c,"IMPOSSIBLE","Map comment with trailing content"),a.range=[r.offset,l,c??l],a}tv.resolveBlockMap=TP});var iv=y(rv=>{"use strict";var CP=wn(),EP=vs(),$P=Ff();function IP({composeNode:t,composeEmptyNode:e},n,r,i,s){let o=s?.nodeClass??CP.YAMLSeq,a=new o(n.schema);n.atRoot&&(n.atRoot=!1),n.atKey&&(n.atKey=!1);let l=r.offset,c=null;for(let{start:u,value:d}of r.items){let f=EP.resolveProps(u,{indicator:"seq-item-ind",next:d,offset:l,onError:i,parentIndent:r.indent,startOnNewline:!0});if(!f.found)if(f.anchor||f.tag||d)d?.type==="block-seq"?i(f.end,"BAD_INDENT","All sequence items must start at the same column"):i(l,"MISSING_CHAR","Sequence item without - indicator");else{c=f.end,f.comment&&(a.comment=f.comment);continue}let m=d?t(n,d,f,i):e(n,f.end,u,null,f,i);n.schema.compat&&$P.flowIndentCheck(r.indent,d,i),l=m.range[2],a.items.push(m)}return a.range=[r.offset,l,c??l],a}rv.resolveBlockSeq=IP});var Fr=y(sv=>{"use strict";function RP(t,e,n,r){let i="";if(t){let s=!1,o="";for(let a of t){let{source:l,type:c}=a;switch(c){case"space":s=!0;break;case"comment":{n&&!s&&r(a,"MISSING_CHAR","Comments must be separated from other tokens by white space characters");let u=l.substring(1)||" ";i?i+=o+u:i=u,o="";break}case"newline":i&&(o+=l),s=!0;break;default:r(a,"UNEXPECTED_TOKEN",`Unexpected ${c} at node end`)}e+=l.length}}return{comment:i,offset:e}}sv.resolveEnd=RP});var cv=y(lv=>{"use strict";var OP=J(),NP=yn(),ov=bn(),PP=wn(),xP=Fr(),av=vs(),LP=za(),DP=jf(),Vf="Block collections are not allowed within flow collections",Bf=t=>t&&(t.type==="block-map"||t.type==="block-seq");function MP({composeNode:t,composeEmptyNode:e},n,r,i,s){let o=r.start.source==="{",a=o?"flow map":"flow sequence",l=s?.nodeClass??(o?ov.YAMLMap:PP.YAMLSeq),c=new l(n.schema);c.flow=!0;let u=n.atRoot;u&&(n.atRoot=!1),n.atKey&&(n.atKey=!1);let d=r.offset+r.start.source.length;for(let g=0;g<r.items.length;++g){let _=r.items[g],{start:b,key:k,sep:C,value:A}=_,I=av.resolveProps(b,{flow:a,indicator:"explicit-key-ind",next:k??C?.[0],offset:d,onError:i,parentIndent:r.indent,startOnNewline:!1});if(!I.found){if(!I.anchor&&!I.tag&&!C&&!A){g===0&&I.comma?i(I.comma,"UNEXPECTED_TOKEN",`Unexpected , in ${a}`):g<r.items.length-1&&i(I.start,"UNEXPECTED_TOKEN",`Unexpected empty item in ${a}`),I.comment&&(c.comment?c.comment+=`
`+I.comment:c.comment=I.comment),d=I.end;continue}!o&&n.options.strict&&LP.containsNewline(k)&&i(k,"MULTILINE_IMPLICIT_KEY","Implicit keys of flow sequence pairs need to be on a single line")}if(g===0)I.comma&&i(I.comma,"UNEXPECTED_TOKEN",`Unexpected , in ${a}`);else if(I.comma||i(I.start,"MISSING_CHAR",`Missing , between ${a} items`),I.comment){let P="";e:for(let T of b)switch(T.type){case"comma":case"space":break;case"comment":P=T.source.substring(1);break e;default:break e}if(P){let T=c.items[c.items.length-1];OP.isPair(T)&&(T=T.value??T.key),T.comment?T.comment+=`
`+P:T.comment=P,I.comment=I.comment.substring(P.length+1)}}if(!o&&!C&&!I.found){let P=A?t(n,A,I,i):e(n,I.end,C,null,I,i);c.items.push(P),d=P.range[2],Bf(A)&&i(P.range,"BLOCK_IN_FLOW",Vf)}else{n.atKey=!0;let P=I.end,T=k?t(n,k,I,i):e(n,P,b,null,I,i);Bf(k)&&i(T.range,"BLOCK_IN_FLOW",Vf),n.atKey=!1;let R=av.resolveProps(C??[],{flow:a,indicator:"map-value-ind",next:A,offset:T.range[2],onError:i,parentIndent:r.indent,startOnNewline:!1});if(R.found){if(!o&&!I.found&&n.options.strict){if(C)for(let D of C){if(D===R.found)break;if(D.type==="newline"){i(D,"MULTILINE_IMPLICIT_KEY","Implicit keys of flow sequence pairs need to be on a single line");break}}I.start<R.found.offset-1024&&i(R.found,"KEY_OVER_1024_CHARS","The : indicator must be at most 1024 chars after the start of an implicit flow sequence key")}}else A&&("source"in A&&A.source?.[0]===":"?i(A,"MISSING_CHAR",`Missing space after : in ${a}`):i(R.start,"MISSING_CHAR",`Missing , or : between ${a} items`));let v=A?t(n,A,R,i):R.found?e(n,R.end,C,null,R,i):null;v?Bf(A)&&i(v.range,"BLOCK_IN_FLOW",Vf):R.comment&&(T.comment?T.comment+=`
`+R.comment:T.comment=R.comment);let ne=new NP.Pair(T,v);if(n.options.keepSourceTokens&&(ne.srcToken=_),o){let D=c;DP.mapIncludes(n,D.items,T)&&i(P,"DUPLICATE_KEY","Map keys must be unique"),D.items.push(ne)}else{let D=new ov.YAMLMap(n.schema);D.flow=!0,D.items.push(ne);let ee=(v??T).range;D.range=[T.range[0],ee[1],ee[2]],c.items.push(D)}d=v?v.range[2]:R.end}}let f=o?"}":"]",[m,...h]=r.end,p=d;if(m?.source===f)p=m.offset+m.source.length;else{let g=a[0].toUpperCase()+a.substring(1),_=u?`${g} must end with a ${f}`:`${g} in block collection must be sufficiently indented and end with a ${f}`;i(d,u?"MISSING_CHAR":"BAD_INDENT",_),m&&m.source.length!==1&&h.unshift(m)}if(h.length>0){let g=xP.resolveEnd(h,p,n.options.strict,i);g.comment&&(c.comment?c.comment+=`
`+g.comment:c.comment=g.comment),c.range=[r.offset,p,g.offset]}else c.range=[r.offset,p,p];return c}lv.resolveFlowCollection=MP});var dv=y(uv=>{"use strict";var qP=J(),WP=we(),GP=bn(),FP=wn(),jP=nv(),VP=iv(),BP=cv();function Uf(t,e,n,r,i,s){let o=n.type==="block-map"?jP.resolveBlockMap(t,e,n,r,s):n.type==="block-seq"?VP.resolveBlockSeq(t,e,n,r,s):BP.resolveFlowCollection(t,e,n,r,s),a=o.constructor;return i==="!"||i===a.tagName?(o.tag=a.tagName,o):(i&&(o.tag=i),o)}function UP(t,e,n,r,i){let s=r.tag,o=s?e.directives.tagName(s.source,f=>i(s,"TAG_RESOLVE_FAILED",f)):null;if(n.type==="block-seq"){let{anchor:f,newlineAfterProp:m}=r,h=f&&s?f.offset>s.offset?f:s:f??s;h&&(!m||m.offset<h.offset)&&i(h,"MISSING_CHAR","Missing newline after block sequence props")}let a=n.type==="block-map"?"map":n.type==="block-seq"?"seq":n.start.source==="{"?"map":"seq";if(!s||!o||o==="!"||o===GP.YAMLMap.tagName&&a==="map"||o===FP.YAMLSeq.tagName&&a==="seq")return Uf(t,e,n,i,o);let l=e.schema.tags.find(f=>f.tag===o&&f.collection===a);if(!l){let f=e.schema.knownTags[o];if(f?.collection===a)e.schema.tags.push(Object.assign({},f,{default:!1})),l=f;else return f?i(s,"BAD_COLLECTION_TYPE",`${f.tag} used for ${a} collection, but expects ${f.collection??"scalar"}`,!0):i(s,"TAG_RESOLVE_FAILED",`Unresolved tag: ${o}`,!0),Uf(t,e,n,i,o)}let c=Uf(t,e,n,i,o,l),u=l.resolve?.(c,f=>i(s,"TAG_RESOLVE_FAILED",f),e.options)??c,d=qP.isNode(u)?u:new WP.Scalar(u);return d.range=c.range,d.tag=o,l?.format&&(d.format=l.format),d}uv.composeCollection=UP});var zf=y(fv=>{"use strict";var Kf=we();function KP(t,e,n){let r=e.offset,i=zP(e,t.options.strict,n);if(!i)return{value:"",type:null,comment:"",range:[r,r,r]};let s=i.mode===">"?Kf.Scalar.BLOCK_FOLDED:Kf.Scalar.BLOCK_LITERAL,o=e.source?HP(e.source):[],a=o.length;for(let p=o.length-1;p>=0;--p){let g=o[p][1];if(g===""||g==="\r")a=p;else break}if(a===0){let p=i.chomp==="+"&&o.length>0?`
`.repeat(Math.max(1,o.length-1)):"",g=r+i.length;return e.source&&(g+=e.source.length),{value:p,type:s,comment:i.comment,range:[r,g,g]}}let l=e.indent+i.indent,c=e.offset+i.length,u=0;for(let p=0;p<a;++p){let[g,_]=o[p];if(_===""||_==="\r")i.indent===0&&g.length>l&&(l=g.length);else{g.length<l&&n(c+g.length,"MISSING_CHAR","Block scalars with more-indented leading empty lines must use an explicit indentation indicator"),i.indent===0&&(l=g.length),u=p,l===0&&!t.atRoot&&n(c,"BAD_INDENT","Block scalar values in collections must be indented");break}c+=g.length+_.length+1}for(let p=o.length-1;p>=a;--p)o[p][0].length>l&&(a=p+1);let d="",f="",m=!1;for(let p=0;p<u;++p)d+=o[p][0].slice(l)+`
`;for(let p=u;p<a;++p){let[g,_]=o[p];c+=g.length+_.length+1;let b=_[_.length-1]==="\r";if(b&&(_=_.slice(0,-1)),_&&g.length<l){let C=`Block scalar lines must not be less indented than their ${i.indent?"explicit indentation indicator":"first line"}`;n(c-_.length-(b?2:1),"BAD_INDENT",C),g=""}s===Kf.Scalar.BLOCK_LITERAL?(d+=f+g.slice(l)+_,f=`
`):g.length>l||_[0]==="	"?(f===" "?f=`
`:!m&&f===`
`&&(f=`

`),d+=f+g.slice(l)+_,f=`
`,m=!0):_===""?f===`
`?d+=`
`:f=`
`:(d+=f+_,f=" ",m=!1)}switch(i.chomp){case"-":break;case"+":for(let p=a;p<o.length;++p)d+=`
`+o[p][0].slice(l);d[d.length-1]!==`
`&&(d+=`
`);break;default:d+=`
`}let h=r+i.length+e.source.length;return{value:d,type:s,comment:i.comment,range:[r,h,h]}}function zP({offset:t,props:e},n,r){if(e[0].type!=="block-scalar-header")return r(e[0],"IMPOSSIBLE","Block scalar header not found"),null;let{source:i}=e[0],s=i[0],o=0,a="",l=-1;for(let f=1;f<i.length;++f){let m=i[f];if(!a&&(m==="-"||m==="+"))a=m;else{let h=Number(m);!o&&h?o=h:l===-1&&(l=t+f)}}l!==-1&&r(l,"UNEXPECTED_TOKEN",`Block scalar header includes extra characters: ${i}`);let c=!1,u="",d=i.length;for(let f=1;f<e.length;++f){let m=e[f];switch(m.type){case"space":c=!0;case"newline":d+=m.source.length;break;case"comment":n&&!c&&r(m,"MISSING_CHAR","Comments must be separated from other tokens by white space characters"),d+=m.source.length,u=m.source.substring(1);break;case"error":r(m,"UNEXPECTED_TOKEN",m.message),d+=m.source.length;break;default:{let h=`Unexpected token in block scalar header: ${m.type}`;r(m,"UNEXPECTED_TOKEN",h);let p=m.source;p&&typeof p=="string"&&(d+=p.length)}}}return{mode:s,indent:o,chomp:a,comment:u,length:d}}function HP(t){let e=t.split(/\n( *)/),n=e[0],r=n.match(/^( *)/),s=[r?.[1]?[r[1],n.slice(r[1].length)]:["",n]];for(let o=1;o<e.length;o+=2)s.push([e[o],e[o+1]]);return s}fv.resolveBlockScalar=KP});var Yf=y(mv=>{"use strict";var Hf=we(),YP=Fr();function JP(t,e,n){let{offset:r,type:i,source:s,end:o}=t,a,l,c=(f,m,h)=>n(r+f,m,h);switch(i){case"scalar":a=Hf.Scalar.PLAIN,l=XP(s,c);break;case"single-quoted-scalar":a=Hf.Scalar.QUOTE_SINGLE,l=QP(s,c);break;case"double-quoted-scalar":a=Hf.Scalar.QUOTE_DOUBLE,l=ZP(s,c);break;default:return n(t,"UNEXPECTED_TOKEN",`Expected a flow scalar value, but found: ${i}`),{value:"",type:null,comment:"",range:[r,r+s.length,r+s.length]}}let u=r+s.length,d=YP.resolveEnd(o,u,e,n);return{value:l,type:a,comment:d.comment,range:[r,u,d.offset]}}function XP(t,e){let n="";switch(t[0]){case"	":n="a tab character";break;case",":n="flow indicator character ,";break;case"%":n="directive indicator character %";break;case"|":case">":{n=`block scalar indicator ${t[0]}`;break}case"@":case"`":{n=`reserved character ${t[0]}`;break}}return n&&e(0,"BAD_SCALAR_START",`Plain value cannot start with ${n}`),pv(t)}function QP(t,e){return(t[t.length-1]!=="'"||t.length===1)&&e(t.length,"MISSING_CHAR","Missing closing 'quote"),pv(t.slice(1,-1)).replace(/''/g,"'")}function pv(t){let e=/(.*?)\r?\n/sy,n=e.exec(t);if(!n)return t;let r,i;try{r=new RegExp("(?<![ 	])[ 	]+$"),i=new RegExp("^[ 	]+|(?<![ 	])[ 	]+$","g")}catch{r=/[ \t]+$/,i=/^[ \t]+|[ \t]+$/g}let s=n[1].replace(r,""),o=" ",a=e.lastIndex;for(;n=e.exec(t);){let c=n[1].replace(i,"");c===""?o===`
`?s+=o:o=`
`:(s+=o+c,o=" "),a=e.lastIndex}let l=/[ \t]*(.*)/sy;return l.lastIndex=a,n=l.exec(t),s+o+(n?.[1]??"")}function ZP(t,e){let n="";for(let r=1;r<t.length-1;++r){let i=t[r];if(!(i==="\r"&&t[r+1]===`
`))if(i===`
`){let{fold:s,offset:o}=ex(t,r);n+=s,r=o}else if(i==="\\"){let s=t[++r],o=tx[s];if(o)n+=o;else if(s===`
`)for(s=t[r+1];s===" "||s==="	";)s=t[++r+1];else if(s==="\r"&&t[r+1]===`
`)for(s=t[++r+1];s===" "||s==="	";)s=t[++r+1];else if(s==="x"||s==="u"||s==="U"){let a=s==="x"?2:s==="u"?4:8;n+=nx(t,r+1,a,e),r+=a}else{let a=t.substr(r-1,2);e(r-1,"BAD_DQ_ESCAPE",`Invalid escape sequence ${a}`),n+=a}}else if(i===" "||i==="	"){let s=r,o=t[r+1];for(;o===" "||o==="	";)o=t[++r+1];o!==`
`&&!(o==="\r"&&t[r+2]===`
`)&&(n+=r>s?t.slice(s,r+1):i)}else n+=i}return(t[t.length-1]!=='"'||t.length===1)&&e(t.length,"MISSING_CHAR",'Missing closing "quote'),n}function ex(t,e){let n="",r=t[e+1];for(;(r===" "||r==="	"||r===`
`||r==="\r")&&!(r==="\r"&&t[e+2]!==`
`);)r===`
`&&(n+=`
`),e+=1,r=t[e+1];return n||(n=" "),{fold:n,offset:e}}var tx={0:"\0",a:"\x07",b:"\b",e:"\x1B",f:"\f",n:`
`,r:"\r",t:"	",v:"\v",N:"",_:" ",L:"\u2028",P:"\u2029"," ":" ",'"':'"',"/":"/","\\":"\\","	":"	"};function nx(t,e,n,r){let i=t.substr(e,n),o=i.length===n&&/^[0-9a-fA-F]+$/.test(i)?parseInt(i,16):NaN;try{return String.fromCodePoint(o)}catch{let a=t.substr(e-2,n+2);return r(e-2,"BAD_DQ_ESCAPE",`Invalid escape sequence ${a}`),a}}mv.resolveFlowScalar=JP});var yv=y(gv=>{"use strict";var tr=J(),hv=we(),rx=zf(),ix=Yf();function sx(t,e,n,r){let{value:i,type:s,comment:o,range:a}=e.type==="block-scalar"?rx.resolveBlockScalar(t,e,r):ix.resolveFlowScalar(e,t.options.strict,r),l=n?t.directives.tagName(n.source,d=>r(n,"TAG_RESOLVE_FAILED",d)):null,c;t.options.stringKeys&&t.atKey?c=t.schema[tr.SCALAR]:l?c=ox(t.schema,i,l,n,r):e.type==="scalar"?c=ax(t,i,e,r):c=t.schema[tr.SCALAR];let u;try{let d=c.resolve(i,f=>r(n??e,"TAG_RESOLVE_FAILED",f),t.options);u=tr.isScalar(d)?d:new hv.Scalar(d)}catch(d){let f=d instanceof Error?d.message:String(d);r(n??e,"TAG_RESOLVE_FAILED",f),u=new hv.Scalar(i)}return u.range=a,u.source=i,s&&(u.type=s),l&&(u.tag=l),c.format&&(u.format=c.format),o&&(u.comment=o),u}function ox(t,e,n,r,i){if(n==="!")return t[tr.SCALAR];let s=[];for(let a of t.tags)if(!a.collection&&a.tag===n)if(a.default&&a.test)s.push(a);else return a;for(let a of s)if(a.test?.test(e))return a;let o=t.knownTags[n];return o&&!o.collection?(t.tags.push(Object.assign({},o,{default:!1,test:void 0})),o):(i(r,"TAG_RESOLVE_FAILED",`Unresolved tag: ${n}`,n!=="tag:yaml.org,2002:str"),t[tr.SCALAR])}function ax({atKey:t,directives:e,schema:n},r,i,s){let o=n.tags.find(a=>(a.default===!0||t&&a.default==="key")&&a.test?.test(r))||n[tr.SCALAR];if(n.compat){let a=n.compat.find(l=>l.default&&l.test?.test(r))??n[tr.SCALAR];if(o.tag!==a.tag){let l=e.tagString(o.tag),c=e.tagString(a.tag),u=`Value may be parsed as either ${l} or ${c}`;s(i,"TAG_RESOLVE_FAILED",u,!0)}}return o}gv.composeScalar=sx});var bv=y(_v=>{"use strict";function lx(t,e,n){if(e){n??(n=e.length);for(let r=n-1;r>=0;--r){let i=e[r];switch(i.type){case"space":case"comment":case"newline":t-=i.source.length;continue}for(i=e[++r];i?.type==="space";)t+=i.source.length,i=e[++r];break}}return t}_v.emptyScalarPosition=lx});var kv=y(Xf=>{"use strict";var cx=ts(),ux=J(),dx=dv(),wv=yv(),fx=Fr(),px=bv(),mx={composeNode:vv,composeEmptyNode:Jf};function vv(t,e,n,r){let i=t.atKey,{spaceBefore:s,comment:o,anchor:a,tag:l}=n,c,u=!0;switch(e.type){case"alias":c=hx(t,e,r),(a||l)&&r(e,"ALIAS_PROPS","An alias node must not specify any properties");break;case"scalar":case"single-quoted-scalar":case"double-quoted-scalar":case"block-scalar":c=wv.composeScalar(t,e,l,r),a&&(c.anchor=a.source.substring(1));break;case"block-map":case"block-seq":case"flow-collection":try{c=dx.composeCollection(mx,t,e,n,r),a&&(c.anchor=a.source.substring(1))}catch(d){let f=d instanceof Error?d.message:String(d);r(e,"RESOURCE_EXHAUSTION",f)}break;default:{let d=e.type==="error"?e.message:`Unsupported token (type: ${e.type})`;r(e,"UNEXPECTED_TOKEN",d),u=!1}}return c??(c=Jf(t,e.offset,void 0,null,n,r)),a&&c.anchor===""&&r(a,"BAD_ALIAS","Anchor cannot be an empty string"),i&&t.options.stringKeys&&(!ux.isScalar(c)||typeof c.value!="string"||c.tag&&c.tag!=="tag:yaml.org,2002:str")&&r(l??e,"NON_STRING_KEY","With stringKeys, all keys must be strings"),s&&(c.spaceBefore=!0),o&&(e.type==="scalar"&&e.source===""?c.comment=o:c.commentBefore=o),t.options.keepSourceTokens&&u&&(c.srcToken=e),c}function Jf(t,e,n,r,{spaceBefore:i,comment:s,anchor:o,tag:a,end:l},c){let u={type:"scalar",offset:px.emptyScalarPosition(e,n,r),indent:-1,source:""},d=wv.composeScalar(t,u,a,c);return o&&(d.anchor=o.source.substring(1),d.anchor===""&&c(o,"BAD_ALIAS","Anchor cannot be an empty string")),i&&(d.spaceBefore=!0),s&&(d.comment=s,d.range[2]=l),d}function hx({options:t},{offset:e,source:n,end:r},i){let s=new cx.Alias(n.substring(1));s.source===""&&i(e,"BAD_ALIAS","Alias cannot be an empty string"),s.source.endsWith(":")&&i(e+n.length-1,"BAD_ALIAS","Alias ending in : is ambiguous",!0);let o=e+n.length,a=fx.resolveEnd(r,o,t.strict,i);return s.range=[e,o,a.offset],a.comment&&(s.comment=a.comment),s}Xf.composeEmptyNode=Jf;Xf.composeNode=vv});var Tv=y(Av=>{"use strict";var gx=ys(),Sv=kv(),yx=Fr(),_x=vs();function bx(t,e,{offset:n,start:r,value:i,end:s},o){let a=Object.assign({_directives:e},t),l=new gx.Document(void 0,a),c={atKey:!1,atRoot:!0,directives:l.directives,options:l.options,schema:l.schema},u=_x.resolveProps(r,{indicator:"doc-start",next:i??s?.[0],offset:n,onError:o,parentIndent:0,startOnNewline:!0});u.found&&(l.directives.docStart=!0,i&&(i.type==="block-map"||i.type==="block-seq")&&!u.hasNewline&&o(u.end,"MISSING_CHAR","Block collection cannot start on same line with directives-end marker")),l.contents=i?Sv.composeNode(c,i,u,o):Sv.composeEmptyNode(c,u.end,r,null,u,o);let d=l.contents.range[2],f=yx.resolveEnd(s,d,!1,o);return f.comment&&(l.comment=f.comment),l.range=[n,d,f.offset],l}Av.composeDoc=bx});var Zf=y($v=>{"use strict";var wx=Gt("process"),vx=Md(),kx=ys(),ks=ws(),Cv=J(),Sx=Tv(),Ax=Fr();function Ss(t){if(typeof t=="number")return[t,t+1];if(Array.isArray(t))return t.length===2?t:[t[0],t[1]];let{offset:e,source:n}=t;return[e,e+(typeof n=="string"?n.length:1)]}function Ev(t){let e="",n=!1,r=!1;for(let i=0;i<t.length;++i){let s=t[i];switch(s[0]){case"#":e+=(e===""?"":r?`

`:`
`)+(s.substring(1)||" "),n=!0,r=!1;break;case"%":t[i+1]?.[0]!=="#"&&(i+=1),n=!1;break;default:n||(r=!0),n=!1}}return{comment:e,afterEmptyLine:r}}var Qf=class{constructor(e={}){this.doc=null,this.atDirectives=!1,this.prelude=[],this.errors=[],this.warnings=[],this.onError=(n,r,i,s)=>{let o=Ss(n);s?this.warnings.push(new ks.YAMLWarning(o,r,i)):this.errors.push(new ks.YAMLParseError(o,r,i))},this.directives=new vx.Directives({version:e.version||"1.2"}),this.options=e}decorate(e,n){let{comment:r,afterEmptyLine:i}=Ev(this.prelude);if(r){let s=e.contents;if(n)e.comment=e.comment?`${e.comment}
${r}`:r;else if(i||e.directives.docStart||!s)e.commentBefore=r;else if(Cv.isCollection(s)&&!s.flow&&s.items.length>0){let o=s.items[0];Cv.isPair(o)&&(o=o.key);let a=o.commentBefore;o.commentBefore=a?`${r}
${a}`:r}else{let o=s.commentBefore;s.commentBefore=o?`${r}
${o}`:r}}if(n){for(let s=0;s<this.errors.length;++s)e.errors.push(this.errors[s]);for(let s=0;s<this.warnings.length;++s)e.warnings.push(this.warnings[s])}else e.errors=this.errors,e.warnings=this.warnings;this.prelude=[],this.errors=[],this.warnings=[]}streamInfo(){return{comment:Ev(this.prelude).comment,directives:this.directives,errors:this.errors,warnings:this.warnings}}*compose(e,n=!1,r=-1){for(let i of e)yield*this.next(i);yield*this.end(n,r)}*next(e){switch(wx.env.LOG_STREAM&&console.dir(e,{depth:null}),e.type){case"directive":this.directives.add(e.source,(n,r,i)=>{let s=Ss(e);s[0]+=n,this.onError(s,"BAD_DIRECTIVE",r,i)}),this.prelude.push(e.source),this.atDirectives=!0;break;case"document":{let n=Sx.composeDoc(this.options,this.directives,e,this.onError);this.atDirectives&&!n.directives.docStart&&this.onError(e,"MISSING_CHAR","Missing directives-end/doc-start indicator line"),this.decorate(n,!1),this.doc&&(yield this.doc),this.doc=n,this.atDirectives=!1;break}case"byte-order-mark":case"space":break;case"comment":case"newline":this.prelude.push(e.source);break;case"error":{let n=e.source?`${e.message}: ${JSON.stringify(e.source)}`:e.message,r=new ks.YAMLParseError(Ss(e),"UNEXPECTED_TOKEN",n);this.atDirectives||!this.doc?this.errors.push(r):this.doc.errors.push(r);break}case"doc-end":{if(!this.doc){let r="Unexpected doc-end without preceding document";this.errors.push(new ks.YAMLParseError(Ss(e),"UNEXPECTED_TOKEN",r));break}this.doc.directives.docEnd=!0;let n=Ax.resolveEnd(e.end,e.offset+e.source.length,this.doc.options.strict,this.onError);if(this.decorate(this.doc,!0),n.comment){let r=this.doc.comment;this.doc.comment=r?`${r}
${n.comment}`:n.comment}this.doc.range[2]=n.offset;break}default:this.errors.push(new ks.YAMLParseError(Ss(e),"UNEXPECTED_TOKEN",`Unsupported token ${e.type}`))}}*end(e=!1,n=-1){if(this.doc)this.decorate(this.doc,!0),yield this.doc,this.doc=null;else if(e){let r=Object.assign({_directives:this.directives},this.options),i=new kx.Document(void 0,r);this.atDirectives&&this.onError(n,"MISSING_CHAR","Missing directives-end indicator line"),i.range=[0,n,n],this.decorate(i,!1),yield i}}};$v.Composer=Qf});var Ov=y(Ha=>{"use strict";var Tx=zf(),Cx=Yf(),Ex=ws(),Iv=os();function $x(t,e=!0,n){if(t){let r=(i,s,o)=>{let a=typeof i=="number"?i:Array.isArray(i)?i[0]:i.offset;if(n)n(a,s,o);else throw new Ex.YAMLParseError([a,a+1],s,o)};switch(t.type){case"scalar":case"single-quoted-scalar":case"double-quoted-scalar":return Cx.resolveFlowScalar(t,e,r);case"block-scalar":return Tx.resolveBlockScalar({options:{strict:e}},t,r)}}return null}function Ix(t,e){let{implicitKey:n=!1,indent:r,inFlow:i=!1,offset:s=-1,type:o="PLAIN"}=e,a=Iv.stringifyString({type:o,value:t},{implicitKey:n,indent:r>0?" ".repeat(r):"",inFlow:i,options:{blockQuote:!0,lineWidth:-1}}),l=e.end??[{type:"newline",offset:-1,indent:r,source:`
`}];switch(a[0]){case"|":case">":{let c=a.indexOf(`
`),u=a.substring(0,c),d=a.substring(c+1)+`
`,f=[{type:"block-scalar-header",offset:s,indent:r,source:u}];return Rv(f,l)||f.push({type:"newline",offset:-1,indent:r,source:`
`}),{type:"block-scalar",offset:s,indent:r,props:f,source:d}}case'"':return{type:"double-quoted-scalar",offset:s,indent:r,source:a,end:l};case"'":return{type:"single-quoted-scalar",offset:s,indent:r,source:a,end:l};default:return{type:"scalar",offset:s,indent:r,source:a,end:l}}}function Rx(t,e,n={}){let{afterKey:r=!1,implicitKey:i=!1,inFlow:s=!1,type:o}=n,a="indent"in t?t.indent:null;if(r&&typeof a=="number"&&(a+=2),!o)switch(t.type){case"single-quoted-scalar":o="QUOTE_SINGLE";break;case"double-quoted-scalar":o="QUOTE_DOUBLE";break;case"block-scalar":{let c=t.props[0];if(c.type!=="block-scalar-header")throw new Error("Invalid block scalar header");o=c.source[0]===">"?"BLOCK_FOLDED":"BLOCK_LITERAL";break}default:o="PLAIN"}let l=Iv.stringifyString({type:o,value:e},{implicitKey:i||a===null,indent:a!==null&&a>0?" ".repeat(a):"",inFlow:s,options:{blockQuote:!0,lineWidth:-1}});switch(l[0]){case"|":case">":Ox(t,l);break;case'"':ep(t,l,"double-quoted-scalar");break;case"'":ep(t,l,"single-quoted-scalar");break;default:ep(t,l,"scalar")}}function Ox(t,e){let n=e.indexOf(`
`),r=e.substring(0,n),i=e.substring(n+1)+`
`;if(t.type==="block-scalar"){let s=t.props[0];if(s.type!=="block-scalar-header")throw new Error("Invalid block scalar header");s.source=r,t.source=i}else{let{offset:s}=t,o="indent"in t?t.indent:-1,a=[{type:"block-scalar-header",offset:s,indent:o,source:r}];Rv(a,"end"in t?t.end:void 0)||a.push({type:"newline",offset:-1,indent:o,source:`
`});for(let l of Object.keys(t))l!=="type"&&l!=="offset"&&delete t[l];Object.assign(t,{type:"block-scalar",indent:o,props:a,source:i})}}function Rv(t,e){if(e)for(let n of e)switch(n.type){case"space":case"comment":t.push(n);break;case"newline":return t.push(n),!0}return!1}function ep(t,e,n){switch(t.type){case"scalar":case"double-quoted-scalar":case"single-quoted-scalar":t.type=n,t.source=e;break;case"block-scalar":{let r=t.props.slice(1),i=e.length;t.props[0].type==="block-scalar-header"&&(i-=t.props[0].source.length);for(let s of r)s.offset+=i;delete t.props,Object.assign(t,{type:n,source:e,end:r});break}case"block-map":case"block-seq":{let i={type:"newline",offset:t.offset+e.length,indent:t.indent,source:`
`};delete t.items,Object.assign(t,{type:n,source:e,end:[i]});break}default:{let r="indent"in t?t.indent:-1,i="end"in t&&Array.isArray(t.end)?t.end.filter(s=>s.type==="space"||s.type==="comment"||s.type==="newline"):[];for(let s of Object.keys(t))s!=="type"&&s!=="offset"&&delete t[s];Object.assign(t,{type:n,indent:r,source:e,end:i})}}}Ha.createScalarToken=Ix;Ha.resolveAsScalar=$x;Ha.setScalarValue=Rx});var Pv=y(Nv=>{"use strict";var Nx=t=>"type"in t?Ja(t):Ya(t);function Ja(t){switch(t.type){case"block-scalar":{let e="";for(let n of t.props)e+=Ja(n);return e+t.source}case"block-map":case"block-seq":{let e="";for(let n of t.items)e+=Ya(n);return e}case"flow-collection":{let e=t.start.source;for(let n of t.items)e+=Ya(n);for(let n of t.end)e+=n.source;return e}case"document":{let e=Ya(t);if(t.end)for(let n of t.end)e+=n.source;return e}default:{let e=t.source;if("end"in t&&t.end)for(let n of t.end)e+=n.source;return e}}}function Ya({start:t,key:e,sep:n,value:r}){let i="";for(let s of t)i+=s.source;if(e&&(i+=Ja(e)),n)for(let s of n)i+=s.source;return r&&(i+=Ja(r)),i}Nv.stringify=Nx});var Mv=y(Dv=>{"use strict";var tp=Symbol("break visit"),Px=Symbol("skip children"),xv=Symbol("remove item");function nr(t,e){"type"in t&&t.type==="document"&&(t={start:t.start,value:t.value}),Lv(Object.freeze([]),t,e)}nr.BREAK=tp;nr.SKIP=Px;nr.REMOVE=xv;nr.itemAtPath=(t,e)=>{let n=t;for(let[r,i]of e){let s=n?.[r];if(s&&"items"in s)n=s.items[i];else return}return n};nr.parentCollection=(t,e)=>{let n=nr.itemAtPath(t,e.slice(0,-1)),r=e[e.length-1][0],i=n?.[r];if(i&&"items"in i)return i;throw new Error("Parent collection not found")};function Lv(t,e,n){let r=n(e,t);if(typeof r=="symbol")return r;for(let i of["key","value"]){let s=e[i];if(s&&"items"in s){for(let o=0;o<s.items.length;++o){let a=Lv(Object.freeze(t.concat([[i,o]])),s.items[o],n);if(typeof a=="number")o=a-1;else{if(a===tp)return tp;a===xv&&(s.items.splice(o,1),o-=1)}}typeof r=="function"&&i==="key"&&(r=r(e,t))}}return typeof r=="function"?r(e,t):r}Dv.visit=nr});var Xa=y(Je=>{"use strict";var np=Ov(),xx=Pv(),Lx=Mv(),rp="\uFEFF",ip="",sp="",op="",Dx=t=>!!t&&"items"in t,Mx=t=>!!t&&(t.type==="scalar"||t.type==="single-quoted-scalar"||t.type==="double-quoted-scalar"||t.type==="block-scalar");function qx(t){switch(t){case rp:return"<BOM>";case ip:return"<DOC>";case sp:return"<FLOW_END>";case op:return"<SCALAR>";default:return JSON.stringify(t)}}function Wx(t){switch(t){case rp:return"byte-order-mark";case ip:return"doc-mode";case sp:return"flow-error-end";case op:return"scalar";case"---":return"doc-start";case"...":return"doc-end";case"":case`
`:case`\r
`:return"newline";case"-":return"seq-item-ind";case"?":return"explicit-key-ind";case":":return"map-value-ind";case"{":return"flow-map-start";case"}":return"flow-map-end";case"[":return"flow-seq-start";case"]":return"flow-seq-end";case",":return"comma"}switch(t[0]){case" ":case"	":return"space";case"#":return"comment";case"%":return"directive-line";case"*":return"alias";case"&":return"anchor";case"!":return"tag";case"'":return"single-quoted-scalar";case'"':return"double-quoted-scalar";case"|":case">":return"block-scalar-header"}return null}Je.createScalarToken=np.createScalarToken;Je.resolveAsScalar=np.resolveAsScalar;Je.setScalarValue=np.setScalarValue;Je.stringify=xx.stringify;Je.visit=Lx.visit;Je.BOM=rp;Je.DOCUMENT=ip;Je.FLOW_END=sp;Je.SCALAR=op;Je.isCollection=Dx;Je.isScalar=Mx;Je.prettyToken=qx;Je.tokenType=Wx});var cp=y(Wv=>{"use strict";var As=Xa();function At(t){switch(t){case void 0:case" ":case`
`:case"\r":case"	":return!0;default:return!1}}var qv=new Set("0123456789ABCDEFabcdef"),Gx=new Set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-#;/?:@&=+$_.!~*'()"),Qa=new Set(",[]{}"),Fx=new Set(` ,[]{}
\r	`),ap=t=>!t||Fx.has(t),lp=class{constructor(){this.atEnd=!1,this.blockScalarIndent=-1,this.blockScalarKeep=!1,this.buffer="",this.flowKey=!1,this.flowLevel=0,this.indentNext=0,this.indentValue=0,this.lineEndPos=null,this.next=null,this.pos=0}*lex(e,n=!1){if(e){if(typeof e!="string")throw TypeError("source is not a string");this.buffer=this.buffer?this.buffer+e:e,this.lineEndPos=null}this.atEnd=!n;let r=this.next??"stream";for(;r&&(n||this.hasChars(1));)r=yield*this.parseNext(r)}atLineEnd(){let e=this.pos,n=this.buffer[e];for(;n===" "||n==="	";)n=this.buffer[++e];return!n||n==="#"||n===`
`?!0:n==="\r"?this.buffer[e+1]===`
`:!1}charAt(e){return this.buffer[this.pos+e]}continueScalar(e){let n=this.buffer[e];if(this.indentNext>0){let r=0;for(;n===" ";)n=this.buffer[++r+e];if(n==="\r"){let i=this.buffer[r+e+1];if(i===`
`||!i&&!this.atEnd)return e+r+1}return n===`
`||r>=this.indentNext||!n&&!this.atEnd?e+r:-1}if(n==="-"||n==="."){let r=this.buffer.substr(e,3);if((r==="---"||r==="...")&&At(this.buffer[e+3]))return-1}return e}getLine(){let e=this.lineEndPos;return(typeof e!="number"||e!==-1&&e<this.pos)&&(e=this.buffer.indexOf(`
`,this.pos),this.lineEndPos=e),e===-1?this.atEnd?this.buffer.substring(this.pos):null:(this.buffer[e-1]==="\r"&&(e-=1),this.buffer.substring(this.pos,e))}hasChars(e){return this.pos+e<=this.buffer.length}setNext(e){return this.buffer=this.buffer.substring(this.pos),this.pos=0,this.lineEndPos=null,this.next=e,null}peek(e){return this.buffer.substr(this.pos,e)}*parseNext(e){switch(e){case"stream":return yield*this.parseStream();case"line-start":return yield*this.parseLineStart();case"block-start":return yield*this.parseBlockStart();case"doc":return yield*this.parseDocument();case"flow":return yield*this.parseFlowCollection();case"quoted-scalar":return yield*this.parseQuotedScalar();case"block-scalar":return yield*this.parseBlockScalar();case"plain-scalar":return yield*this.parsePlainScalar()}}*parseStream(){let e=this.getLine();if(e===null)return this.setNext("stream");if(e[0]===As.BOM&&(yield*this.pushCount(1),e=e.substring(1)),e[0]==="%"){let n=e.length,r=e.indexOf("#");for(;r!==-1;){let s=e[r-1];if(s===" "||s==="	"){n=r-1;break}else r=e.indexOf("#",r+1)}for(;;){let s=e[n-1];if(s===" "||s==="	")n-=1;else break}let i=(yield*this.pushCount(n))+(yield*this.pushSpaces(!0));return yield*this.pushCount(e.length-i),this.pushNewline(),"stream"}if(this.atLineEnd()){let n=yield*this.pushSpaces(!0);return yield*this.pushCount(e.length-n),yield*this.pushNewline(),"stream"}return yield As.DOCUMENT,yield*this.parseLineStart()}*parseLineStart(){let e=this.charAt(0);if(!e&&!this.atEnd)return this.setNext("line-start");if(e==="-"||e==="."){if(!this.atEnd&&!this.hasChars(4))return this.setNext("line-start");let n=this.peek(3);if((n==="---"||n==="...")&&At(this.charAt(3)))return yield*this.pushCount(3),this.indentValue=0,this.indentNext=0,n==="---"?"doc":"stream"}return this.indentValue=yield*this.pushSpaces(!1),this.indentNext>this.indentValue&&!At(this.charAt(1))&&(this.indentNext=this.indentValue),yield*this.parseBlockStart()}*parseBlockStart(){let[e,n]=this.peek(2);if(!n&&!this.atEnd)return this.setNext("block-start");if((e==="-"||e==="?"||e===":")&&At(n)){let r=(yield*this.pushCount(1))+(yield*this.pushSpaces(!0));return this.indentNext=this.indentValue+1,this.indentValue+=r,"block-start"}return"doc"}*parseDocument(){yield*this.pushSpaces(!0);let e=this.getLine();if(e===null)return this.setNext("doc");let n=yield*this.pushIndicators();switch(e[n]){case"#":yield*this.pushCount(e.length-n);case void 0:return yield*this.pushNewline(),yield*this.parseLineStart();case"{":case"[":return yield*this.pushCount(1),this.flowKey=!1,this.flowLevel=1,"flow";case"}":case"]":return yield*this.pushCount(1),"doc";case"*":return yield*this.pushUntil(ap),"doc";case'"':case"'":return yield*this.parseQuotedScalar();case"|":case">":return n+=yield*this.parseBlockScalarHeader(),n+=yield*this.pushSpaces(!0),yield*this.pushCount(e.length-n),yield*this.pushNewline(),yield*this.parseBlockScalar();default:return yield*this.parsePlainScalar()}}*parseFlowCollection(){let e,n,r=-1;do e=yield*this.pushNewline(),e>0?(n=yield*this.pushSpaces(!1),this.indentValue=r=n):n=0,n+=yield*this.pushSpaces(!0);while(e+n>0);let i=this.getLine();if(i===null)return this.setNext("flow");if((r!==-1&&r<this.indentNext&&i[0]!=="#"||r===0&&(i.startsWith("---")||i.startsWith("..."))&&At(i[3]))&&!(r===this.indentNext-1&&this.flowLevel===1&&(i[0]==="]"||i[0]==="}")))return this.flowLevel=0,yield As.FLOW_END,yield*this.parseLineStart();let s=0;for(;i[s]===",";)s+=yield*this.pushCount(1),s+=yield*this.pushSpaces(!0),this.flowKey=!1;switch(s+=yield*this.pushIndicators(),i[s]){case void 0:return"flow";case"#":return yield*this.pushCount(i.length-s),"flow";case"{":case"[":return yield*this.pushCount(1),this.flowKey=!1,this.flowLevel+=1,"flow";case"}":case"]":return yield*this.pushCount(1),this.flowKey=!0,this.flowLevel-=1,this.flowLevel?"flow":"doc";case"*":return yield*this.pushUntil(ap),"flow";case'"':case"'":return this.flowKey=!0,yield*this.parseQuotedScalar();case":":{let o=this.charAt(1);if(this.flowKey||At(o)||o===",")return this.flowKey=!1,yield*this.pushCount(1),yield*this.pushSpaces(!0),"flow"}default:return this.flowKey=!1,yield*this.parsePlainScalar()}}*parseQuotedScalar(){let e=this.charAt(0),n=this.buffer.indexOf(e,this.pos+1);if(e==="'")for(;n!==-1&&this.buffer[n+1]==="'";)n=this.buffer.indexOf("'",n+2);else for(;n!==-1;){let s=0;for(;this.buffer[n-1-s]==="\\";)s+=1;if(s%2===0)break;n=this.buffer.indexOf('"',n+1)}let r=this.buffer.substring(0,n),i=r.indexOf(`
`,this.pos);if(i!==-1){for(;i!==-1;){let s=this.continueScalar(i+1);if(s===-1)break;i=r.indexOf(`
`,s)}i!==-1&&(n=i-(r[i-1]==="\r"?2:1))}if(n===-1){if(!this.atEnd)return this.setNext("quoted-scalar");n=this.buffer.length}return yield*this.pushToIndex(n+1,!1),this.flowLevel?"flow":"doc"}*parseBlockScalarHeader(){this.blockScalarIndent=-1,this.blockScalarKeep=!1;let e=this.pos;for(;;){let n=this.buffer[++e];if(n==="+")this.blockScalarKeep=!0;else if(n>"0"&&n<="9")this.blockScalarIndent=Number(n)-1;else if(n!=="-")break}return yield*this.pushUntil(n=>At(n)||n==="#")}*parseBlockScalar(){let e=this.pos-1,n=0,r;e:for(let s=this.pos;r=this.buffer[s];++s)switch(r){case" ":n+=1;break;case`
`:e=s,n=0;break;case"\r":{let o=this.buffer[s+1];if(!o&&!this.atEnd)return this.setNext("block-scalar");if(o===`
`)break}default:break e}if(!r&&!this.atEnd)return this.setNext("block-scalar");if(n>=this.indentNext){this.blockScalarIndent===-1?this.indentNext=n:this.indentNext=this.blockScalarIndent+(this.indentNext===0?1:this.indentNext);do{let s=this.continueScalar(e+1);if(s===-1)break;e=this.buffer.indexOf(`
`,s)}while(e!==-1);if(e===-1){if(!this.atEnd)return this.setNext("block-scalar");e=this.buffer.length}}let i=e+1;for(r=this.buffer[i];r===" ";)r=this.buffer[++i];if(r==="	"){for(;r==="	"||r===" "||r==="\r"||r===`
`;)r=this.buffer[++i];e=i-1}else if(!this.blockScalarKeep)do{let s=e-1,o=this.buffer[s];o==="\r"&&(o=this.buffer[--s]);let a=s;for(;o===" ";)o=this.buffer[--s];if(o===`
`&&s>=this.pos&&s+1+n>a)e=s;else break}while(!0);return yield As.SCALAR,yield*this.pushToIndex(e+1,!0),yield*this.parseLineStart()}*parsePlainScalar(){let e=this.flowLevel>0,n=this.pos-1,r=this.pos-1,i;for(;i=this.buffer[++r];)if(i===":"){let s=this.buffer[r+1];if(At(s)||e&&Qa.has(s))break;n=r}else if(At(i)){let s=this.buffer[r+1];if(i==="\r"&&(s===`
`?(r+=1,i=`
`,s=this.buffer[r+1]):n=r),s==="#"||e&&Qa.has(s))break;if(i===`
`){let o=this.continueScalar(r+1);if(o===-1)break;r=Math.max(r,o-2)}}else{if(e&&Qa.has(i))break;n=r}return!i&&!this.atEnd?this.setNext("plain-scalar"):(yield As.SCALAR,yield*this.pushToIndex(n+1,!0),e?"flow":"doc")}*pushCount(e){return e>0?(yield this.buffer.substr(this.pos,e),this.pos+=e,e):0}*pushToIndex(e,n){let r=this.buffer.slice(this.pos,e);return r?(yield r,this.pos+=r.length,r.length):(n&&(yield""),0)}*pushIndicators(){let e=0;e:for(;;){switch(this.charAt(0)){case"!":e+=yield*this.pushTag(),e+=yield*this.pushSpaces(!0);continue e;case"&":e+=yield*this.pushUntil(ap),e+=yield*this.pushSpaces(!0);continue e;case"-":case"?":case":":{let n=this.flowLevel>0,r=this.charAt(1);if(At(r)||n&&Qa.has(r)){n?this.flowKey&&(this.flowKey=!1):this.indentNext=this.indentValue+1,e+=yield*this.pushCount(1),e+=yield*this.pushSpaces(!0);continue e}}}break e}return e}*pushTag(){if(this.charAt(1)==="<"){let e=this.pos+2,n=this.buffer[e];for(;!At(n)&&n!==">";)n=this.buffer[++e];return yield*this.pushToIndex(n===">"?e+1:e,!1)}else{let e=this.pos+1,n=this.buffer[e];for(;n;)if(Gx.has(n))n=this.buffer[++e];else if(n==="%"&&qv.has(this.buffer[e+1])&&qv.has(this.buffer[e+2]))n=this.buffer[e+=3];else break;return yield*this.pushToIndex(e,!1)}}*pushNewline(){let e=this.buffer[this.pos];return e===`
`?yield*this.pushCount(1):e==="\r"&&this.charAt(1)===`
`?yield*this.pushCount(2):0}*pushSpaces(e){let n=this.pos-1,r;do r=this.buffer[++n];while(r===" "||e&&r==="	");let i=n-this.pos;return i>0&&(yield this.buffer.substr(this.pos,i),this.pos=n),i}*pushUntil(e){let n=this.pos,r=this.buffer[n];for(;!e(r);)r=this.buffer[++n];return yield*this.pushToIndex(n,!1)}};Wv.Lexer=lp});var dp=y(Gv=>{"use strict";var up=class{constructor(){this.lineStarts=[],this.addNewLine=e=>this.lineStarts.push(e),this.linePos=e=>{let n=0,r=this.lineStarts.length;for(;n<r;){let s=n+r>>1;this.lineStarts[s]<e?n=s+1:r=s}if(this.lineStarts[n]===e)return{line:n+1,col:1};if(n===0)return{line:0,col:e};let i=this.lineStarts[n-1];return{line:n,col:e-i+1}}}};Gv.LineCounter=up});var pp=y(Uv=>{"use strict";var jx=Gt("process"),Fv=Xa(),Vx=cp();function vn(t,e){for(let n=0;n<t.length;++n)if(t[n].type===e)return!0;return!1}function jv(t){for(let e=0;e<t.length;++e)switch(t[e].type){case"space":case"comment":case"newline":break;default:return e}return-1}function Bv(t){switch(t?.type){case"alias":case"scalar":case"single-quoted-scalar":case"double-quoted-scalar":case"flow-collection":return!0;default:return!1}}function Za(t){switch(t.type){case"document":return t.start;case"block-map":{let e=t.items[t.items.length-1];return e.sep??e.start}case"block-seq":return t.items[t.items.length-1].start;default:return[]}}function jr(t){if(t.length===0)return[];let e=t.length;e:for(;--e>=0;)switch(t[e].type){case"doc-start":case"explicit-key-ind":case"map-value-ind":case"seq-item-ind":case"newline":break e}for(;t[++e]?.type==="space";);return t.splice(e,t.length)}function el(t,e){if(e.length<1e5)Array.prototype.push.apply(t,e);else for(let n=0;n<e.length;++n)t.push(e[n])}function Vv(t){if(t.start.type==="flow-seq-start")for(let e of t.items)e.sep&&!e.value&&!vn(e.start,"explicit-key-ind")&&!vn(e.sep,"map-value-ind")&&(e.key&&(e.value=e.key),delete e.key,Bv(e.value)?e.value.end?el(e.value.end,e.sep):e.value.end=e.sep:el(e.start,e.sep),delete e.sep)}var fp=class{constructor(e){this.atNewLine=!0,this.atScalar=!1,this.indent=0,this.offset=0,this.onKeyLine=!1,this.stack=[],this.source="",this.type="",this.lexer=new Vx.Lexer,this.onNewLine=e}*parse(e,n=!1){this.onNewLine&&this.offset===0&&this.onNewLine(0);for(let r of this.lexer.lex(e,n))yield*this.next(r);n||(yield*this.end())}*next(e){if(this.source=e,jx.env.LOG_TOKENS&&console.log("|",Fv.prettyToken(e)),this.atScalar){this.atScalar=!1,yield*this.step(),this.offset+=e.length;return}let n=Fv.tokenType(e);if(n)if(n==="scalar")this.atNewLine=!1,this.atScalar=!0,this.type="scalar";else{switch(this.type=n,yield*this.step(),n){case"newline":this.atNewLine=!0,this.indent=0,this.onNewLine&&this.onNewLine(this.offset+e.length);break;case"space":this.atNewLine&&e[0]===" "&&(this.indent+=e.length);break;case"explicit-key-ind":case"map-value-ind":case"seq-item-ind":this.atNewLine&&(this.indent+=e.length);break;case"doc-mode":case"flow-error-end":return;default:this.atNewLine=!1}this.offset+=e.length}else{let r=`Not a YAML token: ${e}`;yield*this.pop({type:"error",offset:this.offset,message:r,source:e}),this.offset+=e.length}}*end(){for(;this.stack.length>0;)yield*this.pop()}get sourceToken(){return{type:this.type,offset:this.offset,indent:this.indent,source:this.source}}*step(){let e=this.peek(1);if(this.type==="doc-end"&&e?.type!=="doc-end"){for(;this.stack.length>0;)yield*this.pop();this.stack.push({type:"doc-end",offset:this.offset,source:this.source});return}if(!e)return yield*this.stream();switch(e.type){case"document":return yield*this.document(e);case"alias":case"scalar":case"single-quoted-scalar":case"double-quoted-scalar":return yield*this.scalar(e);case"block-scalar":return yield*this.blockScalar(e);case"block-map":return yield*this.blockMap(e);case"block-seq":return yield*this.blockSequence(e);case"flow-collection":return yield*this.flowCollection(e);case"doc-end":return yield*this.documentEnd(e)}yield*this.pop()}peek(e){return this.stack[this.stack.length-e]}*pop(e){let n=e??this.stack.pop();if(!n)yield{type:"error",offset:this.offset,source:"",message:"Tried to pop an empty stack"};else if(this.stack.length===0)yield n;else{let r=this.peek(1);switch(n.type==="block-scalar"?n.indent="indent"in r?r.indent:0:n.type==="flow-collection"&&r.type==="document"&&(n.indent=0),n.type==="flow-collection"&&Vv(n),r.type){case"document":r.value=n;break;case"block-scalar":r.props.push(n);break;case"block-map":{let i=r.items[r.items.length-1];if(i.value){r.items.push({start:[],key:n,sep:[]}),this.onKeyLine=!0;return}else if(i.sep)i.value=n;else{Object.assign(i,{key:n,sep:[]}),this.onKeyLine=!i.explicitKey;return}break}case"block-seq":{let i=r.items[r.items.length-1];i.value?r.items.push({start:[],value:n}):i.value=n;break}case"flow-collection":{let i=r.items[r.items.length-1];!i||i.value?r.items.push({start:[],key:n,sep:[]}):i.sep?i.value=n:Object.assign(i,{key:n,sep:[]});return}default:yield*this.pop(),yield*this.pop(n)}if((r.type==="document"||r.type==="block-map"||r.type==="block-seq")&&(n.type==="block-map"||n.type==="block-seq")){let i=n.items[n.items.length-1];i&&!i.sep&&!i.value&&i.start.length>0&&jv(i.start)===-1&&(n.indent===0||i.start.every(s=>s.type!=="comment"||s.indent<n.indent))&&(r.type==="document"?r.end=i.start:r.items.push({start:i.start}),n.items.splice(-1,1))}}}*stream(){switch(this.type){case"directive-line":yield{type:"directive",offset:this.offset,source:this.source};return;case"byte-order-mark":case"space":case"comment":case"newline":yield this.sourceToken;return;case"doc-mode":case"doc-start":{let e={type:"document",offset:this.offset,start:[]};this.type==="doc-start"&&e.start.push(this.sourceToken),this.stack.push(e);return}}yield{type:"error",offset:this.offset,message:`Unexpected ${this.type} token in YAML stream`,source:this.source}}*document(e){if(e.value)return yield*this.lineEnd(e);switch(this.type){case"doc-start":{jv(e.start)!==-1?(yield*this.pop(),yield*this.step()):e.start.push(this.sourceToken);return}case"anchor":case"tag":case"space":case"comment":case"newline":e.start.push(this.sourceToken);return}let n=this.startBlockValue(e);n?this.stack.push(n):yield{type:"error",offset:this.offset,message:`Unexpected ${this.type} token in YAML document`,source:this.source}}*scalar(e){if(this.type==="map-value-ind"){let n=Za(this.peek(2)),r=jr(n),i;e.end?(i=e.end,i.push(this.sourceToken),delete e.end):i=[this.sourceToken];let s={type:"block-map",offset:e.offset,indent:e.indent,items:[{start:r,key:e,sep:i}]};this.onKeyLine=!0,this.stack[this.stack.length-1]=s}else yield*this.lineEnd(e)}*blockScalar(e){switch(this.type){case"space":case"comment":case"newline":e.props.push(this.sourceToken);return;case"scalar":if(e.source=this.source,this.atNewLine=!0,this.indent=0,this.onNewLine){let n=this.source.indexOf(`
`)+1;for(;n!==0;)this.onNewLine(this.offset+n),n=this.source.indexOf(`
`,n)+1}yield*this.pop();break;default:yield*this.pop(),yield*this.step()}}*blockMap(e){let n=e.items[e.items.length-1];switch(this.type){case"newline":if(this.onKeyLine=!1,n.value){let r="end"in n.value?n.value.end:void 0;(Array.isArray(r)?r[r.length-1]:void 0)?.type==="comment"?r?.push(this.sourceToken):e.items.push({start:[this.sourceToken]})}else n.sep?n.sep.push(this.sourceToken):n.start.push(this.sourceToken);return;case"space":case"comment":if(n.value)e.items.push({start:[this.sourceToken]});else if(n.sep)n.sep.push(this.sourceToken);else{if(this.atIndentedComment(n.start,e.indent)){let i=e.items[e.items.length-2]?.value?.end;if(Array.isArray(i)){el(i,n.start),i.push(this.sourceToken),e.items.pop();return}}n.start.push(this.sourceToken)}return}if(this.indent>=e.indent){let r=!this.onKeyLine&&this.indent===e.indent,i=r&&(n.sep||n.explicitKey)&&this.type!=="seq-item-ind",s=[];if(i&&n.sep&&!n.value){let o=[];for(let a=0;a<n.sep.length;++a){let l=n.sep[a];switch(l.type){case"newline":o.push(a);break;case"space":break;case"comment":l.indent>e.indent&&(o.length=0);break;default:o.length=0}}o.length>=2&&(s=n.sep.splice(o[1]))}switch(this.type){case"anchor":case"tag":i||n.value?(s.push(this.sourceToken),e.items.push({start:s}),this.onKeyLine=!0):n.sep?n.sep.push(this.sourceToken):n.start.push(this.sourceToken);return;case"explicit-key-ind":!n.sep&&!n.explicitKey?(n.start.push(this.sourceToken),n.explicitKey=!0):i||n.value?(s.push(this.sourceToken),e.items.push({start:s,explicitKey:!0})):this.stack.push({type:"block-map",offset:this.offset,indent:this.indent,items:[{start:[this.sourceToken],explicitKey:!0}]}),this.onKeyLine=!0;return;case"map-value-ind":if(n.explicitKey)if(n.sep)if(n.value)e.items.push({start:[],key:null,sep:[this.sourceToken]});else if(vn(n.sep,"map-value-ind"))this.stack.push({type:"block-map",offset:this.offset,indent:this.indent,items:[{start:s,key:null,sep:[this.sourceToken]}]});else if(Bv(n.key)&&!vn(n.sep,"newline")){let o=jr(n.start),a=n.key,l=n.sep;l.push(this.sourceToken),delete n.key,delete n.sep,this.stack.push({type:"block-map",offset:this.offset,indent:this.indent,items:[{start:o,key:a,sep:l}]})}else s.length>0?n.sep=n.sep.concat(s,this.sourceToken):n.sep.push(this.sourceToken);else if(vn(n.start,"newline"))Object.assign(n,{key:null,sep:[this.sourceToken]});else{let o=jr(n.start);this.stack.push({type:"block-map",offset:this.offset,indent:this.indent,items:[{start:o,key:null,sep:[this.sourceToken]}]})}else n.sep?n.value||i?e.items.push({start:s,key:null,sep:[this.sourceToken]}):vn(n.sep,"map-value-ind")?this.stack.push({type:"block-map",offset:this.offset,indent:this.indent,items:[{start:[],key:null,sep:[this.sourceToken]}]}):n.sep.push(this.sourceToken):Object.assign(n,{key:null,sep:[this.sourceToken]});this.onKeyLine=!0;return;case"alias":case"scalar":case"single-quoted-scalar":case"double-quoted-scalar":{let o=this.flowScalar(this.type);i||n.value?(e.items.push({start:s,key:o,sep:[]}),this.onKeyLine=!0):n.sep?this.stack.push(o):(Object.assign(n,{key:o,sep:[]}),this.onKeyLine=!0);return}default:{let o=this.startBlockValue(e);if(o){if(o.type==="block-seq"){if(!n.explicitKey&&n.sep&&!vn(n.sep,"newline")){yield*this.pop({type:"error",offset:this.offset,message:"Unexpected block-seq-ind on same line with key",source:this.source});return}}else r&&e.items.push({start:s});this.stack.push(o);return}}}}yield*this.pop(),yield*this.step()}*blockSequence(e){let n=e.items[e.items.length-1];switch(this.type){case"newline":if(n.value){let r="end"in n.value?n.value.end:void 0;(Array.isArray(r)?r[r.length-1]:void 0)?.type==="comment"?r?.push(this.sourceToken):e.items.push({start:[this.sourceToken]})}else n.start.push(this.sourceToken);return;case"space":case"comment":if(n.value)e.items.push({start:[this.sourceToken]});else{if(this.atIndentedComment(n.start,e.indent)){let i=e.items[e.items.length-2]?.value?.end;if(Array.isArray(i)){el(i,n.start),i.push(this.sourceToken),e.items.pop();return}}n.start.push(this.sourceToken)}return;case"anchor":case"tag":if(n.value||this.indent<=e.indent)break;n.start.push(this.sourceToken);return;case"seq-item-ind":if(this.indent!==e.indent)break;n.value||vn(n.start,"seq-item-ind")?e.items.push({start:[this.sourceToken]}):n.start.push(this.sourceToken);return}if(this.indent>e.indent){let r=this.startBlockValue(e);if(r){this.stack.push(r);return}}yield*this.pop(),yield*this.step()}*flowCollection(e){let n=e.items[e.items.length-1];if(this.type==="flow-error-end"){let r;do yield*this.pop(),r=this.peek(1);while(r?.type==="flow-collection")}else if(e.end.length===0){switch(this.type){case"comma":case"explicit-key-ind":!n||n.sep?e.items.push({start:[this.sourceToken]}):n.start.push(this.sourceToken);return;case"map-value-ind":!n||n.value?e.items.push({start:[],key:null,sep:[this.sourceToken]}):n.sep?n.sep.push(this.sourceToken):Object.assign(n,{key:null,sep:[this.sourceToken]});return;case"space":case"comment":case"newline":case"anchor":case"tag":!n||n.value?e.items.push({start:[this.sourceToken]}):n.sep?n.sep.push(this.sourceToken):n.start.push(this.sourceToken);return;case"alias":case"scalar":case"single-quoted-scalar":case"double-quoted-scalar":{let i=this.flowScalar(this.type);!n||n.value?e.items.push({start:[],key:i,sep:[]}):n.sep?this.stack.push(i):Object.assign(n,{key:i,sep:[]});return}case"flow-map-end":case"flow-seq-end":e.end.push(this.sourceToken);return}let r=this.startBlockValue(e);r?this.stack.push(r):(yield*this.pop(),yield*this.step())}else{let r=this.peek(2);if(r.type==="block-map"&&(this.type==="map-value-ind"&&r.indent===e.indent||this.type==="newline"&&!r.items[r.items.length-1].sep))yield*this.pop(),yield*this.step();else if(this.type==="map-value-ind"&&r.type!=="flow-collection"){let i=Za(r),s=jr(i);Vv(e);let o=e.end.splice(1,e.end.length);o.push(this.sourceToken);let a={type:"block-map",offset:e.offset,indent:e.indent,items:[{start:s,key:e,sep:o}]};this.onKeyLine=!0,this.stack[this.stack.length-1]=a}else yield*this.lineEnd(e)}}flowScalar(e){if(this.onNewLine){let n=this.source.indexOf(`
`)+1;for(;n!==0;)this.onNewLine(this.offset+n),n=this.source.indexOf(`
`,n)+1}return{type:e,offset:this.offset,indent:this.indent,source:this.source}}startBlockValue(e){switch(this.type){case"alias":case"scalar":case"single-quoted-scalar":case"double-quoted-scalar":return this.flowScalar(this.type);case"block-scalar-header":return{type:"block-scalar",offset:this.offset,indent:this.indent,props:[this.sourceToken],source:""};case"flow-map-start":case"flow-seq-start":return{type:"flow-collection",offset:this.offset,indent:this.indent,start:this.sourceToken,items:[],end:[]};case"seq-item-ind":return{type:"block-seq",offset:this.offset,indent:this.indent,items:[{start:[this.sourceToken]}]};case"explicit-key-ind":{this.onKeyLine=!0;let n=Za(e),r=jr(n);return r.push(this.sourceToken),{type:"block-map",offset:this.offset,indent:this.indent,items:[{start:r,explicitKey:!0}]}}case"map-value-ind":{this.onKeyLine=!0;let n=Za(e),r=jr(n);return{type:"block-map",offset:this.offset,indent:this.indent,items:[{start:r,key:null,sep:[this.sourceToken]}]}}}return null}atIndentedComment(e,n){return this.type!=="comment"||this.indent<=n?!1:e.every(r=>r.type==="newline"||r.type==="space")}*documentEnd(e){this.type!=="doc-mode"&&(e.end?e.end.push(this.sourceToken):e.end=[this.sourceToken],this.type==="newline"&&(yield*this.pop()))}*lineEnd(e){switch(this.type){case"comma":case"doc-start":case"doc-end":case"flow-seq-end":case"flow-map-end":case"map-value-ind":yield*this.pop(),yield*this.step();break;case"newline":this.onKeyLine=!1;default:e.end?e.end.push(this.sourceToken):e.end=[this.sourceToken],this.type==="newline"&&(yield*this.pop())}}};Uv.Parser=fp});var Jv=y(Cs=>{"use strict";var Kv=Zf(),Bx=ys(),Ts=ws(),Ux=Jd(),Kx=J(),zx=dp(),zv=pp();function Hv(t){let e=t.prettyErrors!==!1;return{lineCounter:t.lineCounter||e&&new zx.LineCounter||null,prettyErrors:e}}function Hx(t,e={}){let{lineCounter:n,prettyErrors:r}=Hv(e),i=new zv.Parser(n?.addNewLine),s=new Kv.Composer(e),o=Array.from(s.compose(i.parse(t)));if(r&&n)for(let a of o)a.errors.forEach(Ts.prettifyError(t,n)),a.warnings.forEach(Ts.prettifyError(t,n));return o.length>0?o:Object.assign([],{empty:!0},s.streamInfo())}function Yv(t,e={}){let{lineCounter:n,prettyErrors:r}=Hv(e),i=new zv.Parser(n?.addNewLine),s=new Kv.Composer(e),o=null;for(let a of s.compose(i.parse(t),!0,t.length))if(!o)o=a;else if(o.options.logLevel!=="silent"){o.errors.push(new Ts.YAMLParseError(a.range.slice(0,2),"MULTIPLE_DOCS","Source contains multiple documents; please use YAML.parseAllDocuments()"));break}return r&&n&&(o.errors.forEach(Ts.prettifyError(t,n)),o.warnings.forEach(Ts.prettifyError(t,n))),o}function Yx(t,e,n){let r;typeof e=="function"?r=e:n===void 0&&e&&typeof e=="object"&&(n=e);let i=Yv(t,n);if(!i)return null;if(i.warnings.forEach(s=>Ux.warn(i.options.logLevel,s)),i.errors.length>0){if(i.options.logLevel!=="silent")throw i.errors[0];i.errors=[]}return i.toJS(Object.assign({reviver:r},n))}function Jx(t,e,n){let r=null;if(typeof e=="function"||Array.isArray(e)?r=e:n===void 0&&e&&(n=e),typeof n=="string"&&(n=n.length),typeof n=="number"){let i=Math.round(n);n=i<1?void 0:i>8?{indent:8}:{indent:i}}if(t===void 0){let{keepUndefined:i}=n??e??{};if(!i)return}return Kx.isDocument(t)&&!r?t.toString(n):new Bx.Document(t,r,n).toString(n)}Cs.parse=Yx;Cs.parseAllDocuments=Hx;Cs.parseDocument=Yv;Cs.stringify=Jx});var Qv=y(Z=>{"use strict";var Xx=Zf(),Qx=ys(),Zx=Pf(),mp=ws(),eL=ts(),kn=J(),tL=yn(),nL=we(),rL=bn(),iL=wn(),sL=Xa(),oL=cp(),aL=dp(),lL=pp(),tl=Jv(),Xv=Xi();Z.Composer=Xx.Composer;Z.Document=Qx.Document;Z.Schema=Zx.Schema;Z.YAMLError=mp.YAMLError;Z.YAMLParseError=mp.YAMLParseError;Z.YAMLWarning=mp.YAMLWarning;Z.Alias=eL.Alias;Z.isAlias=kn.isAlias;Z.isCollection=kn.isCollection;Z.isDocument=kn.isDocument;Z.isMap=kn.isMap;Z.isNode=kn.isNode;Z.isPair=kn.isPair;Z.isScalar=kn.isScalar;Z.isSeq=kn.isSeq;Z.Pair=tL.Pair;Z.Scalar=nL.Scalar;Z.YAMLMap=rL.YAMLMap;Z.YAMLSeq=iL.YAMLSeq;Z.CST=sL;Z.Lexer=oL.Lexer;Z.LineCounter=aL.LineCounter;Z.Parser=lL.Parser;Z.parse=tl.parse;Z.parseAllDocuments=tl.parseAllDocuments;Z.parseDocument=tl.parseDocument;Z.stringify=tl.stringify;Z.visit=Xv.visit;Z.visitAsync=Xv.visitAsync});var Ak=y((GV,fl)=>{function hk(t){return Array.isArray(t)?t:[t]}var zr=void 0,Tt="",Yr=" ",Re="\\",wL=/[.*+?()[\]{}^$|\\/]/,gk="\uFEFF",vL=/^\/\*{2,}$/,kL=/^\\!/,SL=/^\\#/,AL=/\r?\n/g,TL="//",Hr=47,uk=46,nt="/",yk="node-ignore";typeof Symbol<"u"&&(yk=Symbol.for("node-ignore"));var _k=yk,ir=(t,e,n)=>(Object.defineProperty(t,e,{value:n}),n),bk=()=>!1,dk={alnum:"0-9A-Za-z",alpha:"A-Za-z",blank:" \\t",cntrl:"\\x00-\\x1f\\x7f",digit:"0-9",graph:"!-.0-~",lower:"a-z",print:" -.0-~",punct:"!-.:-@\\[-`{-~",space:" \\t\\n\\r",upper:"A-Z",xdigit:"0-9A-Fa-f"},CL="\\]^-[",al=t=>CL.indexOf(t)<0?t:Re+t,EL="(?!\\/)",$L=(t,e)=>{if(t)return`[^\\/${e}]`;let n=`[${e}]`;return new RegExp(n).test("/")?EL+n:n},IL=(t,e)=>{let{length:n}=t,r=e+1,i=Tt,s=t[r];(s==="!"||s==="^")&&(i="^",r++);let o=Tt,a=Tt;for(;;){let l=t[r];if(l===zr)return null;if(l===Re){let c=t[++r];o+=al(c),a=c}else if(l==="-"&&a&&r+1<n&&t[r+1]!=="]"){r++;let c=t[r];c===Re&&(c=t[r+=1]),a<=c&&(o+=`-${al(c)}`),a=Tt}else if(l==="["&&t[r+1]===":"){let c=r+2,u=c;for(;u<n&&t[u]!=="]";)u++;if(u===n)return null;if(u>c&&t[u-1]===":"){let d=t.slice(c,u-1);if(!Object.prototype.hasOwnProperty.call(dk,d))return null;o+=dk[d],a=Tt,r=u}else o+=al("["),a="[",r=c-2}else o+=al(l),a=l;if(r++,t[r]==="]")return{end:r,source:$L(i,o)}}},_p="[]",Is="\0",RL=new RegExp(`${Is}(\\d+)${Is}`,"g"),ul="",dl="",fk=t=>t===Is||t===ul||t===dl,OL=t=>{let e=[],n=o=>`${Is}${e.push(o)-1}${Is}`,{length:r}=t,i=Tt,s=0;for(;s<r;){let o=t[s];if(o===Re){let a=t[s+1];a===nt&&s+2===r?i+=n(_p):a==="*"||a==="["||a===Yr?i+=t.slice(s,s+2):i+=n(wL.test(a)?Re+a:fk(a)?`[${a}]`:a),s+=2}else if(fk(o))i+=n(`[${o}]`),s++;else if(o==="["){let a=IL(t,s);a===null?(i+=n(_p),s=r):(i+=n(a.source),s=a.end+1)}else i+=o,s++}return{source:i,sources:e}},bp=null,NL=/\/(?!$)/,$s="[^\\/]*",PL=[[/(\\+)( ?)/g,(t,e,n)=>n?e.slice(0,e.length-e.length%2)+Yr:e,Re+Yr],[/(^|\/)\*{3,}(?=\/|$)/g,(t,e)=>`${e}**`,"*"],[/[\\$.|*+(){^]/g,t=>`\\${t}`],[/(?!\\)\?/g,()=>"[^/]","?"],[/^\//,()=>"^",nt],[/\//g,()=>"\\/",nt],[/^\^*(?:\\\*\\\*\\\/)+/,()=>"(?:^|\\/)","*"],[bp,(t,e)=>!t||t[0]==="^"||t[0]==="("?t:(NL.test(e)?"^":"(?:^|\\/)")+t],[/\\\/\\\*\\\*(?=\\\/|$)/g,(t,e,n)=>e+6<n.length?n.slice(e+6)==="\\/"?"(?:\\/[^\\/]+)+":"(?:\\/[^\\/]+)*":`\\/${dl}`,"*"],[/(^|[^\\])(?:\\\*)+(?!$)/g,(t,e)=>e+$s,"*"],[/(^|[^\\])((?:\\\\)*)\\\*$/,(t,e,n)=>n===Tt?e+ul:t,"*"],[/\\\\\\(?=[$.|*+(){^])/g,()=>Re,Re+Re],[/\\\\/g,()=>Re,Re+Re],[/\\\[([^\]/]*?)($|\])/g,(t,e,n)=>`\\[${e}${n}`,"["],[bp,t=>{let e=t[t.length-1];return!e||e===ul||e===dl?t:e===nt?`${t}$`:`${t}(?=$|\\/$)`}]],xL=/(^|\\\/)?\uE000$/,ll="regex",pk="checkRegex",mk="_",LL=(t,e)=>`${e?`${e}[^/]+`:"[^/]*"}(?=$|\\/$)`,DL=/\uE001$/,ML=()=>"[\\s\\S]",qL=(t,e)=>{let n=Tt;for(let r=e+1;r<t.length&&!t[r].wildcard;r++)n+=t[r].single;return n},WL=t=>{if(t.indexOf($s)<0)return t;let e=[],{length:n}=t,r=0;for(;r<n;){let a=t[r];if(t.startsWith($s,r))e.push({wildcard:!0}),r+=$s.length;else if(a==="["){let l=r+1;for(t[l]==="^"&&l++,t[l]==="]"&&l++;l<n&&t[l]!=="]";)l+=t[l]===Re?2:1;l++,e.push({single:t.slice(r,l)}),r=l}else if(a===Re)e.push({single:t.slice(r,r+2)}),r+=2;else if(a==="("){let l=0,c=r;do t[c]===Re?c++:t[c]==="("?l++:t[c]===")"&&l--,c++;while(c<n&&l>0);"*+?".indexOf(t[c])>=0&&c++,e.push({boundary:t.slice(r,c)}),r=c}else a==="^"||a==="$"?(e.push({boundary:a}),r++):(e.push({single:a}),r++)}let i=Tt,s=[],o=()=>{let a;s.forEach((l,c)=>{l.wildcard&&(a=c)}),s.forEach((l,c)=>{if(!l.wildcard){i+=l.single;return}i+=c===a?$s:`(?:(?!${qL(s,c)})[^\\/])*`}),s=[]};return e.forEach(a=>{if(a.boundary===void 0){s.push(a);return}o(),i+=a.boundary}),o(),i},wk=t=>{vL.test(t)&&(t="**");let{source:e,sources:n}=OL(t),r=PL.reduce((i,[s,o,a])=>s===bp?o(i,t):a!==zr&&i.indexOf(a)<0?i:s.test(i)?i.replace(s,o.bind(t)):i,e);return n.length?r.replace(RL,(i,s)=>n[s]):r},GL=(t,e)=>{t[t.length-1]===nt&&(e=wk(t.slice(0,-1)));let n=e.slice(0,-1),r=e[e.length-1];return r===ul?`${n}$`:r===dl?n:_p},vk=t=>{let e=t.indexOf(nt);return e<0||e===t.length-1},FL=t=>{let e=t.length-1,n=t.lastIndexOf(nt,t[e]===nt?e-1:e);return n<0?t:t.slice(n+1)},jL=t=>{if(t.charCodeAt(0)===Hr||t.indexOf(TL)>=0){let r=t.split(nt).filter(Boolean);return r.pop(),r.length?r.join(nt)+nt:Tt}let e=t.length-1,n=t.lastIndexOf(nt,t.charCodeAt(e)===Hr?e-1:e);return n<0?Tt:t.slice(0,n+1)},Rs=t=>typeof t=="string",VL=t=>t&&Rs(t),BL=t=>(t[t.length-1]==="\r"?t.slice(0,-1):t).split(AL).filter(Boolean),wp=class{constructor(e,n,r,i,s,o){this.pattern=e,this.mark=n,this.negative=s,ir(this,"body",r),ir(this,"ignoreCase",i),ir(this,"regexPrefix",o)}get _basenameOnly(){return ir(this,"_basenameOnly",vk(this.body))}get regex(){let e=mk+ll;return this[e]?this[e]:this._make(ll,e)}get checkRegex(){let e=mk+pk;return this[e]?this[e]:this._make(pk,e)}_make(e,n){let r=WL(e===ll?this.regexPrefix.replace(xL,LL).replace(DL,ML):GL(this.body,this.regexPrefix)),i=this.ignoreCase?new RegExp(r,"i"):new RegExp(r);return ir(this,n,i)}},UL=t=>{let e=0;for(;t[t.length-e-1]===Re;)e++;return e%2===1},KL=(t,e)=>{let n=t.length,r;for(;;){for(e&&t[n-1]==="\r"&&n--,r=n;t[r-1]===Yr;)r--;if(!e||t[r-1]!==`
`)break;n=r-1}if(r===n)return t.slice(0,n);let i=0;for(;t[r-i-1]===Re;)i++;return i%2?t.slice(0,r-1)+Yr:t.slice(0,r)},zL=(t,e,n,r,i)=>{let s=i&&t[0]===gk?t.slice(1):t;if(s[0]==="#")return;let o=!1;s[0]==="!"&&(o=!0,s=s.slice(1));let a=s[s.length-1];if((a===Yr||r&&(a==="\r"||a===`
`))&&(s=KL(s,r)),!s||UL(s))return;s=s.replace(kL,"!").replace(SL,"#");let l=wk(s);return new wp(t,e,s,n,o,l)},vp=class{constructor(e){this._ignoreCase=e,this._rules=[],this._basenameCount=0}_add(e,n){if(e&&e[_k]){this._rules=this._rules.concat(e._rules._rules),this._basenameCount+=e._rules._basenameCount,this._added=!0;return}let r=Rs(e),i=r?e:e.pattern,s=VL(i)&&zL(i,r?zr:e.mark,this._ignoreCase,!this._split,this._stripBOM&&!n);s&&(this._added=!0,this._rules.push(s),vk(s.body)&&this._basenameCount++)}add(e){return this._added=!1,this._split=Rs(e),this._stripBOM=!this._split||e[0]===gk,hk(this._split?BL(e):e).forEach(this._add,this),this._added&&(this._literalRules=zr),this._added}testLiteral(e){let n=this._literalRules||(this._literalRules=this._rules.filter(({body:a})=>a[a.length-(a[a.length-1]===nt?2:1)]==="*")),r=!1,i=!1,s;for(let a=n.length-1;a>=0;a--){let l=n[a];if(l.checkRegex.test(e)){r=!l.negative,i=l.negative,s=l.negative?zr:l;break}}let o={ignored:r,unignored:i};return s&&(o.rule=s),o}test(e,n){let r=this._rules,{length:i}=r,s=this._basenameCount*2>=i,o=s?FL(e):e;for(let a=i-1;a>=0;a--){let l=r[a];if(l[n].test(s&&l._basenameOnly?o:e)){let{negative:c}=l,u={ignored:!c,unignored:c};return c||(u.rule=l),u}}return{ignored:!1,unignored:!1}}},HL=(t,e)=>{throw new e(t)},Sn=(t,e,n)=>Rs(t)?t?Sn.isNotRelative(t)?n(`path should be a \`path.relative()\`d string, but got "${e}"`,RangeError):!0:n("path must not be empty",TypeError):n(`path must be a string, but got \`${e}\``,TypeError),kk=t=>{let e=t.charCodeAt(0);if(e===Hr)return!0;if(e!==uk)return!1;if(t.length===1)return!0;let n=t.charCodeAt(1);return n===Hr?!0:n!==uk?!1:t.length===2||t.charCodeAt(2)===Hr};Sn.isNotRelative=kk;Sn.convert=t=>t;var cl=t=>Rs(t)&&Sn.convert(t),kp=class{constructor({ignorecase:e=!0,ignoreCase:n=e,allowRelativePaths:r=!1}={}){ir(this,_k,!0),this._rules=new vp(n),this._strictPathCheck=!r,this._initCache()}_initCache(){this._ignoreCache=Object.create(null),this._testCache=Object.create(null)}add(e){return this._rules.add(e)&&this._initCache(),this}addPattern(e){return this.add(e)}_test(e,n,r){return Sn(r,e,this._strictPathCheck?HL:bk),r?this._t(r,n):{ignored:!1,unignored:!1}}checkIgnore(e){let n=cl(e);if(!n||n.charCodeAt(n.length-1)!==Hr)return this._test(e,this._testCache,n);let r=this._t(n,this._testCache);if(r.ignored)return r;let i=this._rules.testLiteral(n);return i.ignored||i.unignored?i:r}_t(e,n){if(e in n)return n[e];let r=jL(e),i=r?this._t(r,n):zr;return n[e]=i&&i.ignored?i:this._rules.test(e,ll)}ignores(e){return this._test(e,this._ignoreCache,cl(e)).ignored}createFilter(){return e=>!this.ignores(e)}filter(e){return hk(e).filter(this.createFilter())}test(e){return this._test(e,this._testCache,cl(e))}},Sp=t=>new kp(t),YL=t=>Sn(cl(t),t,bk),Sk=()=>{let t=n=>/^\\\\\?\\/.test(n)||/["<>|\u0000-\u001F]+/u.test(n)?n:n.replace(/\\/g,"/");Sn.convert=t;let e=/^[a-z]:\//i;Sn.isNotRelative=n=>e.test(n)||kk(n)};typeof process<"u"&&process.platform==="win32"&&Sk();fl.exports=Sp;Sp.default=Sp;fl.exports.isPathValid=YL;ir(fl.exports,Symbol.for("setupWindows"),Sk)});var Os=y((FV,Ik)=>{"use strict";var Tk="[^\\\\/]",JL="(?=.)",Ck="[^/]",Ap="(?:\\/|$)",Ek="(?:^|\\/)",Tp=`\\.{1,2}${Ap}`,XL="(?!\\.)",QL=`(?!${Ek}${Tp})`,ZL=`(?!\\.{0,1}${Ap})`,eD=`(?!${Tp})`,tD="[^.\\/]",nD=`${Ck}*?`,rD="/",$k={DOT_LITERAL:"\\.",PLUS_LITERAL:"\\+",QMARK_LITERAL:"\\?",SLASH_LITERAL:"\\/",ONE_CHAR:JL,QMARK:Ck,END_ANCHOR:Ap,DOTS_SLASH:Tp,NO_DOT:XL,NO_DOTS:QL,NO_DOT_SLASH:ZL,NO_DOTS_SLASH:eD,QMARK_NO_DOT:tD,STAR:nD,START_ANCHOR:Ek,SEP:rD},iD={...$k,SLASH_LITERAL:"[\\\\/]",QMARK:Tk,STAR:`${Tk}*?`,DOTS_SLASH:"\\.{1,2}(?:[\\\\/]|$)",NO_DOT:"(?!\\.)",NO_DOTS:"(?!(?:^|[\\\\/])\\.{1,2}(?:[\\\\/]|$))",NO_DOT_SLASH:"(?!\\.{0,1}(?:[\\\\/]|$))",NO_DOTS_SLASH:"(?!\\.{1,2}(?:[\\\\/]|$))",QMARK_NO_DOT:"[^.\\\\/]",START_ANCHOR:"(?:^|[\\\\/])",END_ANCHOR:"(?:[\\\\/]|$)",SEP:"\\"},sD={__proto__:null,alnum:"a-zA-Z0-9",alpha:"a-zA-Z",ascii:"\\x00-\\x7F",blank:" \\t",cntrl:"\\x00-\\x1F\\x7F",digit:"0-9",graph:"\\x21-\\x7E",lower:"a-z",print:"\\x20-\\x7E ",punct:"\\-!\"#$%&'()\\*+,./:;<=>?@[\\]^_`{|}~",space:" \\t\\r\\n\\v\\f",upper:"A-Z",word:"A-Za-z0-9_",xdigit:"A-Fa-f0-9"};Ik.exports={DEFAULT_MAX_EXTGLOB_RECURSION:0,MAX_LENGTH:1024*64,POSIX_REGEX_SOURCE:sD,REGEX_BACKSLASH:/\\(?![*+?^${}(|)[\]])/g,REGEX_NON_SPECIAL_CHARS:/^[^@![\].,$*+?^{}()|\\/]+/,REGEX_SPECIAL_CHARS:/[-*+?.^${}(|)[\]]/,REGEX_SPECIAL_CHARS_BACKREF:/(\\?)((\W)(\3*))/g,REGEX_SPECIAL_CHARS_GLOBAL:/([-*+?.^${}(|)[\]])/g,REGEX_REMOVE_BACKSLASH:/(?:\[.*?[^\\]\]|\\(?=.))/g,REPLACEMENTS:{__proto__:null,"***":"*","**/**":"**","**/**/**":"**"},CHAR_0:48,CHAR_9:57,CHAR_UPPERCASE_A:65,CHAR_LOWERCASE_A:97,CHAR_UPPERCASE_Z:90,CHAR_LOWERCASE_Z:122,CHAR_LEFT_PARENTHESES:40,CHAR_RIGHT_PARENTHESES:41,CHAR_ASTERISK:42,CHAR_AMPERSAND:38,CHAR_AT:64,CHAR_BACKWARD_SLASH:92,CHAR_CARRIAGE_RETURN:13,CHAR_CIRCUMFLEX_ACCENT:94,CHAR_COLON:58,CHAR_COMMA:44,CHAR_DOT:46,CHAR_DOUBLE_QUOTE:34,CHAR_EQUAL:61,CHAR_EXCLAMATION_MARK:33,CHAR_FORM_FEED:12,CHAR_FORWARD_SLASH:47,CHAR_GRAVE_ACCENT:96,CHAR_HASH:35,CHAR_HYPHEN_MINUS:45,CHAR_LEFT_ANGLE_BRACKET:60,CHAR_LEFT_CURLY_BRACE:123,CHAR_LEFT_SQUARE_BRACKET:91,CHAR_LINE_FEED:10,CHAR_NO_BREAK_SPACE:160,CHAR_PERCENT:37,CHAR_PLUS:43,CHAR_QUESTION_MARK:63,CHAR_RIGHT_ANGLE_BRACKET:62,CHAR_RIGHT_CURLY_BRACE:125,CHAR_RIGHT_SQUARE_BRACKET:93,CHAR_SEMICOLON:59,CHAR_SINGLE_QUOTE:39,CHAR_SPACE:32,CHAR_TAB:9,CHAR_UNDERSCORE:95,CHAR_VERTICAL_LINE:124,CHAR_ZERO_WIDTH_NOBREAK_SPACE:65279,extglobChars(t){return{"!":{type:"negate",open:"(?:(?!(?:",close:`))${t.STAR})`},"?":{type:"qmark",open:"(?:",close:")?"},"+":{type:"plus",open:"(?:",close:")+"},"*":{type:"star",open:"(?:",close:")*"},"@":{type:"at",open:"(?:",close:")"}}},globChars(t){return t===!0?iD:$k}}});var Ns=y(Xe=>{"use strict";var{REGEX_BACKSLASH:oD,REGEX_REMOVE_BACKSLASH:aD,REGEX_SPECIAL_CHARS:lD,REGEX_SPECIAL_CHARS_GLOBAL:cD}=Os();Xe.isObject=t=>t!==null&&typeof t=="object"&&!Array.isArray(t);Xe.hasRegexChars=t=>lD.test(t);Xe.isRegexChar=t=>t.length===1&&Xe.hasRegexChars(t);Xe.escapeRegex=t=>t.replace(cD,"\\$1");Xe.toPosixSlashes=t=>t.replace(oD,"/");Xe.isWindows=()=>{if(typeof navigator<"u"&&navigator.platform){let t=navigator.platform.toLowerCase();return t==="win32"||t==="windows"}return typeof process<"u"&&process.platform?process.platform==="win32":!1};Xe.removeBackslashes=t=>t.replace(aD,e=>e==="\\"?"":e);Xe.escapeLast=(t,e,n)=>{let r=t.lastIndexOf(e,n);return r===-1?t:t[r-1]==="\\"?Xe.escapeLast(t,e,r-1):`${t.slice(0,r)}\\${t.slice(r)}`};Xe.removePrefix=(t,e={})=>{let n=t;return n.startsWith("./")&&(n=n.slice(2),e.prefix="./"),n};Xe.wrapOutput=(t,e={},n={})=>{let r=n.contains?"":"^",i=n.contains?"":"$",s=`${r}(?:${t})${i}`;return e.negated===!0&&(s=`(?:^(?!${s}).*$)`),s};Xe.basename=(t,{windows:e}={})=>{let n=t.split(e?/[\\/]/:"/"),r=n[n.length-1];return r===""?n[n.length-2]:r}});var Mk=y((VV,Dk)=>{"use strict";var Rk=Ns(),{CHAR_ASTERISK:Cp,CHAR_AT:uD,CHAR_BACKWARD_SLASH:Jr,CHAR_COMMA:dD,CHAR_DOT:Ep,CHAR_EXCLAMATION_MARK:$p,CHAR_FORWARD_SLASH:Lk,CHAR_LEFT_CURLY_BRACE:Ip,CHAR_LEFT_PARENTHESES:pl,CHAR_LEFT_SQUARE_BRACKET:fD,CHAR_PLUS:pD,CHAR_QUESTION_MARK:Ok,CHAR_RIGHT_CURLY_BRACE:mD,CHAR_RIGHT_PARENTHESES:Nk,CHAR_RIGHT_SQUARE_BRACKET:hD}=Os(),Pk=t=>t===Lk||t===Jr,xk=t=>{t.isPrefix!==!0&&(t.depth=t.isGlobstar?1/0:1)},gD=(t,e)=>{let n=e||{},r=t.length-1,i=n.parts===!0||n.tokens===!0||n.scanToEnd===!0,s=[],o=[],a=[],l=t,c=-1,u=0,d=0,f=!1,m=!1,h=!1,p=!1,g=!1,_=!1,b=!1,k=!1,C=!1,A=!1,I=0,P,T,R={value:"",depth:0,isGlob:!1},v=()=>c>=r,ne=()=>l.charCodeAt(c+1),D=()=>(P=T,l.charCodeAt(++c));for(;c<r;){T=D();let te;if(T===Jr){b=R.backslashes=!0,T=D(),T===Ip&&(_=!0);continue}if(_===!0||T===Ip){for(I++;v()!==!0&&(T=D());){if(T===Jr){b=R.backslashes=!0,D();continue}if(T===Ip){I++;continue}if(_!==!0&&T===Ep&&(T=D())===Ep){if(f=R.isBrace=!0,h=R.isGlob=!0,A=!0,i===!0)continue;break}if(_!==!0&&T===dD){if(f=R.isBrace=!0,h=R.isGlob=!0,A=!0,i===!0)continue;break}if(T===mD&&(I--,I===0)){_=!1,f=R.isBrace=!0,A=!0;break}}if(i===!0)continue;break}if(T===Lk){if(s.push(c),o.push(R),R={value:"",depth:0,isGlob:!1},A===!0)continue;if(P===Ep&&c===u+1){u+=2;continue}d=c+1;continue}if(n.noext!==!0&&(T===pD||T===uD||T===Cp||T===Ok||T===$p)===!0&&ne()===pl){if(h=R.isGlob=!0,p=R.isExtglob=!0,A=!0,T===$p&&c===u&&(C=!0),i===!0){let Qe=0;for(;v()!==!0&&(T=D());){if(T===Jr){b=R.backslashes=!0,D();continue}if(T===pl){Qe++;continue}if(T===Nk&&--Qe===0){A=!0;break}}continue}break}if(T===Cp){if(P===Cp&&(g=R.isGlobstar=!0),h=R.isGlob=!0,A=!0,i===!0)continue;break}if(T===Ok){if(h=R.isGlob=!0,A=!0,i===!0)continue;break}if(T===fD){for(;v()!==!0&&(te=D());){if(te===Jr){b=R.backslashes=!0,D();continue}if(te===hD){m=R.isBracket=!0,h=R.isGlob=!0,A=!0;break}}if(i===!0)continue;break}if(n.nonegate!==!0&&T===$p&&c===u){k=R.negated=!0,u++;continue}if(n.noparen!==!0&&T===pl){if(h=R.isGlob=!0,i===!0){let Ve=1;for(;v()!==!0&&(T=D());){if(T===Jr){b=R.backslashes=!0,D();continue}if(T===pl){Ve++;continue}if(T===Nk&&--Ve===0){A=!0;break}}continue}break}if(h===!0){if(A=!0,i===!0)continue;break}}n.noext===!0&&(p=!1,h=!1);let ee=l,w="",S="";u>0&&(w=l.slice(0,u),l=l.slice(u),d-=u),ee&&h===!0&&d>0?(ee=l.slice(0,d),S=l.slice(d)):h===!0?(ee="",S=l):ee=l,ee&&ee!==""&&ee!=="/"&&ee!==l&&Pk(ee.charCodeAt(ee.length-1))&&(ee=ee.slice(0,-1)),n.unescape===!0&&(S&&(S=Rk.removeBackslashes(S)),ee&&b===!0&&(ee=Rk.removeBackslashes(ee)));let qe={prefix:w,input:t,start:u,base:ee,glob:S,isBrace:f,isBracket:m,isGlob:h,isExtglob:p,isGlobstar:g,negated:k,negatedExtglob:C};if(n.tokens===!0&&(qe.maxDepth=0,Pk(T)||o.push(R),qe.tokens=o),n.parts===!0||n.tokens===!0){let te;for(let ve=0;ve<s.length;ve++){let ar=te!==void 0?te+1:u,ii=s[ve],Tn=t.slice(ar,ii);n.tokens&&(ve===0&&u!==0?(o[ve].isPrefix=!0,o[ve].value=w):o[ve].value=Tn,xk(o[ve]),qe.maxDepth+=o[ve].depth),ii>=u&&(a.push(Tn),te=ii)}let Ve=te!==void 0?te+1:u,Qe=t.slice(Ve);a.push(Qe),n.tokens&&te&&te+1<t.length&&(o[o.length-1].value=Qe,xk(o[o.length-1]),qe.maxDepth+=o[o.length-1].depth),qe.slashes=s,qe.parts=a}return qe};Dk.exports=gD});var Fk=y((BV,Gk)=>{"use strict";var Ps=Os(),rt=Ns(),{MAX_LENGTH:ml,POSIX_REGEX_SOURCE:yD,REGEX_NON_SPECIAL_CHARS:_D,REGEX_SPECIAL_CHARS_BACKREF:bD,REPLACEMENTS:qk}=Ps,wD=(t,e)=>{if(typeof e.expandRange=="function")return e.expandRange(...t,e);t.sort();let n=`[${t.join("-")}]`;try{new RegExp(n)}catch{return t.map(i=>rt.escapeRegex(i)).join("..")}return n},Xr=(t,e)=>`Missing ${t}: "${e}" - use "\\\\${e}" to match literal characters`,Wk=t=>{let e=[],n=0,r=0,i=0,s="",o=!1;for(let a of t){if(o===!0){s+=a,o=!1;continue}if(a==="\\"){s+=a,o=!0;continue}if(a==='"'){i=i===1?0:1,s+=a;continue}if(i===0){if(a==="[")n++;else if(a==="]"&&n>0)n--;else if(n===0){if(a==="(")r++;else if(a===")"&&r>0)r--;else if(a==="|"&&r===0){e.push(s),s="";continue}}}s+=a}return e.push(s),e},vD=t=>{let e=!1;for(let n of t){if(e===!0){e=!1;continue}if(n==="\\"){e=!0;continue}if(/[?*+@!()[\]{}]/.test(n))return!1}return!0},Op=t=>{let e=t.trim(),n=!0;for(;n===!0;)n=!1,/^@\([^\\()[\]{}|]+\)$/.test(e)&&(e=e.slice(2,-1),n=!0);if(vD(e))return e.replace(/\\(.)/g,"$1")},kD=t=>{let e=t.map(Op).filter(Boolean);for(let n=0;n<e.length;n++)for(let r=n+1;r<e.length;r++){let i=e[n],s=e[r],o=i[0];if(!(!o||i!==o.repeat(i.length)||s!==o.repeat(s.length))&&(i===s||i.startsWith(s)||s.startsWith(i)))return!0}return!1},Rp=(t,e=!0)=>{if(t[0]!=="+"&&t[0]!=="*"||t[1]!=="(")return;let n=0,r=0,i=0,s=!1;for(let o=1;o<t.length;o++){let a=t[o];if(s===!0){s=!1;continue}if(a==="\\"){s=!0;continue}if(a==='"'){i=i===1?0:1;continue}if(i!==1){if(a==="["){n++;continue}if(a==="]"&&n>0){n--;continue}if(!(n>0)){if(a==="("){r++;continue}if(a===")"&&(r--,r===0))return e===!0&&o!==t.length-1?void 0:{type:t[0],body:t.slice(2,o),end:o}}}}},SD=t=>`${t.length===1?rt.escapeRegex(t[0]):`[${t.map(n=>rt.escapeRegex(n)).join("")}]`}*`,AD=t=>{let e=0,n=[];for(;e<t.length;){let r=Rp(t.slice(e),!1);if(!r||r.type!=="*")return;let i=Wk(r.body).map(o=>o.trim());if(i.length!==1)return;let s=Op(i[0]);if(!s||s.length!==1)return;n.push(s),e+=r.end+1}if(!(n.length<1))return n},TD=t=>{let e=0,n=t.trim(),r=Rp(n);for(;r;)e++,n=r.body.trim(),r=Rp(n);return e},CD=(t,e)=>{if(e.maxExtglobRecursion===!1)return{risky:!1};let n=typeof e.maxExtglobRecursion=="number"?e.maxExtglobRecursion:Ps.DEFAULT_MAX_EXTGLOB_RECURSION,r=Wk(t).map(a=>a.trim());if(r.length>1&&(r.some(a=>a==="")||r.some(a=>/^[*?]+$/.test(a))||kD(r)))return{risky:!0};let i=[],s=!1,o=!0;for(let a of r){let l=AD(a);if(l){s=!0,i.push(...l);continue}let c=Op(a);if(c&&c.length===1){i.push(c);continue}if(o=!1,TD(a)>n)return{risky:!0}}return s?o?{risky:!0,safeOutput:SD([...new Set(i)])}:{risky:!0}:{risky:!1}},Np=(t,e)=>{if(typeof t!="string")throw new TypeError("Expected a string");t=qk[t]||t;let n={...e},r=typeof n.maxLength=="number"?Math.min(ml,n.maxLength):ml,i=t.length;if(i>r)throw new SyntaxError(`Input length: ${i}, exceeds maximum allowed length: ${r}`);let s={type:"bos",value:"",output:n.prepend||""},o=[s],a=n.capture?"":"?:",l=Ps.globChars(n.windows),c=Ps.extglobChars(l),{DOT_LITERAL:u,PLUS_LITERAL:d,SLASH_LITERAL:f,ONE_CHAR:m,DOTS_SLASH:h,NO_DOT:p,NO_DOT_SLASH:g,NO_DOTS_SLASH:_,QMARK:b,QMARK_NO_DOT:k,STAR:C,START_ANCHOR:A}=l,I=$=>`(${a}(?:(?!${A}${$.dot?h:u}).)*?)`,P=n.dot?"":p,T=n.dot?b:k,R=n.bash===!0?I(n):C;n.capture&&(R=`(${R})`),typeof n.noext=="boolean"&&(n.noextglob=n.noext);let v={input:t,index:-1,start:0,dot:n.dot===!0,consumed:"",output:"",prefix:"",backtrack:!1,negated:!1,brackets:0,braces:0,parens:0,quotes:0,globstar:!1,tokens:o};t=rt.removePrefix(t,v),i=t.length;let ne=[],D=[],ee=[],w=s,S,qe=()=>v.index===i-1,te=v.peek=($=1)=>t[v.index+$],Ve=v.advance=()=>t[++v.index]||"",Qe=()=>t.slice(v.index+1),ve=($="",fe=0)=>{v.consumed+=$,v.index+=fe},ar=$=>{v.output+=$.output!=null?$.output:$.value,ve($.value)},ii=()=>{let $=1;for(;te()==="!"&&(te(2)!=="("||te(3)==="?");)Ve(),v.start++,$++;return $%2===0?!1:(v.negated=!0,v.start++,!0)},Tn=$=>{v[$]++,ee.push($)},en=$=>{v[$]--,ee.pop()},B=$=>{if(w.type==="globstar"){let fe=v.braces>0&&($.type==="comma"||$.type==="brace"),E=$.extglob===!0||ne.length&&($.type==="pipe"||$.type==="paren");$.type!=="slash"&&$.type!=="paren"&&!fe&&!E&&(v.output=v.output.slice(0,-w.output.length),w.type="star",w.value="*",w.output=R,v.output+=w.output)}if(ne.length&&$.type!=="paren"&&(ne[ne.length-1].inner+=$.value),($.value||$.output)&&ar($),w&&w.type==="text"&&$.type==="text"){w.output=(w.output||w.value)+$.value,w.value+=$.value;return}$.prev=w,o.push($),w=$},Gs=($,fe)=>{let E={...c[fe],conditions:1,inner:""};E.prev=w,E.parens=v.parens,E.output=v.output,E.startIndex=v.index,E.tokensIndex=o.length;let U=(n.capture?"(":"")+E.open;Tn("parens"),B({type:$,value:fe,output:v.output?"":m}),B({type:"paren",extglob:!0,value:Ve(),output:U}),ne.push(E)},PS=$=>{let fe=t.slice($.startIndex,v.index+1),E=t.slice($.startIndex+2,v.index),U=CD(E,n);if(($.type==="plus"||$.type==="star")&&U.risky){let ae=U.safeOutput?($.output?"":m)+(n.capture?`(${U.safeOutput})`:U.safeOutput):void 0,Ct=o[$.tokensIndex];Ct.type="text",Ct.value=fe,Ct.output=ae||rt.escapeRegex(fe);for(let Cn=$.tokensIndex+1;Cn<o.length;Cn++)o[Cn].value="",o[Cn].output="",delete o[Cn].suffix;v.output=$.output+Ct.output,v.backtrack=!0,B({type:"paren",extglob:!0,value:S,output:""}),en("parens");return}let ce=$.close+(n.capture?")":""),ke;if($.type==="negate"){let ae=R;if($.inner&&$.inner.length>1&&$.inner.includes("/")&&(ae=I(n)),(ae!==R||qe()||/^\)+$/.test(Qe()))&&(ce=$.close=`)$))${ae}`),$.inner.includes("*")&&(ke=Qe())&&/^\.[^\\/.]+$/.test(ke)){let Ct=Np(ke,{...e,fastpaths:!1}).output;ce=$.close=`)${Ct})${ae})`}$.prev.type==="bos"&&(v.negatedExtglob=!0)}B({type:"paren",extglob:!0,value:S,output:ce}),en("parens")};if(n.fastpaths!==!1&&!/(^[*!]|[/()[\]{}"])/.test(t)){let $=!1,fe=t.replace(bD,(E,U,ce,ke,ae,Ct)=>ke==="\\"?($=!0,E):ke==="?"?U?U+ke+(ae?b.repeat(ae.length):""):Ct===0?T+(ae?b.repeat(ae.length):""):b.repeat(ce.length):ke==="."?u.repeat(ce.length):ke==="*"?U?U+ke+(ae?R:""):R:U?E:`\\${E}`);return $===!0&&(n.unescape===!0?fe=fe.replace(/\\/g,""):fe=fe.replace(/\\+/g,E=>E.length%2===0?"\\\\":E?"\\":"")),fe===t&&n.contains===!0?(v.output=t,v):(v.output=rt.wrapOutput(fe,v,e),v)}for(;!qe();){if(S=Ve(),S==="\0")continue;if(S==="\\"){let E=te();if(E==="/"&&n.bash!==!0||E==="."||E===";")continue;if(!E){S+="\\",B({type:"text",value:S});continue}let U=/^\\+/.exec(Qe()),ce=0;if(U&&U[0].length>2&&(ce=U[0].length,v.index+=ce,ce%2!==0&&(S+="\\")),n.unescape===!0?S=Ve():S+=Ve(),v.brackets===0){B({type:"text",value:S});continue}}if(v.brackets>0&&(S!=="]"||w.value==="["||w.value==="[^")){if(n.posix!==!1&&S===":"){let E=w.value.slice(1);if(E.includes("[")&&(w.posix=!0,E.includes(":"))){let U=w.value.lastIndexOf("["),ce=w.value.slice(0,U),ke=w.value.slice(U+2),ae=yD[ke];if(ae){w.value=ce+ae,v.backtrack=!0,Ve(),!s.output&&o.indexOf(w)===1&&(s.output=m);continue}}}(S==="["&&te()!==":"||S==="-"&&te()==="]")&&(S=`\\${S}`),S==="]"&&(w.value==="["||w.value==="[^")&&(S=`\\${S}`),n.posix===!0&&S==="!"&&w.value==="["&&(S="^"),w.value+=S,ar({value:S});continue}if(v.quotes===1&&S!=='"'){S=rt.escapeRegex(S),w.value+=S,ar({value:S});continue}if(S==='"'){v.quotes=v.quotes===1?0:1,n.keepQuotes===!0&&B({type:"text",value:S});continue}if(S==="("){Tn("parens"),B({type:"paren",value:S});continue}if(S===")"){if(v.parens===0&&n.strictBrackets===!0)throw new SyntaxError(Xr("opening","("));let E=ne[ne.length-1];if(E&&v.parens===E.parens+1){PS(ne.pop());continue}B({type:"paren",value:S,output:v.parens?")":"\\)"}),en("parens");continue}if(S==="["){if(n.nobracket===!0||!Qe().includes("]")){if(n.nobracket!==!0&&n.strictBrackets===!0)throw new SyntaxError(Xr("closing","]"));S=`\\${S}`}else Tn("brackets");B({type:"bracket",value:S});continue}if(S==="]"){if(n.nobracket===!0||w&&w.type==="bracket"&&w.value.length===1){B({type:"text",value:S,output:`\\${S}`});continue}if(v.brackets===0){if(n.strictBrackets===!0)throw new SyntaxError(Xr("opening","["));B({type:"text",value:S,output:`\\${S}`});continue}en("brackets");let E=w.value.slice(1);if(w.posix!==!0&&E[0]==="^"&&!E.includes("/")&&(S=`/${S}`),w.value+=S,ar({value:S}),n.literalBrackets===!1||rt.hasRegexChars(E))continue;let U=rt.escapeRegex(w.value);if(v.output=v.output.slice(0,-w.value.length),n.literalBrackets===!0){v.output+=U,w.value=U;continue}w.value=`(${a}${U}|${w.value})`,v.output+=w.value;continue}if(S==="{"&&n.nobrace!==!0){Tn("braces");let E={type:"brace",value:S,output:"(",outputIndex:v.output.length,tokensIndex:v.tokens.length};D.push(E),B(E);continue}if(S==="}"){let E=D[D.length-1];if(n.nobrace===!0||!E){B({type:"text",value:S,output:S});continue}let U=")";if(E.dots===!0){let ce=o.slice(),ke=[];for(let ae=ce.length-1;ae>=0&&(o.pop(),ce[ae].type!=="brace");ae--)ce[ae].type!=="dots"&&ke.unshift(ce[ae].value);U=wD(ke,n),v.backtrack=!0}if(E.comma!==!0&&E.dots!==!0){let ce=v.output.slice(0,E.outputIndex),ke=v.tokens.slice(E.tokensIndex);E.value=E.output="\\{",S=U="\\}",v.output=ce;for(let ae of ke)v.output+=ae.output||ae.value}B({type:"brace",value:S,output:U}),en("braces"),D.pop();continue}if(S==="|"){ne.length>0&&ne[ne.length-1].conditions++,B({type:"text",value:S});continue}if(S===","){let E=S,U=D[D.length-1];U&&ee[ee.length-1]==="braces"&&(U.comma=!0,E="|"),B({type:"comma",value:S,output:E});continue}if(S==="/"){if(w.type==="dot"&&v.index===v.start+1){v.start=v.index+1,v.consumed="",v.output="",o.pop(),w=s;continue}B({type:"slash",value:S,output:f});continue}if(S==="."){if(v.braces>0&&w.type==="dot"){w.value==="."&&(w.output=u);let E=D[D.length-1];w.type="dots",w.output+=S,w.value+=S,E.dots=!0;continue}if(v.braces+v.parens===0&&w.type!=="bos"&&w.type!=="slash"){B({type:"text",value:S,output:u});continue}B({type:"dot",value:S,output:u});continue}if(S==="?"){if(!(w&&w.value==="(")&&n.noextglob!==!0&&te()==="("&&te(2)!=="?"){Gs("qmark",S);continue}if(w&&w.type==="paren"){let U=te(),ce=S;(w.value==="("&&!/[!=<:]/.test(U)||U==="<"&&!/<([!=]|\w+>)/.test(Qe()))&&(ce=`\\${S}`),B({type:"text",value:S,output:ce});continue}if(n.dot!==!0&&(w.type==="slash"||w.type==="bos")){B({type:"qmark",value:S,output:k});continue}B({type:"qmark",value:S,output:b});continue}if(S==="!"){if(n.noextglob!==!0&&te()==="("&&(te(2)!=="?"||!/[!=<:]/.test(te(3)))){Gs("negate",S);continue}if(n.nonegate!==!0&&v.index===0){ii();continue}}if(S==="+"){if(n.noextglob!==!0&&te()==="("&&te(2)!=="?"){Gs("plus",S);continue}if(w&&w.value==="("||n.regex===!1){B({type:"plus",value:S,output:d});continue}if(w&&(w.type==="bracket"||w.type==="paren"||w.type==="brace")||v.parens>0){B({type:"plus",value:S});continue}B({type:"plus",value:d});continue}if(S==="@"){if(n.noextglob!==!0&&te()==="("&&te(2)!=="?"){B({type:"at",extglob:!0,value:S,output:""});continue}B({type:"text",value:S});continue}if(S!=="*"){(S==="$"||S==="^")&&(S=`\\${S}`);let E=_D.exec(Qe());E&&(S+=E[0],v.index+=E[0].length),B({type:"text",value:S});continue}if(w&&(w.type==="globstar"||w.star===!0)){w.type="star",w.star=!0,w.value+=S,w.output=R,v.backtrack=!0,v.globstar=!0,ve(S);continue}let $=Qe();if(n.noextglob!==!0&&/^\([^?]/.test($)){Gs("star",S);continue}if(w.type==="star"){if(n.noglobstar===!0){ve(S);continue}let E=w.prev,U=E.prev,ce=E.type==="slash"||E.type==="bos",ke=U&&(U.type==="star"||U.type==="globstar");if(n.bash===!0&&(!ce||$[0]&&$[0]!=="/")){B({type:"star",value:S,output:""});continue}let ae=v.braces>0&&(E.type==="comma"||E.type==="brace"),Ct=ne.length&&(E.type==="pipe"||E.type==="paren");if(!ce&&E.type!=="paren"&&!ae&&!Ct){B({type:"star",value:S,output:""});continue}for(;$.slice(0,3)==="/**";){let lr=t[v.index+4];if(lr&&lr!=="/")break;$=$.slice(3),ve("/**",3)}let Cn=qe()||v.parens>0&&$===")".repeat(v.parens)&&!ne.some(lr=>lr.type==="negate");if(E.type==="bos"&&qe()){w.type="globstar",w.value+=S,w.output=I(n),v.output=w.output,v.globstar=!0,ve(S);continue}if(E.type==="slash"&&E.prev.type!=="bos"&&!ke&&Cn){v.output=v.output.slice(0,-(E.output+w.output).length),E.output=`(?:${E.output}`,w.type="globstar",w.output=I(n)+(n.strictSlashes?")":"|$)"),w.value+=S,v.globstar=!0,v.output+=E.output+w.output,ve(S);continue}if(E.type==="slash"&&E.prev.type!=="bos"&&$[0]==="/"){let lr=$[1]!==void 0?"|$":"";v.output=v.output.slice(0,-(E.output+w.output).length),E.output=`(?:${E.output}`,w.type="globstar",w.output=`${I(n)}${f}|${f}${lr})`,w.value+=S,v.output+=E.output+w.output,v.globstar=!0,ve(S+Ve()),B({type:"slash",value:"/",output:""});continue}if(E.type==="bos"&&$[0]==="/"){w.type="globstar",w.value+=S,w.output=`(?:^|${f}|${I(n)}${f})`,v.output=w.output,v.globstar=!0,ve(S+Ve()),B({type:"slash",value:"/",output:""});continue}v.output=v.output.slice(0,-w.output.length),w.type="globstar",w.output=I(n),w.value+=S,v.output+=w.output,v.globstar=!0,ve(S);continue}let fe={type:"star",value:S,output:R};if(n.bash===!0){fe.output=".*?",(w.type==="bos"||w.type==="slash")&&(fe.output=P+fe.output),B(fe);continue}if(w&&(w.type==="bracket"||w.type==="paren")&&n.regex===!0){fe.output=S,B(fe);continue}(v.index===v.start||w.type==="slash"||w.type==="dot")&&(w.type==="dot"?(v.output+=g,w.output+=g):n.dot===!0?(v.output+=_,w.output+=_):(v.output+=P,w.output+=P),te()!=="*"&&(v.output+=m,w.output+=m)),B(fe)}for(;v.brackets>0;){if(n.strictBrackets===!0)throw new SyntaxError(Xr("closing","]"));v.output=rt.escapeLast(v.output,"["),en("brackets")}for(;v.parens>0;){if(n.strictBrackets===!0)throw new SyntaxError(Xr("closing",")"));v.output=rt.escapeLast(v.output,"("),en("parens")}for(;v.braces>0;){if(n.strictBrackets===!0)throw new SyntaxError(Xr("closing","}"));v.output=rt.escapeLast(v.output,"{"),en("braces")}if(n.strictSlashes!==!0&&(w.type==="star"||w.type==="bracket")&&B({type:"maybe_slash",value:"",output:`${f}?`}),v.backtrack===!0){v.output="";for(let $ of v.tokens)v.output+=$.output!=null?$.output:$.value,$.suffix&&(v.output+=$.suffix)}return v};Np.fastpaths=(t,e)=>{let n={...e},r=typeof n.maxLength=="number"?Math.min(ml,n.maxLength):ml,i=t.length;if(i>r)throw new SyntaxError(`Input length: ${i}, exceeds maximum allowed length: ${r}`);t=qk[t]||t;let{DOT_LITERAL:s,SLASH_LITERAL:o,ONE_CHAR:a,DOTS_SLASH:l,NO_DOT:c,NO_DOTS:u,NO_DOTS_SLASH:d,STAR:f,START_ANCHOR:m}=Ps.globChars(n.windows),h=n.dot?u:c,p=n.dot?d:c,g=n.capture?"":"?:",_={negated:!1,prefix:""},b=n.bash===!0?".*?":f;n.capture&&(b=`(${b})`);let k=P=>P.noglobstar===!0?b:`(${g}(?:(?!${m}${P.dot?l:s}).)*?)`,C=P=>{switch(P){case"*":return`${h}${a}${b}`;case".*":return`${s}${a}${b}`;case"*.*":return`${h}${b}${s}${a}${b}`;case"*/*":return`${h}${b}${o}${a}${p}${b}`;case"**":return h+k(n);case"**/*":return`(?:${h}${k(n)}${o})?${p}${a}${b}`;case"**/*.*":return`(?:${h}${k(n)}${o})?${p}${b}${s}${a}${b}`;case"**/.*":return`(?:${h}${k(n)}${o})?${s}${a}${b}`;default:{let T=/^(.*?)\.(\w+)$/.exec(P);if(!T)return;let R=C(T[1]);return R?R+s+T[2]:void 0}}},A=rt.removePrefix(t,_),I=C(A);return I&&n.strictSlashes!==!0&&(I+=`${o}?`),I};Gk.exports=Np});var Bk=y((UV,Vk)=>{"use strict";var ED=Mk(),Pp=Fk(),jk=Ns(),$D=Os(),ID=t=>t&&typeof t=="object"&&!Array.isArray(t),be=(t,e,n=!1)=>{if(Array.isArray(t)){let u=t.map(f=>be(f,e,n));return f=>{for(let m of u){let h=m(f);if(h)return h}return!1}}let r=ID(t)&&t.tokens&&t.input;if(t===""||typeof t!="string"&&!r)throw new TypeError("Expected pattern to be a non-empty string");let i=e||{},s=i.windows,o=r?be.compileRe(t,e):be.makeRe(t,e,!1,!0),a=o.state;delete o.state;let l=()=>!1;if(i.ignore){let u={...e,ignore:null,onMatch:null,onResult:null};l=be(i.ignore,u,n)}let c=(u,d=!1)=>{let{isMatch:f,match:m,output:h}=be.test(u,o,e,{glob:t,posix:s}),p={glob:t,state:a,regex:o,posix:s,input:u,output:h,match:m,isMatch:f};return typeof i.onResult=="function"&&i.onResult(p),f===!1?(p.isMatch=!1,d?p:!1):l(u)?(typeof i.onIgnore=="function"&&i.onIgnore(p),p.isMatch=!1,d?p:!1):(typeof i.onMatch=="function"&&i.onMatch(p),d?p:!0)};return n&&(c.state=a),c};be.test=(t,e,n,{glob:r,posix:i}={})=>{if(typeof t!="string")throw new TypeError("Expected input to be a string");if(t==="")return{isMatch:!1,output:""};let s=n||{},o=s.format||(i?jk.toPosixSlashes:null),a=t===r,l=a&&o?o(t):t;return a===!1&&(l=o?o(t):t,a=l===r),(a===!1||s.capture===!0)&&(s.matchBase===!0||s.basename===!0?a=be.matchBase(t,e,n,i):a=e.exec(l)),{isMatch:!!a,match:a,output:l}};be.matchBase=(t,e,n,r=n&&n.windows)=>(e instanceof RegExp?e:be.makeRe(e,n)).test(jk.basename(t,{windows:r}));be.isMatch=(t,e,n)=>be(e,n)(t);be.parse=(t,e)=>Array.isArray(t)?t.map(n=>be.parse(n,e)):Pp(t,{...e,fastpaths:!1});be.scan=(t,e)=>ED(t,e);be.compileRe=(t,e,n=!1,r=!1)=>{if(n===!0)return t.output;let i=e||{},s=i.contains?"":"^",o=i.contains?"":"$",a=`${s}(?:${t.output})${o}`;t&&t.negated===!0&&(a=`^(?!${a}).*$`);let l=be.toRegex(a,e);return r===!0&&(l.state=t),l};be.makeRe=(t,e={},n=!1,r=!1)=>{if(!t||typeof t!="string")throw new TypeError("Expected a non-empty string");let i={negated:!1,fastpaths:!0};return e.fastpaths!==!1&&(t[0]==="."||t[0]==="*")&&(i.output=Pp.fastpaths(t,e)),i.output||(i=Pp(t,e)),be.compileRe(i,e,n,r)};be.toRegex=(t,e)=>{try{let n=e||{};return new RegExp(t,n.flags||(n.nocase?"i":""))}catch(n){if(e&&e.debug===!0)throw n;return/$^/}};be.constants=$D;Vk.exports=be});var xp=y((KV,zk)=>{"use strict";var Uk=Bk(),RD=Ns();function Kk(t,e,n=!1){return e&&(e.windows===null||e.windows===void 0)&&(e={...e,windows:RD.isWindows()}),Uk(t,e,n)}Object.assign(Kk,Uk);zk.exports=Kk});import{existsSync as P2,writeFileSync as x2}from"node:fs";import L2 from"node:path";var im=En(rm(),1),{program:H2,createCommand:Y2,createArgument:J2,createOption:X2,CommanderError:sm,InvalidArgumentError:Q2,InvalidOptionArgumentError:Z2,Command:om,Argument:eM,Option:Fl,Help:tM}=im.default;function jl(t){return"type"in t&&"address"in t&&"source"in t}function Vl(t){return jl(t)||"kind"in t?t.loc:t}var x=class{constructor(e,n){this.reason=e;this.detail=n}reason;detail};function O(t){return t instanceof x}function ie(t){return typeof t=="object"&&t!==null&&!Array.isArray(t)&&!(t instanceof x)}function oi(t){return Array.isArray(t)}var Bl="",am="";function ge(t){return`${Bl}${t}${am}`}function Et(t){return t.includes(Bl)}function Ul(t){return t.replace(/\uE000([^\uE001]*)\uE001/g,(e,n)=>"${"+n+"}")}function lm(t){let e=[],n="",r=0;for(let i of t)i===Bl?r++:i===am&&(r=Math.max(0,r-1)),i===":"&&r===0?(e.push(n),n=""):n+=i;return e.push(n),e}var li=["equals","startsWith","endsWith"],Us=["notEquals","notStartsWith","notEndsWith"],Rn="eventCategory",In="readOnly",$n="resources.type",ai="resources.ARN",cm="eventSource";function zl(t,e,n){switch(t){case"equals":case"notEquals":return n===e;case"startsWith":case"notStartsWith":return n.startsWith(e);case"endsWith":case"notEndsWith":return n.endsWith(e)}}function t0(t){return t.replace(/^arn:aws-[a-z0-9-]+(?=:|$)/,"arn:aws")}function n0(t){return t===In?e=>e.toLowerCase():t===ai?t0:e=>e}function Kl(t,e,n){if(t==null)return;if(O(t))return{known:[],unknown:!0};let r=n0(e),i=Array.isArray(t)?t:[t];if(i.length===0&&n.emptyIsAbsent)return;let s=[],o=!1;for(let a of i)if(typeof a=="string")s.push(r(a));else if(typeof a=="boolean"||typeof a=="number")s.push(r(String(a)));else{if(a===null)continue;o=!0}return{known:s,unknown:o}}function um(t){return typeof t!="object"||t===null||Array.isArray(t)||O(t)?null:t}var Bs={known:[],unknown:!0};function jt(t,e){let n={};for(let[r,i]of Object.entries(e))i!==void 0&&(n[r]=i);return{field:t,operands:n}}function r0(t){let e=um(t);if(e===null)return{field:null,operands:{}};let n=typeof e.field=="string"?e.field:null,r={};for(let i of[...li,...Us]){let s=Kl(e[i],n,{emptyIsAbsent:!0});s!==void 0&&(r[i]=s)}return{field:n,operands:r}}function dm(t){let e=t.fieldSelectors;return Array.isArray(e)?e.map(r0):"unknown"}function fm(t,e){if(t==null)return e;if(typeof t=="boolean")return t;if(typeof t=="string"){let n=t.toLowerCase();if(n==="true")return!0;if(n==="false")return!1}return"unknown"}function pm(t){return t==null||t==="All"?null:t==="ReadOnly"?jt(In,{equals:{known:["true"],unknown:!1}}):t==="WriteOnly"?jt(In,{equals:{known:["false"],unknown:!1}}):jt(In,{equals:Bs})}function mm(t){let e=fm(t.includeManagementEvents,!0);if(e===!1)return null;let n=e===!0?{known:["Management"],unknown:!1}:Bs,r=pm(t.readWriteType);return[jt(Rn,{equals:n}),...r===null?[]:[r]]}function i0(t){return/^arn:aws:s3:::[^/]+$/.test(t)?`${t}/`:t}function hm(t){let e=pm(t.readWriteType),n=[jt(Rn,{equals:{known:["Data"],unknown:!1}}),...e===null?[]:[e]],r=t.dataResources;return r==null?[]:Array.isArray(r)?r.map(i=>{let s=um(i);if(s===null)return[...n,jt($n,{equals:Bs})];let o=Kl(s.type,$n,{emptyIsAbsent:!1}),a=Kl(s.values,ai,{emptyIsAbsent:!1})??{known:[],unknown:!1},l={known:a.known.map(i0),unknown:a.unknown},c=o===void 0?[]:[jt($n,{equals:o})];return[...n,...c,jt(ai,{startsWith:l})]}):[[...n,jt($n,{equals:Bs})]]}function On(...t){return t.includes("yes")?"yes":t.includes("unknown")?"unknown":"no"}function Vt(...t){return t.includes("no")?"no":t.includes("unknown")?"unknown":"yes"}var s0=2e5;function ym(t,e,n){let r=!1,i="no";for(let o of li){let a=t.operands[o];a!==void 0&&(r=!0,a.known.some(l=>zl(o,l,e))?i="yes":a.unknown&&i==="no"&&(i="unknown"))}if(r||(i="yes"),i==="no"||n)return i;let s=!1;for(let o of Us){let a=t.operands[o];if(a!==void 0){if(a.known.some(l=>zl(o,l,e)))return"no";a.unknown&&(s=!0)}}return s?"unknown":i}function o0(t,e,n){if(t==="unknown")return"unknown";let r=n.required.every(i=>t.some(s=>s.field===i))?"yes":"unknown";for(let i of t){if(i.field===null){r=Vt(r,"unknown");continue}let s=e.get(i.field);if(s===void 0)throw new Error(`no value for field ${i.field}`);let o=n.exclusionsAllowed&&!n.fixed.has(i.field);if(r=Vt(r,ym(i,s,o)),r==="no")return"no"}return r}var a0={equals:"equal",notEquals:"equal",startsWith:"prefix",notStartsWith:"prefix",endsWith:"suffix",notEndsWith:"suffix"};function l0(t,e,n){let r={equal:new Set,prefixes:new Set,suffixes:new Set};for(let i of t)if(i!=="unknown")for(let s of i){if(s.field!==e)continue;let o=n.exclusionsAllowed&&!n.fixed.has(e);for(let a of o?li:[...li,...Us]){let l=s.operands[a];if(l===void 0)continue;let c=a0[a],u=c==="equal"?r.equal:c==="prefix"?r.prefixes:r.suffixes;for(let d of l.known)u.add(d)}}return r}function c0(t){let e=new Set;for(let n of t)for(let r of n)e.add(r);for(let n=1;;n++){let r=String.fromCharCode(n);if(!e.has(r))return r}}function u0(t,e){let n=new Set([e,...[...t.prefixes].filter(o=>o.startsWith(e))]),r=new Set(["",...t.suffixes]),i=c0([e,...t.equal,...t.prefixes,...t.suffixes]),s=new Set([...t.equal].filter(o=>o.startsWith(e)&&o.length>e.length));for(let o of n)for(let a of r)s.add(o+i+a);return[...s].sort()}function d0(t){let e=new Set;for(let n of t)if(n!=="unknown")for(let r of n)r.field!==null&&e.add(r.field);return[...e].sort()}function gm(t,e){let n=d0(t).filter(l=>!e.fixed.has(l)),r=n.map(l=>u0(l0(t,l,e),e.prefixed.get(l)??"")),i=t.length;for(let l of r)i*=l.length;if(i>s0)return"too-big";let s=new Map(e.fixed),o="yes",a=r.map(()=>0);for(;;){n.forEach((u,d)=>s.set(u,r[d][a[d]]));let l="no";for(let u of t){let d=o0(u,s,e);if(d==="yes"){l="yes";break}d==="unknown"&&(l="unknown")}if(l==="no")return"no";l==="unknown"&&(o="unknown");let c=0;for(;c<a.length&&++a[c]===r[c].length;)a[c++]=0;if(c===a.length)return o}}function ci(t,e){if(t.length===0)return"no";let n=gm(t,e);if(n!=="too-big")return n;for(let r of t)if(gm([r],e)==="yes")return"yes";return"unknown"}function wm(t,e){return t.kind==="none"||t.selectors.length===0?null:t.kind==="basic"?t.selectors.flatMap(e):t.selectors.map(dm)}function _m(t){return{fixed:new Map([[Rn,"Management"],[In,t]]),prefixed:new Map,required:[Rn],exclusionsAllowed:!0}}function Ks(t){let e=wm(t,n=>{let r=mm(n);return r===null?[]:[r]});return e===null?{read:"yes",write:"yes"}:{read:ci(e,_m("true")),write:ci(e,_m("false"))}}function bm(t,e){return{fixed:new Map([[Rn,"Data"],[$n,"AWS::S3::Object"],[In,e],[cm,"s3.amazonaws.com"]]),prefixed:new Map([[ai,`arn:aws:s3:::${t}/`]]),required:[Rn,$n],exclusionsAllowed:!1}}function vm(t,e){let n=wm(t,hm);return n===null?{read:"no",write:"no"}:{read:ci(n,bm(e,"true")),write:ci(n,bm(e,"false"))}}function km(t){return{read:On(...t.map(e=>e.read)),write:On(...t.map(e=>e.write))}}var Sm={TG001:{cis:["3.1"],securityHub:["CloudTrail.1","CloudTrail.3"],checkov:[],trivy:[],prowler:["cloudtrail_multi_region_enabled","cloudtrail_multi_region_enabled_logging_management_events"],securitySeverity:9},TG002:{cis:["3.1"],securityHub:["CloudTrail.1"],checkov:["CKV_AWS_67"],trivy:["AVD-AWS-0014"],prowler:["cloudtrail_multi_region_enabled"],securitySeverity:7.5},TG003:{cis:["3.2"],securityHub:["CloudTrail.4"],checkov:["CKV_AWS_36"],trivy:["AVD-AWS-0016"],prowler:["cloudtrail_log_file_validation_enabled"],securitySeverity:7.5},TG004:{cis:[],securityHub:[],checkov:["CKV_AWS_251"],trivy:[],prowler:[],securitySeverity:8.5},TG005:{cis:[],securityHub:["CloudTrail.5"],checkov:["CKV2_AWS_10"],trivy:["AVD-AWS-0162"],prowler:["cloudtrail_cloudwatch_logging_enabled"],securitySeverity:5.5},TG006:{cis:["3.8","3.9"],securityHub:["S3.22","S3.23"],checkov:[],trivy:["AVD-AWS-0171","AVD-AWS-0172"],prowler:["cloudtrail_s3_dataevents_read_enabled","cloudtrail_s3_dataevents_write_enabled"],securitySeverity:7},TG007:{cis:["2.1.2"],securityHub:["S3.20"],checkov:[],trivy:["AVD-AWS-0170"],prowler:["cloudtrail_bucket_requires_mfa_delete"],securitySeverity:8},TG008:{cis:["2.1.4"],securityHub:["CloudTrail.6","S3.1","S3.8"],checkov:["CKV_AWS_53","CKV_AWS_54","CKV_AWS_55","CKV_AWS_56","CKV_AWS_20","CKV_AWS_57","CKV_AWS_70"],trivy:["AVD-AWS-0161"],prowler:["cloudtrail_logs_s3_bucket_is_not_publicly_accessible"],securitySeverity:9},TG009:{cis:[],securityHub:[],checkov:[],trivy:[],prowler:[],securitySeverity:5},TG010:{cis:["4.3"],securityHub:["CloudWatch.1"],checkov:[],trivy:["AVD-AWS-0149"],prowler:["cloudwatch_log_metric_filter_root_usage"],securitySeverity:5.5},TG011:{cis:["3.5"],securityHub:["CloudTrail.2"],checkov:["CKV_AWS_35","CKV_AWS_293"],trivy:["AVD-AWS-0015"],prowler:["cloudtrail_kms_encryption_enabled"],securitySeverity:5},TG012:{cis:[],securityHub:[],checkov:[],trivy:[],prowler:["cloudtrail_insights_exist"],securitySeverity:2},TG013:{cis:["3.1"],securityHub:["CloudTrail.1"],checkov:[],trivy:[],prowler:["cloudtrail_multi_region_enabled_logging_management_events"],securitySeverity:6},TG014:{cis:[],securityHub:[],checkov:[],trivy:[],prowler:[],securitySeverity:5.5},TG015:{cis:["3.4"],securityHub:["CloudTrail.7"],checkov:["CKV_AWS_18"],trivy:["AVD-AWS-0163"],prowler:["cloudtrail_logs_s3_bucket_access_logging_enabled"],securitySeverity:4.5},TG016:{cis:[],securityHub:[],checkov:[],trivy:[],prowler:[],securitySeverity:8},TG017:{cis:[],securityHub:[],checkov:[],trivy:[],prowler:[],securitySeverity:5.5},TG018:{cis:[],securityHub:[],checkov:[],trivy:[],prowler:[],securitySeverity:8},TG019:{cis:["4.1","4.2","4.4","4.5","4.6","4.7","4.8","4.9","4.10","4.11","4.12","4.13","4.14","4.15"],securityHub:["CloudWatch.2","CloudWatch.3","CloudWatch.4","CloudWatch.5","CloudWatch.6","CloudWatch.7","CloudWatch.8","CloudWatch.9","CloudWatch.10","CloudWatch.11","CloudWatch.12","CloudWatch.13","CloudWatch.14"],checkov:[],trivy:["AVD-AWS-0147","AVD-AWS-0148","AVD-AWS-0150","AVD-AWS-0151","AVD-AWS-0152","AVD-AWS-0153","AVD-AWS-0154","AVD-AWS-0155","AVD-AWS-0156","AVD-AWS-0157","AVD-AWS-0158","AVD-AWS-0159","AVD-AWS-0160","AVD-AWS-0174"],prowler:["cloudwatch_log_metric_filter_unauthorized_api_calls","cloudwatch_log_metric_filter_sign_in_without_mfa","cloudwatch_log_metric_filter_policy_changes","cloudwatch_log_metric_filter_and_alarm_for_cloudtrail_configuration_changes_enabled","cloudwatch_log_metric_filter_authentication_failures","cloudwatch_log_metric_filter_disable_or_scheduled_deletion_of_kms_cmk","cloudwatch_log_metric_filter_for_s3_bucket_policy_changes","cloudwatch_log_metric_filter_and_alarm_for_aws_config_configuration_changes_enabled","cloudwatch_log_metric_filter_security_group_changes","cloudwatch_changes_to_network_acls_alarm_configured","cloudwatch_changes_to_network_gateways_alarm_configured","cloudwatch_changes_to_network_route_tables_alarm_configured","cloudwatch_changes_to_vpcs_alarm_configured","cloudwatch_log_metric_filter_aws_organizations_changes"],securitySeverity:5},TG020:{cis:[],securityHub:[],checkov:[],trivy:[],prowler:[],securitySeverity:8},TG021:{cis:["3.6"],securityHub:["KMS.4"],checkov:["CKV_AWS_7"],trivy:["AVD-AWS-0065"],prowler:["kms_cmk_rotation_enabled"],securitySeverity:4.5},TG022:{cis:[],securityHub:[],checkov:[],trivy:[],prowler:[],securitySeverity:8},TG023:{cis:[],securityHub:[],checkov:[],trivy:[],prowler:[],securitySeverity:9},TG024:{cis:[],securityHub:[],checkov:[],trivy:[],prowler:[],securitySeverity:8.5},TG025:{cis:[],securityHub:[],checkov:[],trivy:[],prowler:[],securitySeverity:9},TG026:{cis:[],securityHub:[],checkov:[],trivy:[],prowler:[],securitySeverity:5},TG027:{cis:[],securityHub:[],checkov:[],trivy:[],prowler:[],securitySeverity:8}};function G(t){let e=Sm[t];return{securitySeverity:e.securitySeverity,controls:{cis:e.cis,securityHub:e.securityHub},equivalents:{checkov:e.checkov,trivy:e.trivy,prowler:e.prowler}}}var Am=`# TG001 no-account-trail
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
`;function Hl(...t){return t.includes("no")?"no":t.includes("unknown")?"unknown":"yes"}function zs(t){return t.kind==="unknown"?"unknown":t.value?"yes":"no"}function Tm(t){let e=t.selectors;if(e.kind==="unknown")return"unknown";let n=Ks(e.value);return Hl(n.read,n.write)}function m0(t){return Hl(zs(t.isMultiRegion),zs(t.isLogging),Tm(t))}function h0(t){return Hl(zs(t.isMultiRegion),zs(t.ingesting),Tm(t))}var Cm={meta:{id:"TG001",...G("TG001"),name:"no-account-trail",level:"error",summary:"No multi-region trail records the account's management events",tags:["security","cloudtrail"],appliesTo:["cloudformation"],precision:"high",messages:{missing:"requireTrail is set, but the scanned configuration defines no trail or event data store that is multi-region, logging and records read and write management events.",missingLive:"Account {{account}} has no trail or event data store that is multi-region, logging and records read and write management events: only the 90-day Event History exists.",unknown:"Whether a trail keeps the account's management events cannot be determined."}},doc:Am,check(t){let e=t.model.account,n=e.source==="live";if(!n&&!(t.settings.requireTrail&&e.requireTrailAt))return;let r=[...t.model.trails.map(m0),...t.model.eventDataStores.map(h0)];if(r.includes("yes"))return;let i=t.model.trails.map(s=>({at:s,message:`trail ${s.label} does not qualify`}));if(r.includes("unknown")){t.review({kind:"unknown",reason:"unsupported-expression",loc:e.requireTrailAt??e.loc},{messageId:"unknown",entity:e,related:i});return}n?t.report({messageId:"missingLive",data:{account:e.label},at:e,related:i}):e.requireTrailAt&&t.report({messageId:"missing",at:{kind:"known",value:!0,origin:"explicit",loc:e.requireTrailAt},entity:e,related:i})}};var Em=`# TG002 single-region-trail
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
`;var $m={meta:{id:"TG002",...G("TG002"),name:"single-region-trail",level:"error",summary:"Trail records only the region it lives in",tags:["security","cloudtrail"],appliesTo:["cloudformation"],precision:"very-high",messages:{single:"Trail {{trail}} is not multi-region: activity in every other region goes unrecorded.",unknown:"Trail {{trail}}: whether it is multi-region cannot be determined."},fix:"safe"},doc:Em,check(t){for(let e of t.model.trails){let n=e.isMultiRegion;n.kind==="unknown"?t.review(n,{messageId:"unknown",data:{trail:e.label},entity:e}):n.value||t.report({messageId:"single",data:{trail:e.label},at:n,entity:e})}}};var Im=`# TG003 log-file-validation-disabled
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
`;var Rm={meta:{id:"TG003",...G("TG003"),name:"log-file-validation-disabled",level:"error",summary:"Log file validation is off",tags:["security","cloudtrail"],appliesTo:["cloudformation"],precision:"very-high",messages:{off:"Trail {{trail}} does not validate its log files: tampering with delivered logs would go unnoticed.",unknown:"Trail {{trail}}: whether log file validation is on cannot be determined."},fix:"safe"},doc:Im,check(t){for(let e of t.model.trails){let n=e.logFileValidation;n.kind==="unknown"?t.review(n,{messageId:"unknown",data:{trail:e.label},entity:e}):n.value||t.report({messageId:"off",data:{trail:e.label},at:n,entity:e})}}};var Om=`# TG004 trail-not-logging
This rule reports trails that exist but are stopped. A stopped trail keeps its configuration, its bucket and its name, so it looks healthy in a list of resources, yet it records and delivers nothing until someone starts it again.

## Why it matters
\`StopLogging\` is one of the first calls an intruder makes, because it silences the trail without deleting anything that a reviewer would miss. A trail left stopped after a migration or a cost-saving experiment has the same effect: every event from that moment on is lost, and CloudTrail never backfills the gap once logging resumes. Other controls (validation, encryption, alarms) mean nothing while the trail is off. Terraform starts trails by default; CloudFormation requires the \`IsLogging\` property and does what it says.

## What fails
- Terraform: \`enable_logging = false\` on an \`aws_cloudtrail\` resource. The attribute defaults to true, so leaving it out passes.
- CloudFormation: \`IsLogging: false\` (string booleans such as \`"False"\` included). \`IsLogging\` is a required property; when it is absent the template is invalid and the value is unknown, so nothing fails (cfn-lint reports the template).
- Live: \`GetTrailStatus.IsLogging\` false. A status that cannot be read, or an \`IsLogging\` field that is missing from the answer, is unknown and never reported as stopped.
- The result points at the attribute (live: the trail ARN). Each stopped trail gets its own result, even when another trail covers the account.
- A value that cannot be resolved (a variable with no default and no tfvars, a module output, \`!ImportValue\`) never fails; with \`--strict\` it gives a \`review\` result.

## How to fix
Start the trail in code and apply the change; for a trail stopped by hand, run \`aws cloudtrail start-logging --name TRAIL\` and find out who stopped it (look for \`StopLogging\` in the Event history of the trail's home Region). The alarm of TG019 (\`cloudtrail-changes\`) tells you the next time it happens.

### Terraform
\`\`\`hcl
resource "aws_cloudtrail" "main" {
  name                          = "org-audit-trail"
  s3_bucket_name                = "example-org-cloudtrail-logs"
  enable_logging                = true
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
- Checkov: CKV_AWS_251
- Trivy: none known.
- Prowler: none known (its multi-Region checks include the logging state; see TG001).

## References
- AWS CloudTrail API Reference: \`GetTrailStatus\`, \`StartLogging\`, \`StopLogging\`.
- AWS CloudTrail User Guide: "Updating a trail" (turning logging off and on).
- Terraform AWS provider: \`aws_cloudtrail\` resource, argument \`enable_logging\`.
- AWS CloudFormation: \`AWS::CloudTrail::Trail\`, property \`IsLogging\`.
`;var Nm={meta:{id:"TG004",...G("TG004"),name:"trail-not-logging",level:"error",summary:"Trail is not logging",tags:["security","cloudtrail"],appliesTo:["cloudformation"],precision:"very-high",messages:{stopped:"Trail {{trail}} is not logging: it records nothing.",unknown:"Trail {{trail}}: whether it is logging cannot be determined."},fix:"safe"},doc:Om,check(t){for(let e of t.model.trails){let n=e.isLogging;n.kind==="unknown"?t.review(n,{messageId:"unknown",data:{trail:e.label},entity:e}):n.value||t.report({messageId:"stopped",data:{trail:e.label},at:n,entity:e})}}};var Pm=`# TG005 no-cloudwatch-logs
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
`;var w0=1440*60*1e3,xm={meta:{id:"TG005",...G("TG005"),name:"no-cloudwatch-logs",level:"warning",summary:"Trail does not send its events to CloudWatch Logs",tags:["security","cloudtrail","monitoring"],appliesTo:["cloudformation"],precision:"very-high",messages:{noLogGroup:"Trail {{trail}} sends no events to CloudWatch Logs: no real-time alerting is possible.",noRole:"Trail {{trail}} names a CloudWatch Logs log group but no role to deliver to it.",deliveryError:"Trail {{trail}} fails to deliver to CloudWatch Logs: {{error}}.",stale:"Trail {{trail}} has delivered nothing to CloudWatch Logs in the last 24 hours (last delivery {{time}}).",unknown:"Trail {{trail}}: its CloudWatch Logs link cannot be determined."}},doc:Pm,check(t){let e=Date.now();for(let n of t.model.trails){let r={trail:n.label},i=n.cloudWatchLogsGroupArn,s=n.cloudWatchLogsRoleArn;if(i.kind==="unknown"){t.review(i,{messageId:"unknown",data:r,entity:n});continue}if(!i.value){t.report({messageId:"noLogGroup",data:r,at:i,entity:n});continue}s.kind==="unknown"?t.review(s,{messageId:"unknown",data:r,entity:n}):s.value||t.report({messageId:"noRole",data:r,at:s,entity:n});let o=n.status;if(!o)continue;let a=o.latestCloudWatchLogsDeliveryError;a.kind==="known"&&a.value&&t.report({messageId:"deliveryError",data:{...r,error:a.value},at:a,entity:n,key:"delivery-error"});let l=o.latestCloudWatchLogsDeliveryTime;l.kind==="known"&&l.value&&e-Date.parse(l.value)>w0&&t.report({messageId:"stale",data:{...r,time:l.value},at:l,entity:n,key:"stale"})}}};function K(t,e,n="explicit"){return{kind:"known",value:t,origin:n,loc:e}}function se(t,e,n){return n===void 0?{kind:"unknown",reason:t,loc:e}:{kind:"unknown",reason:t,loc:e,detail:n}}function tn(t){return t.kind==="known"?t.value:new x(t.reason,t.detail)}var Yl=["sensitive","confidential","restricted","pii","phi","pci"],v0={DataClassification:Yl,"data-classification":Yl,Classification:Yl};function k0(t,e){return O(t)?"unknown":(typeof t=="string"||typeof t=="number"||typeof t=="boolean")&&e.has(String(t).toLowerCase())?"yes":"no"}function S0(t,e){if(O(t))return"unknown";let n=[];for(let[r,i]of Object.entries(e.tags??v0)){if(!Object.hasOwn(t,r))continue;let s=t[r];s!==void 0&&n.push(k0(s,new Set(i.map(o=>o.toLowerCase()))))}return On(...n)}var A0=/\uE000[^\uE001]*\uE001/g;function T0(t){if(O(t))return[null];let e=[],n=0;for(let r of t.matchAll(A0))e.push(...Array.from(t.slice(n,r.index))),e.push(null),n=r.index+r[0].length;return e.push(...Array.from(t.slice(n))),e}function C0(t,e){let n=new Map,r=(i,s)=>{let o=i*(e.length+1)+s,a=n.get(o);if(a!==void 0)return a;let l;return i===t.length?l=s===e.length:t[i]==="*"?l=r(i+1,s)||s<e.length&&r(i,s+1):s===e.length||e[s]===null?l=!1:l=(t[i]==="?"||t[i]===e[s])&&r(i+1,s+1),n.set(o,l),l};return r(0,0)}function E0(t,e){let n=e.length+1,r=new Set,i=[[0,0]];for(;i.length>0;){let[s,o]=i.pop();if(r.has(s*n+o))continue;if(r.add(s*n+o),s===t.length&&o===e.length)return!0;let a=t[s],l=o<e.length?e[o]:void 0;a==="*"&&i.push([s+1,o]),l===null&&i.push([s,o+1]),!(a===void 0||l===void 0)&&(a==="*"&&l!==null?i.push([s,o+1]):a!=="*"&&l===null?i.push([s+1,o]):a!=="*"&&(a==="?"||a===l)&&i.push([s+1,o+1]))}return!1}function $0(t,e){let n=Array.from(t),r=T0(e);return C0(n,r)?"yes":E0(n,r)?"unknown":"no"}function Lm(t,e){let n=e.names.map(r=>$0(r,t.name));return On(S0(t.tags,e),...n)}var Dm=`# TG006 sensitive-bucket-without-data-events
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
`;function Hs(t){return t.isLogging.kind==="unknown"?"unknown":t.isLogging.value?"yes":"no"}function R0(t,e){if(t.selectors.kind==="unknown")return{read:Vt(Hs(t),"unknown"),write:Vt(Hs(t),"unknown")};let n=vm(t.selectors.value,e);return{read:Vt(Hs(t),n.read),write:Vt(Hs(t),n.write)}}var Mm={meta:{id:"TG006",...G("TG006"),name:"sensitive-bucket-without-data-events",level:"error",summary:"Sensitive bucket's object reads and writes are not recorded by any trail",tags:["security","cloudtrail","s3"],appliesTo:["cloudformation"],precision:"high",messages:{none:"Sensitive bucket {{bucket}}: no logging trail records its S3 object reads or writes (data events).",noRead:"Sensitive bucket {{bucket}}: no logging trail records reads of its objects (GetObject data events).",noWrite:"Sensitive bucket {{bucket}}: no logging trail records writes to its objects (PutObject, DeleteObject data events).",unknown:"Sensitive bucket {{bucket}}: whether a trail records its data events cannot be determined."}},doc:Dm,check(t){let e=t.model.trails;if(e.length!==0)for(let n of t.model.buckets){let r=Lm({name:tn(n.name),tags:tn(n.tags)},t.settings.sensitiveBuckets);if(r==="no")continue;let i={bucket:n.label},s=e.map(u=>({at:u,message:`trail ${u.label}`})),o={kind:"unknown",reason:"unsupported-expression",loc:n.loc};if(r==="unknown"||n.name.kind==="unknown"){t.review(n.name.kind==="unknown"?n.name:o,{messageId:"unknown",data:i,entity:n,related:s});continue}let a=n.name.value,l=km(e.map(u=>R0(u,a)));if(l.read==="yes"&&l.write==="yes")continue;if(l.read==="unknown"||l.write==="unknown"){t.review(o,{messageId:"unknown",data:i,entity:n,related:s});continue}let c=l.read==="no"&&l.write==="no"?"none":l.read==="no"?"noRead":"noWrite";t.report({messageId:c,data:i,at:n,related:s})}}};function Ys(t){return t&&t.kind==="resolved"?t.target:null}function ht(t){return Ys(t.bucket)}function qm(t){return Ys(t.kmsKey)}function Js(t,e){return e.filter(n=>ht(n)===t)}function nn(t){let e=t.s3KeyPrefix;return e.kind==="unknown"?null:`${e.value?e.value.replace(/\/+$/,"")+"/":""}AWSLogs/`}function Xs(t){if(t.trailArn.kind==="unknown")return new x(t.trailArn.reason,t.trailArn.detail);let e=lm(t.trailArn.value);return e[0]==="arn"&&e[2]==="cloudtrail"&&e.length>=6?e[4]:new x("invalid","trail ARN")}function Ae(t,e){return e===void 0?{kind:"unknown",reason:t}:{kind:"unknown",reason:t,detail:e}}function q(t){return typeof t=="object"&&t!==null&&t.kind==="unknown"}function Bt(t){return O(t)?Ae(t.reason,t.detail):null}var O0=["Effect","Action","NotAction","Resource","NotResource","Principal","NotPrincipal"];function $t(t){if(typeof t=="string"){let n;try{n=JSON.parse(t)}catch{return Ae("invalid","policy text is not JSON")}return $t(n)}let e=Bt(t);if(e)return e;if(oi(t))return{kind:"policy",statements:t.map(Qs)};if(ie(t)){if("Statement"in t){let n=t.Statement,r=Bt(n);return r||(oi(n)?{kind:"policy",statements:n.map(Qs)}:ie(n)?{kind:"policy",statements:[Qs(n,0)]}:Ae("invalid","Statement is neither a list nor an object"))}if(O0.some(n=>n in t))return{kind:"policy",statements:[Qs(t,0)]}}return Ae("invalid","not a policy document")}function Qs(t,e){let n=Bt(t);if(n)return{...n,index:e};if(!ie(t))return{...Ae("invalid","statement is not an object"),index:e};let r=typeof t.Sid=="string"?t.Sid:null;return{kind:"statement",index:e,sid:r,effect:N0(t.Effect),principal:x0(t),action:Wm(t,"Action","NotAction"),resource:Wm(t,"Resource","NotResource"),condition:D0(t.Condition)}}function N0(t){return t==="Allow"||t==="Deny"?t:t===void 0?Ae("invalid","no Effect"):Bt(t)??Ae("invalid",`Effect ${JSON.stringify(t)}`)}function Zs(t){return typeof t=="string"?t:typeof t=="number"||typeof t=="boolean"?String(t):Bt(t)??Ae("invalid","not a string")}function Gm(t){let e=Bt(t);return e||(oi(t)?t.length===0?Ae("invalid","empty list"):t.map(Zs):ie(t)||t===null?Ae("invalid","not a string or list"):[Zs(t)])}function Wm(t,e,n){let r=t[e],i=t[n];if(r!==void 0&&i!==void 0)return Ae("invalid",`both ${e} and ${n}`);if(r===void 0&&i===void 0)return Ae("invalid",`no ${e}`);let s=Gm(r??i);return q(s)?s:{kind:r!==void 0?"match":"not",values:s}}function P0(t){return typeof t=="number"&&Number.isInteger(t)&&t>=0&&t<1e12?String(t).padStart(12,"0"):Zs(t)}function x0(t){let e=t.Principal,n=t.NotPrincipal;if(e!==void 0&&n!==void 0)return Ae("invalid","both Principal and NotPrincipal");if(e===void 0&&n===void 0)return{kind:"implicit"};let r=e!==void 0?"match":"not",i=e??n,s=Bt(i);if(s)return s;if(i==="*")return{kind:r,ids:[{type:"*",id:"*"}]};if(!ie(i)||Object.keys(i).length===0)return Ae("invalid","Principal is not `*` or a map");let o=[];for(let[a,l]of Object.entries(i)){let c=O(l)?[l]:oi(l)?l:[l];for(let u of c)o.push({type:a,id:a==="AWS"?P0(u):Zs(u)})}return{kind:r,ids:o}}function L0(t){let e=t.toLowerCase(),n=null;e.startsWith("foranyvalue:")?(n="any",e=e.slice(12)):e.startsWith("forallvalues:")&&(n="all",e=e.slice(13));let r=e.endsWith("ifexists");return r&&(e=e.slice(0,-8)),{op:e,set:n,ifExists:r}}function D0(t){if(t==null)return{kind:"conditions",clauses:[]};let e=Bt(t);if(e)return e;if(!ie(t))return Ae("invalid","Condition is not a map");let n=[];for(let[r,i]of Object.entries(t)){let s=Bt(i);if(s){n.push(s);continue}if(!ie(i)){n.push(Ae("invalid",`${r} is not a map`));continue}let o=L0(r);for(let[a,l]of Object.entries(i))n.push({kind:"clause",operator:r,...o,key:a,values:Gm(l)})}return{kind:"conditions",clauses:n}}function M0(t){let e=[],n=0,r=0;for(let i=0;i<t.length;i++){let s=t[i];s===""?r++:s===""&&r>0?r--:s===":"&&r===0&&(e.push(t.slice(n,i)),n=i+1)}return e.push(t.slice(n)),e}function lt(t){let e=M0(t);return e.length<6||e[0]!=="arn"?null:[...e.slice(0,5),e.slice(5).join(":")]}var q0={"${*}":"*","${?}":"?","${$}":"$"};function gt(t,e){let n=[],r=0;for(;r<t.length;){let i=t[r];if(i===""){let s=t.indexOf("",r+1);if(s>r){n.push({t:"token",name:t.slice(r+1,s)}),r=s+1;continue}}if(e.variables&&i==="$"&&t[r+1]==="{"){let s=q0[t.slice(r,r+4)];if(s===void 0)return null;n.push({t:"char",c:s}),r+=4;continue}e.wild&&i==="*"?n.push({t:"star"}):e.wild&&i==="?"?n.push({t:"one"}):n.push({t:"char",c:e.fold?i.toLowerCase():i}),r+=1}return n}function Fm(t,e){return t.t==="char"&&e.t==="char"?t.c===e.c:t.t==="token"&&e.t==="token"?t.name===e.name:!1}function ui(t,e){let n=e.length+1,r=new Int8Array((t.length+1)*n),i=(s,o)=>{let a=s*n+o;if(r[a]!==0)return r[a]===1;let l,c=t[s],u=e[o];return c===void 0?l=u===void 0:c.t==="star"?l=i(s+1,o)||u!==void 0&&i(s,o+1):u===void 0?l=!1:c.t==="one"?l=(u.t==="char"||u.t==="one")&&i(s+1,o+1):l=Fm(c,u)&&i(s+1,o+1),r[a]=l?1:2,l};return i(0,0)}function Jl(t,e){let n=e.length+1,r=new Int8Array((t.length+1)*n),i=(s,o)=>{let a=s*n+o;if(r[a]!==0)return r[a]===1;let l=t[s],c=e[o],u=!1;if(l?.t==="star"&&(u=i(s+1,o)||c!==void 0&&c.t!=="star"&&i(s,o+1)),!u&&c?.t==="star"&&(u=i(s,o+1)||l!==void 0&&l.t!=="star"&&i(s+1,o)),!u&&l===void 0&&c===void 0&&(u=!0),!u&&l!==void 0&&c!==void 0&&l.t!=="star"&&c.t!=="star"){let d=(f,m)=>f.t==="one"&&(m.t==="char"||m.t==="one");u=(Fm(l,c)||d(l,c)||d(c,l))&&i(s+1,o+1)}return r[a]=u?1:2,u};return i(0,0)}function di(t){return t.length>0&&t.every(e=>e.t==="star")}function Nn(...t){return t.includes(!1)?!1:t.includes("unknown")?"unknown":!0}function jm(...t){return t.includes(!0)?!0:t.includes("unknown")?"unknown":!1}function Pn(t){return t==="unknown"?t:!t}function We(t,e){let n=!1;for(let r of t){let i=e(r);if(i===!0)return!0;i==="unknown"&&(n=!0)}return n?"unknown":!1}function Ze(t,e){let n=!1;for(let r of t){let i=e(r);if(i===!1)return!1;i==="unknown"&&(n=!0)}return n?"unknown":!0}function Um(t,e){return q(t)?null:e==="action"?gt(t,{wild:!0,fold:!0}):gt(t,{wild:!0,variables:!0})}function Km(t){return q(t.value)?null:gt(t.value,{wild:t.wild??!1,fold:t.kind==="action"})}function xn(t,e){if(q(t))return"unknown";let n=Km(e),r=t.values.map(i=>Um(i,e.kind));return n===null?t.kind==="match"&&r.some(i=>i!==null&&di(i))?!0:"unknown":t.kind==="match"?We(r,i=>i===null?"unknown":ui(i,n)):Ze(r,i=>i===null?"unknown":!Jl(i,n))}function Ql(t,e){if(q(t))return"unknown";let n=Km(e),r=t.values.map(i=>Um(i,e.kind));return n===null?t.kind==="match"&&r.some(i=>i!==null&&di(i))?!0:"unknown":t.kind==="match"?We(r,i=>i===null?"unknown":Jl(i,n)):Ze(r,i=>i===null?"unknown":!ui(i,n))}var W0=/^\uE000[^\uE001]*\uE001$/;function Xl(t){return/^\d{12}$/.test(t)||W0.test(t)?`arn:aws:iam::${t}:root`:t}function Vm(t){return lt(t)?.[4]??null}function G0(t){let e=lt(t);return e!==null&&e[2]==="iam"&&e[5]==="root"}function Ln(t){return(t.type==="*"||t.type==="AWS")&&t.id==="*"}function Bm(t,e,n){if(Ln(t))return!0;if(q(t.id))return t.type==="AWS"||t.type===e.type?"unknown":!1;if(t.type!==e.type)return!1;if(t.type==="Service")return t.id.toLowerCase()===e.id.toLowerCase();if(t.type!=="AWS")return!1;let r=Xl(t.id),i=Xl(e.id);return r===i?!0:n==="member"&&G0(r)&&Vm(i)===Vm(r)}function Zl(t,e){return t.kind==="implicit"?!0:q(t)?"unknown":t.kind==="match"?We(t.ids,n=>Bm(n,e,"member")):Pn(We(t.ids,n=>Bm(n,e,"exact")))}function F0(t){let e=/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(t);if(!e)return null;let n=0n;for(let r of e.slice(1)){let i=Number(r);if(i>255)return null;n=n<<8n|BigInt(i)}return n}function zm(t){if(t==="")return[];let e=[];for(let n of t.split(":")){if(!/^[0-9a-fA-F]{1,4}$/.test(n))return null;e.push(parseInt(n,16))}return e}function j0(t){let e=t.split("::");if(e.length>2)return null;let n=zm(e[0]),r=e.length===2?zm(e[1]):[];if(n===null||r===null)return null;let i=8-n.length-r.length;if(e.length===2?i<1:i!==0)return null;let s=0n;for(let o of[...n,...new Array(i).fill(0),...r])s=s<<16n|BigInt(o);return s}function eo(t){let[e,n,r]=t.trim().split("/");if(e===void 0||r!==void 0)return null;let i=F0(e),s=i!==null?32:128,o=i??j0(e);if(o===null||n!==void 0&&!/^\d{1,3}$/.test(n))return null;let a=n===void 0?s:Number(n);return a>s?null:{bits:s,value:o,prefix:a}}function Hm(t,e){let n=eo(t),r=eo(e);if(n===null||r===null||r.bits!==n.bits||r.prefix<n.prefix)return!1;let i=BigInt(n.bits-n.prefix);return r.value>>i===n.value>>i}var V0=/(\uE000[^\uE001]*\uE001)/;function Ym(t){return t.split(V0).map((e,n)=>n%2===1?e:e.toLowerCase()).join("")}function B0(t){let e=gt(t,{wild:!1,variables:!0});return e===null?null:e.map(n=>n.t==="char"?n.c:n.t==="token"?`${n.name}`:"").join("")}function ec(t,e){let n=gt(t,{wild:!0,variables:!0}),r=gt(e,{wild:!1});return n===null||r===null?"unknown":ui(n,r)}function Jm(t,e){let n=lt(t),r=lt(e);return n===null&&r!==null&&t.startsWith("arn:")?!1:n===null||r===null?ec(t,e):Ze(n.keys(),i=>ec(n[i],r[i]))}function Xm(t,e,n){let r=B0(t);return r===null?"unknown":n?Ym(r)===Ym(e):r===e}function fi(t){return(e,n)=>{let r=Number(e),i=Number(n);return e.trim()!==""&&n.trim()!==""&&!Number.isNaN(r)&&!Number.isNaN(i)&&t(i,r)}}function Qm(t){if(/^\d+$/.test(t))return Number(t)*1e3;let e=Date.parse(t);return Number.isNaN(e)?null:e}function pi(t){return(e,n)=>{let r=Qm(e),i=Qm(n);return r!==null&&i!==null&&t(i,r)}}var Zm={stringequals:(t,e)=>Xm(t,e,!1),stringequalsignorecase:(t,e)=>Xm(t,e,!0),stringlike:ec,arnequals:Jm,arnlike:Jm,bool:(t,e)=>t.toLowerCase()===e.toLowerCase(),numericequals:fi((t,e)=>t===e),numericlessthan:fi((t,e)=>t<e),numericlessthanequals:fi((t,e)=>t<=e),numericgreaterthan:fi((t,e)=>t>e),numericgreaterthanequals:fi((t,e)=>t>=e),dateequals:pi((t,e)=>t===e),datelessthan:pi((t,e)=>t<e),datelessthanequals:pi((t,e)=>t<=e),dategreaterthan:pi((t,e)=>t>e),dategreaterthanequals:pi((t,e)=>t>=e),ipaddress:(t,e)=>Hm(t,e),binaryequals:()=>"unknown"},U0={stringnotequals:"stringequals",stringnotequalsignorecase:"stringequalsignorecase",stringnotlike:"stringlike",arnnotequals:"arnequals",arnnotlike:"arnlike",numericnotequals:"numericequals",datenotequals:"dateequals",notipaddress:"ipaddress"};function mi(t){let e=Zm[t];if(e)return{test:e,negated:!1};let n=U0[t];return n?{test:Zm[n],negated:!0}:null}function eh(t,e){return q(t)?"unknown":We(t,n=>q(n)?"unknown":e(n))}function K0(t,e){if(q(t))return"unknown";let n=t.key.toLowerCase(),r=e.lookup(n);if(r.kind==="unknown")return"unknown";let i=r.kind==="absent"||r.values.length===0;if(t.op==="null")return eh(t.values,l=>{let c=l.toLowerCase();return c==="true"?i:c==="false"?!i:!1});let s=mi(t.op);if(s===null)return"unknown";if(r.kind==="absent"||r.values.length===0)return t.ifExists||t.set==="all"?!0:t.set==="any"?!1:s.negated;let o=l=>eh(t.values,c=>{let u=e.blur?e.blur(n,c,l):[c,l];return u==="unknown"?"unknown":s.test(u[0],u[1])}),a=l=>s.negated?Pn(o(l)):o(l);return t.set==="all"?Ze(r.values,a):t.set==="any"?We(r.values,a):s.negated?Pn(We(r.values,o)):We(r.values,o)}function tc(t,e){return q(t)?"unknown":Ze(t.clauses,n=>K0(n,e))}var th=new Set(["aws:sourcearn","aws:sourceaccount","aws:sourceorgid","aws:principalorgid","aws:principalaccount","aws:principalarn","aws:sourcevpc","aws:sourcevpce","aws:sourceip"]),z0=new Set(["stringequals","stringequalsignorecase"]),H0=new Set(["stringlike","arnequals","arnlike"]);function Y0(t,e){if(t==="ipaddress")return eo(e)?.prefix===0;if(H0.has(t)){let n=gt(e,{wild:!0,variables:!0});return n===null?"unknown":di(n)}return!1}function nh(t){if(q(t))return"unknown";if(!th.has(t.key.toLowerCase()))return!1;let e=mi(t.op);if(e===null)return t.op==="null"?!1:"unknown";if(e.negated||t.ifExists||t.set==="all")return!1;let n=z0.has(t.op);if(q(t.values))return n?!0:"unknown";let r=!1;for(let i of t.values){let s=q(i)?n?!1:"unknown":Y0(t.op,i);if(s===!0)return!1;s==="unknown"&&(r=!0)}return r?"unknown":!0}function nc(t){return q(t)?"unknown":We(t.clauses,nh)}function to(t,e,n){let r=n==="cover"?xn(t.resource,e.resource):Ql(t.resource,e.resource);return Nn(Zl(t.principal,e.principal),xn(t.action,{kind:"action",value:e.action}),r,tc(t.condition,e.context))}function X0(t,e){if(t.kind==="unknown")return{index:t.index,asDeny:"unknown",asAllow:"unknown"};let n=t.effect,r=q(n)||n==="Deny",i=q(n)||n==="Allow",s=o=>q(n)&&o===!0?"unknown":o;return{index:t.index,asDeny:r?s(to(t,e,"touch")):!1,asAllow:i?s(to(t,e,"cover")):!1}}function rc(t,e){if(q(t))return{decision:"unknown",statements:[]};let n=t.statements.map(l=>X0(l,e)),r=l=>n.filter(l).map(c=>c.index),i=r(l=>l.asDeny===!0);if(i.length>0)return{decision:"deny",statements:i};let s=r(l=>l.asDeny==="unknown");if(s.length>0)return{decision:"unknown",statements:s};let o=r(l=>l.asAllow===!0);if(o.length>0)return{decision:"allow",statements:o};let a=r(l=>l.asAllow==="unknown");return a.length>0?{decision:"unknown",statements:a}:{decision:"implicit-deny",statements:[]}}var ih=["s3:DeleteObject","s3:DeleteObjectVersion"];function Q0(t){return t.kind==="implicit"?!1:q(t)?"unknown":t.kind==="match"?We(t.ids,e=>Ln(e)?!0:e.type==="AWS"&&q(e.id)?"unknown":!1):Ze(t.ids,e=>!Ln(e))}var Z0=new Set(["aws:principalarn","aws:userid"]),eA=new Set(["stringnotequals","stringnotequalsignorecase","stringnotlike","arnnotequals","arnnotlike"]),tA=new Set(["stringnotequals","stringnotequalsignorecase"]);function nA(t,e){if(e)return!0;if(q(t))return"unknown";let n=lt(t)?.[5]??t,r=n.includes("/")?n.slice(n.indexOf("/")+1):n,i=gt(r,{wild:!0,variables:!0});return i===null?"unknown":i.some(s=>s.t==="char"||s.t==="token")}function rh(t,e){return q(t)?"unknown":Ze(t,e)}function rA(t){if(q(t))return"unknown";if(t.set!==null)return!1;let e=t.key.toLowerCase();if(Z0.has(e)&&eA.has(t.op)){let n=tA.has(t.op);return rh(t.values,r=>nA(r,n))}if(e==="aws:multifactorauthpresent"){let n=t.op==="bool"?"false":t.op==="null"&&!t.ifExists?"true":null;return n===null?!1:rh(t.values,r=>q(r)?"unknown":r.toLowerCase()===n)}return!1}function iA(t,e,n){let r=q(t.effect)?"unknown":t.effect==="Deny";return Nn(r,Q0(t.principal),xn(t.action,{kind:"action",value:e}),xn(t.resource,n),q(t.condition)?"unknown":Ze(t.condition.clauses,rA))}function ic(t,e){let n=$t(t);if(q(n))return{result:"unknown",statements:[],unprotected:[]};let r={kind:"resource",value:e.logObjectArn??`${e.bucketArn}/*`,wild:!0},i=new Set,s=new Set,o=ih.map(u=>{let d=!1;for(let f of n.statements){let m=f.kind==="unknown"?"unknown":iA(f,u,r);m===!0&&i.add(f.index),m==="unknown"&&s.add(f.index),d=jm(d,m)}return{action:u,answer:d}}),a=Nn(...o.map(u=>u.answer)),l=o.filter(u=>u.answer===!1).map(u=>u.action),c=u=>[...new Set(u)].sort((d,f)=>d-f);return a===!0?{result:"protected",statements:c(i),unprotected:l}:a===!1?{result:"not-protected",statements:[],unprotected:l}:{result:"unknown",statements:c([...i,...s]),unprotected:l}}function sA(t){if(t.kind==="implicit")return!1;if(q(t))return"unknown";let e=(n,r)=>n==="AWS"&&q(r);return t.kind==="match"?We(t.ids,n=>Ln(n)?!0:e(n.type,n.id)?"unknown":!1):Ze(t.ids,n=>Ln(n)?!1:e(n.type,n.id)?"unknown":!0)}function sh(t){if(t.kind==="unknown")return"unknown";let e=q(t.effect)?"unknown":t.effect==="Allow";return Nn(e,sA(t.principal),Pn(nc(t.condition)))}function sc(t){let e=$t(t);if(q(e))return{statements:[],unknownStatements:[],unknown:!0};let n=e.statements.map(i=>({index:i.index,public:sh(i)})),r=n.filter(i=>i.public==="unknown").map(i=>i.index);return{statements:n.filter(i=>i.public===!0).map(i=>i.index),unknownStatements:r,unknown:r.length>0}}var gi={type:"Service",id:"cloudtrail.amazonaws.com"},oh=new Set(["aws:sourcearn","aws:sourceaccount"]),oA=new Set(["aws:sourcearn","kms:encryptioncontext:aws:cloudtrail:arn"]),aA=new Set(["aws:principalarn","aws:principalaccount","aws:principalorgid","aws:principalorgpaths","aws:userid","aws:username","aws:multifactorauthpresent","aws:multifactorauthage"]),hi="incomparable",lA=(t,e,n)=>{if(e===n)return[e,n];if(t==="aws:sourceaccount")return Et(e)||Et(n)?[hi,hi]:[e,n];if(!oA.has(t))return[e,n];let r=lt(e),i=lt(n);if(r===null||i===null)return r===null!=(i===null)&&(Et(e)||Et(n))?"unknown":[e,n];for(let s of[3,4])r[s]!==i[s]&&(Et(r[s])||Et(i[s]))&&(r[s]=hi,i[s]=hi);return[r.join(":"),i.join(":")]};function ac(t,e){let n=i=>O(i)?{kind:"unknown"}:{kind:"values",values:[i]},r={"aws:sourcearn":n(t.trailArn),"aws:sourceaccount":{kind:"values",values:[O(t.accountId)?hi:t.accountId]},"aws:securetransport":{kind:"values",values:["true"]},"aws:principalisawsservice":{kind:"values",values:["true"]},"aws:principalservicename":{kind:"values",values:[gi.id]},...Object.fromEntries(Object.entries(e).map(([i,s])=>[i,n(s)]))};return{lookup:i=>{let s=r[i];return s||(aA.has(i)||i.startsWith("aws:principaltag/")?{kind:"absent"}:{kind:"unknown"})},blur:lA}}function cA(t){return q(t.condition)?!1:t.condition.clauses.some(e=>!q(e)&&oh.has(e.key.toLowerCase())&&mi(e.op)?.negated===!1)}function uA(t,e){if(t.effect!=="Deny"||q(t.condition))return!1;let n=t.condition.clauses.some(i=>!q(i)&&oh.has(i.key.toLowerCase())&&mi(i.op)?.negated===!0),r={...t,condition:{kind:"conditions",clauses:[]}};return n&&to(r,e,"touch")===!0}function dA(t,e){let n=rc(t,e);if(n.decision==="deny"||n.decision==="implicit-deny")return{state:"blocked",statements:n.statements};if(n.decision==="unknown")return{state:"unknown",statements:n.statements};let r=new Map(t.statements.map(o=>[o.index,o])),s=t.statements.some(o=>o.kind==="statement"&&uA(o,e))?[]:n.statements.filter(o=>{let a=r.get(o);return a?.kind==="statement"&&!cA(a)});return{state:"allowed",grants:n.statements,bare:s}}var oc=t=>[...new Set(t)].sort((e,n)=>e-n);function lc(t,e){let n=$t(t);if(q(n))return{result:"unknown",statements:[],blocked:[]};let i=[{need:{action:"s3:GetBucketAcl",resource:e.bucketArn},query:{principal:gi,action:"s3:GetBucketAcl",resource:{kind:"resource",value:e.bucketArn},context:ac(e,{})}},...e.objectArns.map(u=>({need:{action:"s3:PutObject",resource:O(u)?null:u},query:{principal:gi,action:"s3:PutObject",resource:{kind:"resource",value:O(u)?Ae(u.reason):u,wild:!0},context:ac(e,{"s3:x-amz-acl":"bucket-owner-full-control"})}}))].map(u=>({need:u.need,verdict:dA(n,u.query)})),s=i.filter(u=>u.verdict.state==="blocked"),o=u=>oc(u.flatMap(d=>d.verdict.state==="allowed"?[]:d.verdict.statements));if(s.length>0)return{result:"blocked",statements:o(s),blocked:s.map(u=>u.need)};let a=i.filter(u=>u.verdict.state==="unknown");if(a.length>0)return{result:"unknown",statements:o(a),blocked:[]};let l=oc(i.flatMap(u=>u.verdict.state==="allowed"?u.verdict.bare:[]));return l.length>0?{result:"allowed-without-source-condition",statements:l,blocked:[]}:{result:"allowed",statements:oc(i.flatMap(u=>u.verdict.state==="allowed"?u.verdict.grants:[])),blocked:[]}}function cc(t,e){let n=$t(t),r=rc(n,{principal:gi,action:"kms:GenerateDataKey",resource:{kind:"resource",value:e.keyArn??Ae("unset-variable","the key ARN was not given")},context:ac(e,{"kms:encryptioncontext:aws:cloudtrail:arn":e.trailArn})});return{result:r.decision==="allow"?"allowed":r.decision==="unknown"?"unknown":"blocked",statements:r.statements}}var ah=`# TG007 log-bucket-deletable
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
`;function pA(t,e){let n=t.objectLock;if(n.kind==="unknown")return"unknown";if(!n.value?.enabled)return"no";let r=n.value.defaultRetentionDays;return r!==null&&r>=e?"yes":"no"}function mA(t){let e=t.versioningEnabled,n=t.mfaDelete;return e.kind==="known"&&!e.value||n.kind==="known"&&!n.value?"no":e.kind==="unknown"||n.kind==="unknown"?"unknown":"yes"}function hA(t,e){let n=t.policy;if(n.kind==="unknown"||t.name.kind==="unknown")return"unknown";if(n.value===null)return"no";let r=nn(e),i=`arn:aws:s3:::${t.name.value}`,s=ic(n.value.document,{bucketArn:i,logObjectArn:`${i}/${r??""}*`});return s.result==="protected"?"yes":s.result==="unknown"||r===null?"unknown":"no"}var lh={meta:{id:"TG007",...G("TG007"),name:"log-bucket-deletable",level:"error",summary:"Log bucket lets log objects be deleted",tags:["security","cloudtrail","s3"],appliesTo:["cloudformation"],precision:"high",messages:{deletable:"Bucket {{bucket}} lets the logs of trail {{trail}} be deleted: it has no Object Lock retention of {{min}} days, no MFA Delete, and no bucket policy denying s3:DeleteObject and s3:DeleteObjectVersion to everyone.",unknown:"Bucket {{bucket}}: whether the logs of trail {{trail}} can be deleted cannot be determined."}},doc:ah,check(t){let e=new Set;for(let n of t.model.trails){let r=ht(n);if(!r)continue;let i=[pA(r,t.settings.minRetentionDays),mA(r),hA(r,n)];if(i.includes("yes"))continue;let s=`${r.address}|${nn(n)??""}`;if(e.has(s))continue;e.add(s);let o={bucket:r.label,trail:n.label,min:String(t.settings.minRetentionDays)},a=[{at:n,message:`trail ${n.label} writes its logs here`}];i.includes("unknown")?t.review({kind:"unknown",reason:"unsupported-expression",loc:r.loc},{messageId:"unknown",data:o,entity:r,related:a}):t.report({messageId:"deletable",data:o,at:r,related:a,key:nn(n)??""})}}};var ch=`# TG008 log-bucket-public
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
`;var uh=[["blockPublicAcls","BlockPublicAcls"],["ignorePublicAcls","IgnorePublicAcls"],["blockPublicPolicy","BlockPublicPolicy"],["restrictPublicBuckets","RestrictPublicBuckets"]],yA=new Set(["public-read","public-read-write","authenticated-read"]),_A=/acs\.amazonaws\.com\/groups\/global\/(AllUsers|AuthenticatedUsers)$/;function uc(t){return t.replace(/([a-z])([A-Z])/g,"$1-$2").toLowerCase()}var dh={meta:{id:"TG008",...G("TG008"),name:"log-bucket-public",level:"error",summary:"Log bucket is or can become public",tags:["security","cloudtrail","s3"],appliesTo:["cloudformation"],precision:"high",messages:{noBlock:"Bucket {{bucket}} holds the logs of {{trail}} but has no public access block: a policy or ACL could make the logs public.",setting:"Bucket {{bucket}} holds the logs of {{trail}} but its public access block has {{setting}} off.",policy:"Bucket {{bucket}}'s policy lets anyone ({{principal}}) access it without a restricting condition: the logs of {{trail}} are public.",acl:"Bucket {{bucket}} grants {{grantee}} through its ACL: the logs of {{trail}} are public.",unknown:"Bucket {{bucket}}: whether it is public cannot be determined."}},doc:ch,check(t){let e=new Set;for(let n of t.model.trails){let r=ht(n);r&&e.add(r)}for(let n of e)bA(t,n,Js(n,t.model.trails).map(r=>r.label).join(", "))}};function bA(t,e,n){let r={bucket:e.label,trail:n},i=t.model.account.publicAccessBlock,s=u=>i?.kind==="known"&&!!i.value&&i.value[u].kind==="known"&&i.value[u].value===!0,o=e.publicAccessBlock;if(o.kind==="unknown")t.review(o,{messageId:"unknown",data:r,entity:e});else if(o.value===null)uh.every(([u])=>s(u))||t.report({messageId:"noBlock",data:r,at:e,key:"public-access-block"});else for(let[u,d]of uh){let f=o.value[u];s(u)||(f.kind==="unknown"?t.review(f,{messageId:"unknown",data:r,entity:e}):f.value||t.report({messageId:"setting",data:{...r,setting:d},at:f,entity:e,key:`public-access-block:${d}`}))}let a=e.policy;if(a.kind==="unknown")t.review(a,{messageId:"unknown",data:r,entity:e});else if(a.value){let u=sc(a.value.document);for(let d of u.statements){let f=a.value.statementLocs[d]??a.loc;t.report({messageId:"policy",data:{...r,principal:"*"},at:K(d,f),entity:e,key:`policy:${d}`})}u.unknown&&u.statements.length===0&&t.review({kind:"unknown",reason:"unsupported-expression",loc:a.loc},{messageId:"unknown",data:r,entity:e})}let l=e.acl;l.kind==="unknown"?t.review(l,{messageId:"unknown",data:r,entity:e}):l.value&&yA.has(uc(l.value))&&t.report({messageId:"acl",data:{...r,grantee:uc(l.value)==="authenticated-read"?"every AWS account (authenticated-read)":`everyone (${uc(l.value)})`},at:l,entity:e,key:"acl"});let c=e.aclGranteeUris;if(c.kind==="known"){let u=c.value.find(d=>_A.test(d));u&&t.report({messageId:"acl",data:{...r,grantee:u.replace(/^.*\//,"")},at:c,entity:e,key:"acl-grant"})}}var fh=`# TG009 log-bucket-short-retention
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
`;function vA(t,e){return e.startsWith(t)||t.startsWith(e)}var ph={meta:{id:"TG009",...G("TG009"),name:"log-bucket-short-retention",level:"warning",summary:"Log bucket deletes or releases logs before the minimum retention",tags:["security","cloudtrail","s3"],appliesTo:["cloudformation"],precision:"high",messages:{expires:"Bucket {{bucket}} expires the log objects of trail {{trail}} after {{days}} days, sooner than the {{min}} days required.",lockShort:"Bucket {{bucket}} keeps Object Lock retention for {{days}} days only, less than the {{min}} days required.",unknown:"Bucket {{bucket}}: how long it keeps the logs of trail {{trail}} cannot be determined."}},doc:fh,check(t){let e=t.settings.minRetentionDays,n=new Set;for(let r of t.model.trails){let i=ht(r);if(!i||(kA(t,r,i,e),n.has(i)))continue;n.add(i);let s=i.objectLock,o=s.kind==="known"?s.value?.defaultRetentionDays:null;s.kind==="known"&&s.value?.enabled&&typeof o=="number"&&o<e&&t.report({messageId:"lockShort",data:{bucket:i.label,days:String(o),min:String(e)},at:s,entity:i,key:"object-lock",related:[{at:r,message:`trail ${r.label}`}]})}}};function kA(t,e,n,r){let i={bucket:n.label,trail:e.label,min:String(r)},s=[{at:e,message:`trail ${e.label}`}],o=n.lifecycle;if(o.kind==="unknown")return t.review(o,{messageId:"unknown",data:i,entity:n,related:s});let a=nn(e);for(let l of o.value)if(!(l.enabled!==!0||typeof l.expirationDays!="number"||l.expirationDays>=r)&&l.prefix!==null){if(typeof l.prefix!="string"||a===null){t.review({kind:"unknown",reason:"unsupported-expression",loc:l.loc},{messageId:"unknown",data:i,entity:n,related:s});continue}vA(l.prefix,a)&&t.report({messageId:"expires",data:{...i,days:String(l.expirationDays)},at:{kind:"known",value:l.expirationDays,origin:"explicit",loc:l.loc},entity:n,key:`lifecycle:${typeof l.id=="string"?l.id:""}`,related:s})}}var _h=":_#=@/;,- ",bh="^$?[]{}|\\*+.",mh={negate:!1,ranges:[[48,57]]},hh={negate:!1,ranges:[[48,57],[65,90],[95,95],[97,122]]},gh={negate:!1,ranges:[[9,10],[13,13],[32,32]]},SA={negate:!0,ranges:[]};function AA(t){return/^[A-Za-z0-9]$/.test(t)}function dc(t){return{negate:!1,ranges:[[t,t]]}}function fc(t){return{negate:!t.negate,ranges:t.ranges}}function TA(t,e){let n=!1;for(let[r,i]of t.ranges)if(e>=r&&e<=i){n=!0;break}return n!==t.negate}var pe=class{constructor(e,n){this.message=e;this.offset=n}message;offset};function yh(t,e){if(t.charCodeAt(0)>127)throw new pe("multi-byte characters are not supported in a regular expression",e);if(t==="("||t===")")throw new pe("parentheses are not supported in a regular expression",e);if(!AA(t)&&!_h.includes(t)&&!bh.includes(t))throw new pe(`the character '${t}' is not supported in a regular expression (use \\xhh)`,e)}var pc=class{constructor(e){this.src=e}src;pos=0;parse(){let e=[[]],n=0;for(;this.pos<this.src.length;){let r=this.src[this.pos],i=e[e.length-1];if(r==="|"){if(i.length===0)throw new pe("empty alternative before '|'",this.pos);this.pos++,e.push([]);continue}if(r==="^"||r==="$"){this.pos++,i.push({kind:r==="^"?"bol":"eol"}),this.rejectQuantifier("an anchor cannot be repeated");continue}let s=this.pos,o=this.atom(),a=this.quantified(o,s);if(n+=a.length,n>5e3)throw new pe("the regular expression is too large",s);i.push(...a)}if(e[e.length-1].length===0)throw new pe("empty alternative after '|'",this.src.length);return{branches:e}}rejectQuantifier(e){let n=this.src[this.pos];if(n==="*"||n==="+"||n==="?"||n==="{")throw new pe(e,this.pos)}atom(){let e=this.pos,n=this.src[this.pos];switch(n){case".":return this.pos++,SA;case"[":return this.charClass();case"\\":return this.escape(!1);case"*":case"+":case"?":case"{":throw new pe(`'${n}' has nothing to repeat`,e);case"]":case"}":throw new pe(`unmatched '${n}'`,e);default:return yh(n,e),this.pos++,dc(n.charCodeAt(0))}}escape(e){let n=this.pos,r=this.src[this.pos+1];if(r===void 0)throw new pe("a backslash ends the regular expression",n);switch(this.pos+=2,r){case"d":return mh;case"D":return fc(mh);case"w":return hh;case"W":return fc(hh);case"s":return gh;case"S":return fc(gh);case"x":{let i=this.src.slice(this.pos,this.pos+2);if(!/^[0-9A-Fa-f]{2}$/.test(i))throw new pe("\\x needs two hexadecimal digits",n);return this.pos+=2,dc(parseInt(i,16))}default:if(bh.includes(r)||_h.includes(r)||e&&r==="-")return dc(r.charCodeAt(0));throw new pe(`unsupported escape '\\${r}'`,n)}}charClass(){let e=this.pos;this.pos++;let n=!1;this.src[this.pos]==="^"&&(n=!0,this.pos++);let r=[],i=!0;for(;;){let s=this.pos,o=this.src[this.pos];if(o===void 0)throw new pe("unterminated character class",e);if(o==="]"&&!i){this.pos++;break}i=!1;let a=this.classMember();if(a.kind==="set"){r.push(...this.setRanges(a.set,s));continue}if(this.src[this.pos]==="-"&&this.src[this.pos+1]!==void 0&&this.src[this.pos+1]!=="]"){this.pos++;let l=this.pos,c=this.classMember();if(c.kind==="set")throw new pe("a class escape cannot end a range",l);if(c.code<a.code)throw new pe("range out of order in character class",s);r.push([a.code,c.code])}else r.push([a.code,a.code])}return{negate:n,ranges:r}}setRanges(e,n){if(!e.negate)return[...e.ranges];let r=[],i=0,s=[...e.ranges].sort((o,a)=>o[0]-a[0]);for(let[o,a]of s)o>i&&r.push([i,o-1]),i=Math.max(i,a+1);if(i<=65535&&r.push([i,65535]),r.length===0)throw new pe("empty character class",n);return r}classMember(){let e=this.pos,n=this.src[this.pos];if(n==="\\"){let r=this.escape(!0),i=r.ranges[0];return!r.negate&&r.ranges.length===1&&i!==void 0&&i[0]===i[1]?{kind:"char",code:i[0]}:{kind:"set",set:r}}return yh(n,e),this.pos++,{kind:"char",code:n.charCodeAt(0)}}quantified(e,n){let r=this.src[this.pos],i={kind:"char",set:e,rep:"one"},s={kind:"char",set:e,rep:"opt"},o={kind:"char",set:e,rep:"star"},a;if(r==="?")this.pos++,a=[s];else if(r==="*")this.pos++,a=[o];else if(r==="+")this.pos++,a=[i,o];else if(r==="{"){let[l,c]=this.braces();if(c!==null&&c>1e3)throw new pe("a repetition count above 1000 is not supported",n);if(l>1e3)throw new pe("a repetition count above 1000 is not supported",n);a=[];for(let u=0;u<l;u++)a.push(i);if(c===null)a.push(o);else for(let u=l;u<c;u++)a.push(s)}else return[i];return this.rejectQuantifier("a quantifier cannot follow another quantifier"),a}braces(){let e=this.pos,n=this.src.indexOf("}",e);if(n<0)throw new pe("unterminated repetition '{'",e);let r=this.src.slice(e+1,n),i=/^\s*(\d*)\s*(,?)\s*(\d*)\s*$/.exec(r);if(i===null||i[1]===""&&i[3]==="")throw new pe("invalid repetition '{...}'",e);let s=i[1]===""?0:Number(i[1]),o=i[2]===""?s:i[3]===""?null:Number(i[3]);if(o!==null&&o<s)throw new pe("repetition maximum is below its minimum",e);return this.pos=n+1,[s,o]}};function yi(t){if(t.length===0)return{ok:!1,message:"empty regular expression",offset:0};try{return{ok:!0,program:new pc(t).parse()}}catch(e){if(e instanceof pe)return{ok:!1,message:e.message,offset:e.offset};throw e}}function no(t,e){let n=[],r=0;for(let d of t.branches)n.push(r),r+=d.length+1;let i=new Array(r).fill(null);t.branches.forEach((d,f)=>{d.forEach((m,h)=>{i[n[f]+h]=m})});let s=e.length,o=new Uint32Array(r),a=1,l=[],c=!1,u=(d,f,m)=>{let h=[f];for(;h.length>0;){let p=h.pop();if(o[p]===a)continue;o[p]=a,d.push(p);let g=i[p];if(g==null){c=!0;continue}g.kind==="bol"?m===0&&h.push(p+1):g.kind==="eol"?m===s&&h.push(p+1):g.rep!=="one"&&h.push(p+1)}};for(let d=0;;d++){for(let h of n)u(l,h,d);if(c)return!0;if(d===s)return!1;let f=e.charCodeAt(d);a++,a===4294967295&&(o=new Uint32Array(r),a=1);let m=[];for(let h of l){let p=i[h];p==null||p.kind!=="char"||TA(p.set,f)&&u(m,p.rep==="star"?h:h+1,d+1)}if(c)return!0;l=m}}var hc=200,vh=1,gc=3,yc=2,CA=/^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/,EA=/[A-Za-z0-9_-]/,$A=/[A-Za-z0-9_]/,IA=new Set([" ","	",`
`,"\r","\f","\v","(",")","{","}","[","]",",",'"',"&","|","=","!","<",">"]),ro=class{constructor(e,n){this.message=e;this.offset=n}message;offset};function mc(t){return t===" "||t==="	"||t===`
`||t==="\r"||t==="\f"||t==="\v"}function RA(t){return t.kind==="and"||t.kind==="or"}function wh(t,e){if(e.length===1)return e[0];let n=[];for(let r of e)RA(r)&&r.kind===t?n.push(...r.operands):n.push(r);return{kind:t,operands:n}}function yt(t){return t===void 0?"the end of the pattern":t===`
`?"a newline":`'${t}'`}var _c=class{constructor(e){this.text=e}text;pos=0;depth=0;wildcardSelectors=0;regexes=0;parse(){this.skipSpace();let e=this.text[this.pos];return e==="{"?this.jsonPattern():e==="["?this.delimitedPattern():e==="%"?this.regexPattern():this.termPattern()}fail(e,n=this.pos){throw new ro(e,n)}skipSpace(){for(;mc(this.text[this.pos]);)this.pos++}startsWith(e){return this.text.startsWith(e,this.pos)}expect(e,n){this.skipSpace(),this.startsWith(e)||this.fail(`expected ${n} but found ${yt(this.text[this.pos])}`),this.pos+=e.length}expectEnd(e){this.skipSpace(),this.pos<this.text.length&&this.fail(`unexpected ${yt(this.text[this.pos])} after the closing '${e}'`)}word(){let e=this.pos;for(;/[A-Za-z]/.test(this.text[this.pos]??"");)this.pos++;return this.text.slice(e,this.pos)}quoted(){let e=this.pos;this.pos++;let n="";for(;;){let r=this.text[this.pos];if(r===void 0&&this.fail("unterminated quoted string",e),r==='"')return this.pos++,n;if(r==="\\"){let i=this.text[this.pos+1];i===void 0&&this.fail("unterminated quoted string",e),n+=i,this.pos+=2;continue}n+=r,this.pos++}}regexBody(){let e=this.pos,n=this.text.indexOf("%",e+1);n<0&&this.fail("unterminated regular expression (no closing '%')",e);let r=this.text.slice(e+1,n),i=yi(r);return i.ok||this.fail(i.message,e+1+i.offset),this.pos=n+1,r}or(e){let n=[this.and(e)];for(;this.skipSpace(),!!this.startsWith("||");)this.pos+=2,n.push(this.and(e));return wh("or",n)}and(e){let n=[this.unary(e)];for(;this.skipSpace(),!!this.startsWith("&&");)this.pos+=2,n.push(this.unary(e));return wh("and",n)}unary(e){if(this.skipSpace(),this.text[this.pos]!=="(")return e();let n=this.pos;this.depth>=hc&&this.fail(`parentheses nested deeper than ${hc} levels`,n),this.depth++,this.pos++;let r=this.or(e);return this.skipSpace(),this.text[this.pos]!==")"&&this.fail(`expected ')' to close the '(' at offset ${n} but found ${yt(this.text[this.pos])}`),this.pos++,this.depth--,r}operator(){for(let e of["!=","<=",">=","=","<",">"])if(this.startsWith(e))return this.pos+=e.length,e;return null}value(e){this.skipSpace();let n=this.pos,r=this.text[this.pos],i;if(r==='"')i={kind:"string",value:this.quoted()};else if(r==="%")this.regexes++,this.regexes>yc&&this.fail(`a filter pattern may contain at most ${yc} regular expressions`,n),i={kind:"regex",source:this.regexBody()};else{for(;this.pos<this.text.length&&!IA.has(this.text[this.pos]);)this.pos++;let s=this.text.slice(n,this.pos);s===""&&this.fail(`expected a value after '${e}' but found ${yt(r)}`),i=CA.test(s)?{kind:"number",text:s}:{kind:"string",value:s}}return e!=="="&&e!=="!="&&i.kind!=="number"&&this.fail(`'${e}' compares numbers, so its value must be a number`,n),i}jsonPattern(){this.pos++,this.skipSpace(),this.text[this.pos]==="}"&&this.fail("empty JSON filter pattern: expected a condition inside '{ }'");let e=this.or(()=>this.jsonCondition());return this.expect("}","'&&', '||' or '}'"),this.expectEnd("}"),{kind:"json",expr:e}}jsonCondition(){this.skipSpace();let e=this.selector();this.skipSpace();let n=this.pos;if(/[A-Za-z]/.test(this.text[this.pos]??"")){let i=this.word();if(i==="IS"){this.skipSpace();let s=this.pos,o=this.word();if(o==="TRUE"||o==="FALSE"||o==="NULL")return{kind:"is",selector:e,test:o==="TRUE"?"true":o==="FALSE"?"false":"null"};o==="NOT"&&this.fail("IS NOT is not supported (use IS TRUE, IS FALSE, IS NULL or NOT EXISTS)",n),this.fail("expected TRUE, FALSE or NULL after IS",s)}if(i==="NOT"){this.skipSpace();let s=this.pos;if(this.word()==="EXISTS")return{kind:"notExists",selector:e};this.fail("expected EXISTS after NOT",s)}i==="EXISTS"&&this.fail("EXISTS is not supported (only NOT EXISTS is)",n),this.fail(`unknown keyword '${i}' after the selector (expected =, !=, <, >, <=, >=, IS or NOT EXISTS)`,n)}let r=this.operator();return r===null&&this.fail(`expected an operator (=, !=, <, >, <=, >=, IS or NOT EXISTS) but found ${yt(this.text[this.pos])}`),{kind:"compare",selector:e,op:r,value:this.value(r)}}selector(){let e=this.pos;this.text[this.pos]!=="$"&&this.fail(`expected a property selector starting with '$.' but found ${yt(this.text[this.pos])}`),this.pos++,this.text[this.pos]!=="."&&this.fail("a property selector starts with '$.'"),this.pos++;let n=[],r=this.text[this.pos];for(r==="*"?(this.pos++,n.push({kind:"anyField"})):r==="["?n.push(this.bracket(!1)):n.push({kind:"field",name:this.name()});;){let s=this.text[this.pos];if(s==="."){this.pos++;let o=this.text[this.pos];o==="*"?(this.pos++,n.push({kind:"anyField"})):o==="["?n.push(this.bracket(!1)):n.push({kind:"field",name:this.name()})}else if(s==="[")n.push(this.bracket(!0));else break}let i=n.filter(s=>s.kind==="anyField"||s.kind==="anyIndex").length;return i>vh&&this.fail("a property selector may contain only one wildcard",e),i>0&&(this.wildcardSelectors++,this.wildcardSelectors>gc&&this.fail(`a filter pattern may contain at most ${gc} wildcard selectors`,e)),{steps:n}}name(){let e=this.pos;for(;EA.test(this.text[this.pos]??"");)this.pos++;return this.pos===e&&this.fail(`expected a property name but found ${yt(this.text[this.pos])}`),this.text.slice(e,this.pos)}bracket(e){let n=this.pos;this.pos++;let r=this.text[this.pos],i;if(r==="'"){let s=this.text.indexOf("'",this.pos+1);s<0&&this.fail("unterminated quoted property name",this.pos);let o=this.text.slice(this.pos+1,s);o===""&&this.fail("empty property name",this.pos),this.pos=s+1,i={kind:"field",name:o}}else if(e&&r==="*")this.pos++,i={kind:"anyIndex"};else if(e&&/[0-9]/.test(r??"")){let s=this.pos;for(;/[0-9]/.test(this.text[this.pos]??"");)this.pos++;let o=this.text.slice(s,this.pos);o.length>9&&this.fail("array index too large",s),i={kind:"index",index:Number(o)}}else this.fail(e?"expected an array index, '*' or a quoted property name in '[ ]'":"expected a quoted property name in '[ ]'",this.pos);return this.text[this.pos]!=="]"&&this.fail(`expected ']' to close the '[' at offset ${n}`),this.pos++,i}delimitedPattern(){this.pos++,this.skipSpace(),this.text[this.pos]==="]"&&this.fail("empty space-delimited pattern: expected at least one field inside '[ ]'");let e=[];for(;;){e.push(this.delimitedField()),this.skipSpace();let n=this.text[this.pos];if(n===","){this.pos++;continue}if(n==="]"){this.pos++;break}this.fail(`expected ',' or ']' but found ${yt(n)}`)}return this.expectEnd("]"),{kind:"delimited",fields:e}}delimitedField(){if(this.skipSpace(),this.startsWith("..."))return this.pos+=3,{kind:"ellipsis"};let e=this.pos,n=this.fieldName();if(n!==null){this.skipSpace();let o=this.text[this.pos];if(o===","||o==="]"||o===void 0)return{kind:"field",name:n,condition:null}}this.pos=e;let r=[],i=this.or(()=>this.fieldComparison(r)),s=r[0].name;for(let o of r)o.name!==s&&this.fail(`a field's conditions must all name that field ('${s}'), not '${o.name}'`,o.offset);return{kind:"field",name:s,condition:i}}fieldName(){let e=this.pos;for(;$A.test(this.text[this.pos]??"");)this.pos++;return this.pos===e?null:this.text.slice(e,this.pos)}fieldComparison(e){this.skipSpace();let n=this.pos,r=this.fieldName();r===null&&this.fail(`expected a field name, '...' or '(' but found ${yt(this.text[this.pos])}`),e.push({name:r,offset:n}),this.skipSpace();let i=this.operator();return i===null&&this.fail(`expected an operator (=, !=, <, >, <=, >=) after '${r}' but found ${yt(this.text[this.pos])}`),{kind:"compare",op:i,value:this.value(i)}}regexPattern(){this.regexes++;let e=this.regexBody();return this.skipSpace(),this.pos<this.text.length&&this.fail("a regular expression must be the whole filter pattern"),{kind:"regex",source:e}}termPattern(){let e=[];for(;this.skipSpace(),!(this.pos>=this.text.length);){let n="include",r=this.text[this.pos];(r==="?"||r==="-")&&(n=r==="?"?"optional":"exclude",this.pos++);let i=this.pos,s=this.text[this.pos],o;if(s==='"'){o=this.quoted();let a=this.text[this.pos];a!==void 0&&!mc(a)&&this.fail(`expected a space after the closing quote but found ${yt(a)}`)}else{for(;this.pos<this.text.length&&!mc(this.text[this.pos]);)this.text[this.pos]==='"'&&this.fail("a double quote inside an unquoted term (quote the whole term)"),this.pos++;o=this.text.slice(i,this.pos),o===""&&this.fail(`expected a term after '${r}'`,i),o.startsWith("%")&&this.fail("a regular expression must be the whole filter pattern",i)}e.push({mode:n,text:o})}return{kind:"terms",terms:e}}};function io(t){if(typeof t!="string")return{ok:!1,error:{message:"the filter pattern is not a string",offset:0}};try{return{ok:!0,pattern:new _c(t).parse()}}catch(e){if(e instanceof ro)return{ok:!1,error:{message:e.message,offset:e.offset}};if(e instanceof RangeError)return{ok:!1,error:{message:"the filter pattern is too complex",offset:0}};throw e}}var OA=/^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/,so=new Map,NA=512;function Ah(t){let e=so.get(t);if(e===void 0){let n=yi(t);e=n.ok?n.program:null,so.size>=NA&&so.clear(),so.set(t,e)}return e}function wc(t){return typeof t=="object"&&t!==null&&!Array.isArray(t)}function Th(t,e){if(!t.includes("*"))return t===e;let n=t.split("*"),r=n[0],i=n[n.length-1];if(e.length<r.length+i.length||!e.startsWith(r)||!e.endsWith(i))return!1;let s=r.length,o=e.length-i.length;for(let a=1;a<n.length-1;a++){let l=n[a];if(l==="")continue;let c=e.indexOf(l,s);if(c<0||c+l.length>o)return!1;s=c+l.length}return!0}function PA(t){return t.kind==="and"||t.kind==="or"}function oo(t,e){return PA(t)?t.kind==="and"?t.operands.every(n=>oo(n,e)):t.operands.some(n=>oo(n,e)):e(t)}function Ch(t,e){let n=[t];for(let r of e.steps){let i=[];for(let s of n)switch(r.kind){case"field":wc(s)&&Object.hasOwn(s,r.name)&&i.push(s[r.name]);break;case"index":Array.isArray(s)&&r.index<s.length&&i.push(s[r.index]);break;case"anyField":wc(s)&&i.push(...Object.values(s));break;case"anyIndex":Array.isArray(s)&&i.push(...s);break}if(n=i,n.length===0)break}return n}function xA(t){return typeof t=="number"?t:typeof t=="string"&&OA.test(t)?Number(t):null}function LA(t,e,n){switch(e){case"=":return t===n;case"!=":return t!==n;case"<":return t<n;case">":return t>n;case"<=":return t<=n;case">=":return t>=n}}function Eh(t,e,n){if(typeof t!="string"&&typeof t!="number"&&typeof t!="boolean")return!1;if(n.kind==="number"){let s=xA(t);return s===null?e==="!=":LA(s,e,Number(n.text))}if(e!=="="&&e!=="!=")return!1;let r=String(t),i;if(n.kind==="string")i=Th(n.value,r);else{let s=Ah(n.source);i=s!==null&&no(s,r)}return e==="="?i:!i}function DA(t,e){let n=Ch(t,e.selector);switch(e.kind){case"notExists":return n.length===0;case"is":{let r=e.test==="true"?!0:e.test==="false"?!1:null;return n.some(i=>i===r)}case"compare":return n.some(r=>Eh(r,e.op,e.value))}}function kh(t){return t===" "||t==="	"||t===`
`||t==="\r"||t==="\f"||t==="\v"}function $h(t){let e=[],n=0;for(;n<t.length;){for(;kh(t[n]);)n++;if(n>=t.length)break;let r=n,i=t[n],s=i==='"'?'"':i==="["?"]":null;if(s!==null){let o=t.indexOf(s,n+1);if(o>=0){e.push({value:t.slice(n+1,o),start:r}),n=o+1;continue}}for(;n<t.length&&!kh(t[n]);)n++;e.push({value:t.slice(r,n),start:r})}return e}function Sh(t,e){return t===null?!0:oo(t,n=>Eh(e,n.op,n.value))}function MA(t,e){let n=$h(e),r=n.length,i=new Uint8Array(r+1);return i[0]=1,t.forEach((s,o)=>{let a=new Uint8Array(r+1),l=o===t.length-1;if(s.kind==="ellipsis"){let c=!1;for(let u=0;u<=r;u++)i[u]&&(c=!0),c&&(a[u]=1)}else for(let c=0;c<r;c++)if(i[c])if(l&&c<r-1){let u=e.slice(n[c].start).trimEnd();Sh(s.condition,u)&&(a[r]=1)}else Sh(s.condition,n[c].value)&&(a[c+1]=1);i=a}),i[r]===1}function qA(t,e){let n=o=>o.text.trim()===""||e.includes(o.text),r=t.filter(o=>o.mode==="include"),i=t.filter(o=>o.mode==="exclude");if(r.length>0||i.length>0)return r.every(n)&&!i.some(n);let s=t.filter(o=>o.mode==="optional");return s.length===0||s.some(n)}function bc(t){if(typeof t=="string")return t;try{return JSON.stringify(t)??""}catch{return""}}function WA(t){if(typeof t!="string")return t;try{return JSON.parse(t)}catch{return}}function _i(t,e){switch(t.kind){case"json":{let n=WA(e);return wc(n)?oo(t.expr,r=>DA(n,r)):!1}case"delimited":return MA(t.fields,bc(e));case"regex":{let n=Ah(t.source);return n!==null&&no(n,bc(e))}case"terms":return qA(t.terms,bc(e))}}var kc="111122223333",Ge=kc;function cr(t){return{type:"IAMUser",principalId:"AIDAQRSTUVWXYZEXAMPLE",arn:`arn:aws:iam::${Ge}:user/${t}`,accountId:Ge,accessKeyId:"AKIAQRSTUVWXEXAMPLE1",userName:t}}function ur(t,e){return{type:"AssumedRole",principalId:`AROAQRSTUVWXYZEXAMPL:${e}`,arn:`arn:aws:sts::${Ge}:assumed-role/${t}/${e}`,accountId:Ge,accessKeyId:"ASIAQRSTUVWXEXAMPLE2",sessionContext:{sessionIssuer:{type:"Role",principalId:"AROAQRSTUVWXYZEXAMPL",arn:`arn:aws:iam::${Ge}:role/${t}`,accountId:Ge,userName:t},attributes:{creationDate:"2024-05-14T08:02:11Z",mfaAuthenticated:"false"}}}}function Sc(t){return{type:"Root",principalId:Ge,arn:`arn:aws:iam::${Ge}:root`,accountId:Ge,accessKeyId:"ASIAQRSTUVWXROOTKEY1",...t===void 0?{}:{invokedBy:t}}}function vc(t){let e="";for(let n=0;e.length<32;n++){let r=2166136261^n;for(let i=0;i<t.length;i++)r^=t.charCodeAt(i),r=Math.imul(r,16777619)>>>0;e+=r.toString(16).padStart(8,"0")}return`${e.slice(0,8)}-${e.slice(8,12)}-4${e.slice(13,16)}-a${e.slice(17,20)}-${e.slice(20,32)}`}var GA="aws-cli/2.15.30 md/Botocore#1.34.62 ua/2.0 os/linux#6.1.0 md/arch#x86_64 lang/python#3.11.8",FA="Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36";function me(t){let e=t.identity??ur("PlatformAdmin","jdoe"),n=`${t.source}/${t.name}/${e.type}/${t.error?.code??""}/${t.time??""}`;return{eventVersion:"1.09",userIdentity:e,eventTime:t.time??"2024-05-14T09:21:37Z",eventSource:t.source,eventName:t.name,awsRegion:t.region??"us-east-1",sourceIPAddress:t.sourceIPAddress??"203.0.113.24",userAgent:t.userAgent??GA,...t.error===void 0?{}:{errorCode:t.error.code,errorMessage:t.error.message},requestParameters:t.request===void 0?null:t.request,responseElements:t.response===void 0?null:t.response,...t.additional===void 0?{}:{additionalEventData:t.additional},requestID:vc(`request:${n}`),eventID:vc(`event:${n}`),readOnly:t.readOnly??!1,eventType:t.eventType??"AwsApiCall",managementEvent:!0,recipientAccountId:Ge,eventCategory:"Management"}}function dr(t){let e=`signin/${t.identity.type}/${t.identity.userName??""}/${String(t.success)}/${String(t.mfaUsed)}`;return{eventVersion:"1.09",userIdentity:t.identity,eventTime:"2024-05-14T07:55:02Z",eventSource:"signin.amazonaws.com",eventName:"ConsoleLogin",awsRegion:"us-east-1",sourceIPAddress:"198.51.100.77",userAgent:FA,...t.success?{}:{errorMessage:"Failed authentication"},requestParameters:null,responseElements:{ConsoleLogin:t.success?"Success":"Failure"},additionalEventData:{LoginTo:"https://console.aws.amazon.com/console/home?hashArgs=%23&isauthcode=true&state=hashArgsFromTB_us-east-1",MobileVersion:"No",MFAUsed:t.mfaUsed?"Yes":"No"},eventID:vc(`event:${e}`),readOnly:!1,eventType:"AwsConsoleSignIn",managementEvent:!0,recipientAccountId:Ge,eventCategory:"Management"}}function Ih(t,e){return t==="Root"?{type:"Root",principalId:Ge,accountId:Ge,accessKeyId:""}:{type:"IAMUser",principalId:"AIDAQRSTUVWXYZEXAMPLE",accountId:Ge,accessKeyId:"",userName:e??"alice"}}var ao=dr({identity:{...Sc(),accessKeyId:""},success:!0,mfaUsed:!0}),Rh=me({source:"iam.amazonaws.com",name:"CreateAccessKey",identity:Sc(),sourceIPAddress:"198.51.100.77",request:null,response:{accessKey:{accessKeyId:"AKIAQRSTUVWXROOTNEW1",status:"Active",createDate:"May 14, 2024 9:21:37 AM"}}}),Oh=me({source:"s3.amazonaws.com",name:"GetBucketAcl",identity:Sc("config.amazonaws.com"),sourceIPAddress:"config.amazonaws.com",userAgent:"config.amazonaws.com",eventType:"AwsServiceEvent",readOnly:!0,request:{bucketName:"example-data-bucket",acl:"",Host:"example-data-bucket.s3.us-east-1.amazonaws.com"},response:null}),lo=me({source:"ec2.amazonaws.com",name:"RunInstances",identity:cr("alice"),request:{instancesSet:{items:[{imageId:"ami-0abcdef1234567890",minCount:1,maxCount:1}]},instanceType:"t3.micro"},response:{requestId:"6f1e0a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b",reservationId:"r-0123456789abcdef0",ownerId:Ge}}),Nh=me({source:"s3.amazonaws.com",name:"CreateBucket",identity:ur("PlatformAdmin","jdoe"),request:{bucketName:"example-data-bucket",Host:"example-data-bucket.s3.amazonaws.com"},response:null}),co=dr({identity:cr("alice"),success:!0,mfaUsed:!1}),Ac=dr({identity:cr("bob"),success:!0,mfaUsed:!0}),Tc=dr({identity:Ih("IAMUser","alice"),success:!1,mfaUsed:!1}),Ph=dr({identity:Ih("Root"),success:!1,mfaUsed:!1}),xh=dr({identity:ur("AWSReservedSSO_Admin_0123456789abcdef","jdoe@example.com"),success:!0,mfaUsed:!1});var Ec=["unauthorized-api-calls","console-signin-without-mfa","iam-policy-changes","cloudtrail-changes","console-auth-failures","cmk-disable-or-deletion","s3-bucket-policy-changes","config-changes","security-group-changes","nacl-changes","network-gateway-changes","route-table-changes","vpc-changes","organizations-changes"],jA=["root-usage",...Ec],ho=kc;function M(t,e,n=!1){return me({source:"ec2.amazonaws.com",name:t,readOnly:n,request:e,response:n?null:{requestId:"0f5e3b7c-8a1d-4e2f-9b6a-3c4d5e6f7a8b",_return:!0}})}function he(t,e,n=!1){return me({source:"iam.amazonaws.com",name:t,readOnly:n,request:e,response:null})}function et(t,e,n=!1){return me({source:"s3.amazonaws.com",name:t,readOnly:n,request:{bucketName:"example-data-bucket",Host:"example-data-bucket.s3.us-east-1.amazonaws.com",...e},response:null,additional:{SignatureVersion:"SigV4",CipherSuite:"TLS_AES_128_GCM_SHA256",bytesTransferredIn:0,AuthenticationMethod:"AuthHeader"}})}function Dn(t,e,n=!1){return me({source:"kms.amazonaws.com",name:t,readOnly:n,request:e,response:null})}function Mn(t,e,n=!1){return me({source:"config.amazonaws.com",name:t,readOnly:n,request:e,response:null})}function fr(t,e,n=!1){return me({source:"cloudtrail.amazonaws.com",name:t,readOnly:n,request:e,response:null})}function ye(t,e,n=!1){return me({source:"organizations.amazonaws.com",name:t,readOnly:n,request:e,response:null})}var uo=`arn:aws:cloudtrail:us-east-1:${ho}:trail/management-events`,pr=`arn:aws:kms:us-east-1:${ho}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,Ut=`arn:aws:iam::${ho}:policy/DataReadOnly`,It='{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}',tt="vpc-0a1b2c3d4e5f67890",mr="sg-0123456789abcdef0",po="acl-0fedcba9876543210",mo="igw-0a1b2c3d4e5f67890",VA="cgw-0123456789abcdef0",bi="rtb-0123456789abcdef0",Cc="pcx-0123456789abcdef0",fo={items:[{ipProtocol:"tcp",fromPort:22,toPort:22,groups:{},ipRanges:{items:[{cidrIp:"0.0.0.0/0"}]},ipv6Ranges:{},prefixListIds:{}}]},Lh={networkAclId:po,ruleNumber:100,egress:!1,ruleAction:"allow",protocol:"6",portRange:{from:22,to:22},cidrBlock:"0.0.0.0/0"},BA={id:"root-usage",title:"Usage of the root user",cis:"4.3",cisPattern:'{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }',mustMatch:[ao,Rh],mustNotMatch:[lo,Nh,co],eitherWay:[Oh]},UA={id:"unauthorized-api-calls",title:"Unauthorized API calls",cis:"4.1",cisPattern:'{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") && ($.sourceIPAddress != "delivery.logs.amazonaws.com") && ($.eventName != "HeadBucket") }',mustMatch:[me({source:"ec2.amazonaws.com",name:"TerminateInstances",identity:cr("alice"),request:{instancesSet:{items:[{instanceId:"i-0123456789abcdef0"}]}},error:{code:"Client.UnauthorizedOperation",message:"You are not authorized to perform this operation. User: arn:aws:iam::111122223333:user/alice is not authorized to perform: ec2:TerminateInstances"}}),me({source:"iam.amazonaws.com",name:"CreateUser",identity:ur("ReadOnly","jdoe"),request:{userName:"backdoor"},error:{code:"AccessDenied",message:"User: arn:aws:sts::111122223333:assumed-role/ReadOnly/jdoe is not authorized to perform: iam:CreateUser"}}),me({source:"kms.amazonaws.com",name:"Decrypt",identity:ur("AppServer","i-0123456789abcdef0"),readOnly:!0,request:{encryptionAlgorithm:"SYMMETRIC_DEFAULT"},error:{code:"AccessDeniedException",message:"User is not authorized to perform: kms:Decrypt on the resource associated with this ciphertext"}})],mustNotMatch:[me({source:"ec2.amazonaws.com",name:"DescribeInstances",readOnly:!0,request:{instancesSet:{},filterSet:{}}}),lo,me({source:"iam.amazonaws.com",name:"GetUser",readOnly:!0,request:{userName:"carol"},error:{code:"NoSuchEntityException",message:"The user with name carol cannot be found."}}),me({source:"dynamodb.amazonaws.com",name:"DescribeTable",readOnly:!0,request:{tableName:"orders"},error:{code:"ThrottlingException",message:"Rate exceeded"}})],eitherWay:[me({source:"s3.amazonaws.com",name:"HeadBucket",readOnly:!0,request:{bucketName:"example-data-bucket"},error:{code:"AccessDenied",message:"Access Denied"}}),me({source:"s3.amazonaws.com",name:"PutObject",identity:{type:"AWSService",invokedBy:"delivery.logs.amazonaws.com"},sourceIPAddress:"delivery.logs.amazonaws.com",userAgent:"delivery.logs.amazonaws.com",request:{bucketName:"example-log-bucket",key:"AWSLogs/111122223333/elasticloadbalancing/us-east-1/file.log.gz"},error:{code:"AccessDenied",message:"Access Denied"}})]},KA={id:"console-signin-without-mfa",title:"Management console sign-in without MFA",cis:"4.2",cisPattern:'{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }',mustMatch:[co],mustNotMatch:[Ac,ao,lo],eitherWay:[Tc,xh]},zA={id:"iam-policy-changes",title:"IAM policy changes",cis:"4.4",cisPattern:"{ ($.eventName = DeleteGroupPolicy) || ($.eventName = DeleteRolePolicy) || ($.eventName = DeleteUserPolicy) || ($.eventName = PutGroupPolicy) || ($.eventName = PutRolePolicy) || ($.eventName = PutUserPolicy) || ($.eventName = CreatePolicy) || ($.eventName = DeletePolicy) || ($.eventName = CreatePolicyVersion) || ($.eventName = DeletePolicyVersion) || ($.eventName = AttachRolePolicy) || ($.eventName = DetachRolePolicy) || ($.eventName = AttachUserPolicy) || ($.eventName = DetachUserPolicy) || ($.eventName = AttachGroupPolicy) || ($.eventName = DetachGroupPolicy) }",mustMatch:[he("DeleteGroupPolicy",{groupName:"developers",policyName:"inline-s3"}),he("DeleteRolePolicy",{roleName:"AppServer",policyName:"inline-s3"}),he("DeleteUserPolicy",{userName:"alice",policyName:"inline-s3"}),he("PutGroupPolicy",{groupName:"developers",policyName:"inline-s3",policyDocument:It}),he("PutRolePolicy",{roleName:"AppServer",policyName:"inline-s3",policyDocument:It}),he("PutUserPolicy",{userName:"alice",policyName:"inline-s3",policyDocument:It}),he("CreatePolicy",{policyName:"DataReadOnly",policyDocument:It}),he("DeletePolicy",{policyArn:Ut}),he("CreatePolicyVersion",{policyArn:Ut,policyDocument:It,setAsDefault:!0}),he("DeletePolicyVersion",{policyArn:Ut,versionId:"v2"}),he("AttachRolePolicy",{roleName:"AppServer",policyArn:"arn:aws:iam::aws:policy/AdministratorAccess"}),he("DetachRolePolicy",{roleName:"AppServer",policyArn:Ut}),he("AttachUserPolicy",{userName:"alice",policyArn:"arn:aws:iam::aws:policy/AdministratorAccess"}),he("DetachUserPolicy",{userName:"alice",policyArn:Ut}),he("AttachGroupPolicy",{groupName:"developers",policyArn:Ut}),he("DetachGroupPolicy",{groupName:"developers",policyArn:Ut})],mustNotMatch:[he("GetPolicy",{policyArn:Ut},!0),he("GetRolePolicy",{roleName:"AppServer",policyName:"inline-s3"},!0),he("ListAttachedRolePolicies",{roleName:"AppServer"},!0),et("PutBucketPolicy",{bucketPolicy:{Version:"2012-10-17",Statement:[]},policy:""})],eitherWay:[ye("CreatePolicy",{name:"DenyLeaveOrg",type:"SERVICE_CONTROL_POLICY",content:It})]},HA={id:"cloudtrail-changes",title:"CloudTrail configuration changes",cis:"4.5",cisPattern:"{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }",mustMatch:[fr("StopLogging",{name:uo}),fr("DeleteTrail",{name:uo}),fr("UpdateTrail",{name:uo,isMultiRegionTrail:!1,enableLogFileValidation:!1})],mustNotMatch:[fr("DescribeTrails",{trailNameList:[],includeShadowTrails:!0},!0),fr("GetTrailStatus",{name:uo},!0),fr("LookupEvents",{maxResults:50},!0)],eitherWay:[]},YA={id:"console-auth-failures",title:"Management console authentication failures",cis:"4.6",cisPattern:'{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }',mustMatch:[Tc,Ph],mustNotMatch:[co,Ac,ao,me({source:"iam.amazonaws.com",name:"ListUsers",identity:cr("alice"),readOnly:!0,request:null,error:{code:"AccessDenied",message:"User: arn:aws:iam::111122223333:user/alice is not authorized to perform: iam:ListUsers"}})],eitherWay:[]},JA={id:"cmk-disable-or-deletion",title:"Disabling or scheduled deletion of customer-managed KMS keys",cis:"4.7",cisPattern:"{ ($.eventSource = kms.amazonaws.com) && (($.eventName = DisableKey) || ($.eventName = ScheduleKeyDeletion)) }",mustMatch:[Dn("DisableKey",{keyId:pr}),Dn("ScheduleKeyDeletion",{keyId:pr,pendingWindowInDays:7})],mustNotMatch:[Dn("DescribeKey",{keyId:pr},!0),Dn("ListKeys",{limit:100},!0),Dn("EnableKey",{keyId:pr}),Dn("DisableKeyRotation",{keyId:pr}),Dn("CancelKeyDeletion",{keyId:pr})],eitherWay:[]},XA={id:"s3-bucket-policy-changes",title:"S3 bucket policy changes",cis:"4.8",cisPattern:"{ ($.eventSource = s3.amazonaws.com) && (($.eventName = PutBucketAcl) || ($.eventName = PutBucketPolicy) || ($.eventName = PutBucketCors) || ($.eventName = PutBucketLifecycle) || ($.eventName = PutBucketReplication) || ($.eventName = DeleteBucketPolicy) || ($.eventName = DeleteBucketCors) || ($.eventName = DeleteBucketLifecycle) || ($.eventName = DeleteBucketReplication)) }",mustMatch:[et("PutBucketAcl",{acl:"",AccessControlPolicy:{AccessControlList:{Grant:[]}}}),et("PutBucketPolicy",{bucketPolicy:{Version:"2012-10-17",Statement:[]},policy:""}),et("PutBucketCors",{cors:""}),et("PutBucketLifecycle",{lifecycle:""}),et("PutBucketReplication",{replication:""}),et("DeleteBucketPolicy",{policy:""}),et("DeleteBucketCors",{cors:""}),et("DeleteBucketLifecycle",{lifecycle:""}),et("DeleteBucketReplication",{replication:""})],mustNotMatch:[et("GetBucketPolicy",{policy:""},!0),et("GetBucketAcl",{acl:""},!0),et("ListBuckets",{},!0),he("PutRolePolicy",{roleName:"AppServer",policyName:"inline-s3",policyDocument:It})],eitherWay:[]},QA={id:"config-changes",title:"AWS Config configuration changes",cis:"4.9",cisPattern:"{ ($.eventSource = config.amazonaws.com) && (($.eventName = StopConfigurationRecorder) || ($.eventName = DeleteDeliveryChannel) || ($.eventName = PutDeliveryChannel) || ($.eventName = PutConfigurationRecorder)) }",mustMatch:[Mn("StopConfigurationRecorder",{configurationRecorderName:"default"}),Mn("DeleteDeliveryChannel",{deliveryChannelName:"default"}),Mn("PutDeliveryChannel",{deliveryChannel:{name:"default",s3BucketName:"example-config-bucket"}}),Mn("PutConfigurationRecorder",{configurationRecorder:{name:"default",roleARN:`arn:aws:iam::${ho}:role/config-role`}})],mustNotMatch:[Mn("DescribeConfigurationRecorders",{},!0),Mn("DescribeConfigurationRecorderStatus",{},!0),Mn("DescribeDeliveryChannels",{},!0)],eitherWay:[]},ZA={id:"security-group-changes",title:"Security group changes",cis:"4.10",cisPattern:"{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress) || ($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress) || ($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) }",mustMatch:[M("AuthorizeSecurityGroupIngress",{groupId:mr,ipPermissions:fo}),M("AuthorizeSecurityGroupEgress",{groupId:mr,ipPermissions:fo}),M("RevokeSecurityGroupIngress",{groupId:mr,ipPermissions:fo}),M("RevokeSecurityGroupEgress",{groupId:mr,ipPermissions:fo}),M("CreateSecurityGroup",{groupName:"bastion",groupDescription:"bastion hosts",vpcId:tt}),M("DeleteSecurityGroup",{groupId:mr})],mustNotMatch:[M("DescribeSecurityGroups",{securityGroupSet:{},securityGroupIdSet:{}},!0),M("DescribeSecurityGroupRules",{filterSet:{}},!0)],eitherWay:[]},eT={id:"nacl-changes",title:"Network ACL changes",cis:"4.11",cisPattern:"{ ($.eventName = CreateNetworkAcl) || ($.eventName = CreateNetworkAclEntry) || ($.eventName = DeleteNetworkAcl) || ($.eventName = DeleteNetworkAclEntry) || ($.eventName = ReplaceNetworkAclEntry) || ($.eventName = ReplaceNetworkAclAssociation) }",mustMatch:[M("CreateNetworkAcl",{vpcId:tt}),M("CreateNetworkAclEntry",Lh),M("DeleteNetworkAcl",{networkAclId:po}),M("DeleteNetworkAclEntry",{networkAclId:po,ruleNumber:100,egress:!1}),M("ReplaceNetworkAclEntry",Lh),M("ReplaceNetworkAclAssociation",{associationId:"aclassoc-0123456789abcdef0",networkAclId:po})],mustNotMatch:[M("DescribeNetworkAcls",{networkAclIdSet:{},filterSet:{}},!0)],eitherWay:[]},tT={id:"network-gateway-changes",title:"Network gateway changes",cis:"4.12",cisPattern:"{ ($.eventName = CreateCustomerGateway) || ($.eventName = DeleteCustomerGateway) || ($.eventName = AttachInternetGateway) || ($.eventName = CreateInternetGateway) || ($.eventName = DeleteInternetGateway) || ($.eventName = DetachInternetGateway) }",mustMatch:[M("CreateCustomerGateway",{type:"ipsec.1",ipAddress:"192.0.2.10",bgpAsn:65e3}),M("DeleteCustomerGateway",{customerGatewayId:VA}),M("AttachInternetGateway",{internetGatewayId:mo,vpcId:tt}),M("CreateInternetGateway",{}),M("DeleteInternetGateway",{internetGatewayId:mo}),M("DetachInternetGateway",{internetGatewayId:mo,vpcId:tt})],mustNotMatch:[M("DescribeInternetGateways",{internetGatewayIdSet:{},filterSet:{}},!0),M("DescribeCustomerGateways",{customerGatewaySet:{}},!0)],eitherWay:[]},nT={id:"route-table-changes",title:"Route table changes",cis:"4.13",cisPattern:"{ ($.eventSource = ec2.amazonaws.com) && (($.eventName = CreateRoute) || ($.eventName = CreateRouteTable) || ($.eventName = ReplaceRoute) || ($.eventName = ReplaceRouteTableAssociation) || ($.eventName = DeleteRouteTable) || ($.eventName = DeleteRoute) || ($.eventName = DisassociateRouteTable)) }",mustMatch:[M("CreateRoute",{routeTableId:bi,destinationCidrBlock:"0.0.0.0/0",gatewayId:mo}),M("CreateRouteTable",{vpcId:tt}),M("ReplaceRoute",{routeTableId:bi,destinationCidrBlock:"0.0.0.0/0",natGatewayId:"nat-0123456789abcdef0"}),M("ReplaceRouteTableAssociation",{associationId:"rtbassoc-0123456789abcdef0",routeTableId:bi}),M("DeleteRouteTable",{routeTableId:bi}),M("DeleteRoute",{routeTableId:bi,destinationCidrBlock:"10.20.0.0/16"}),M("DisassociateRouteTable",{associationId:"rtbassoc-0123456789abcdef0"})],mustNotMatch:[M("DescribeRouteTables",{routeTableIdSet:{},filterSet:{}},!0)],eitherWay:[me({source:"apigateway.amazonaws.com",name:"CreateRoute",request:{apiId:"a1b2c3d4e5",routeKey:"GET /orders",target:"integrations/abc123"},response:{routeId:"r1s2t3u",routeKey:"GET /orders"}})]},rT={id:"vpc-changes",title:"VPC changes",cis:"4.14",cisPattern:"{ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) || ($.eventName = ModifyVpcAttribute) || ($.eventName = AcceptVpcPeeringConnection) || ($.eventName = CreateVpcPeeringConnection) || ($.eventName = DeleteVpcPeeringConnection) || ($.eventName = RejectVpcPeeringConnection) || ($.eventName = AttachClassicLinkVpc) || ($.eventName = DetachClassicLinkVpc) || ($.eventName = DisableVpcClassicLink) || ($.eventName = EnableVpcClassicLink) }",mustMatch:[M("CreateVpc",{cidrBlock:"10.20.0.0/16",instanceTenancy:"default"}),M("DeleteVpc",{vpcId:tt}),M("ModifyVpcAttribute",{vpcId:tt,enableDnsHostnames:{value:!0}}),M("AcceptVpcPeeringConnection",{vpcPeeringConnectionId:Cc}),M("CreateVpcPeeringConnection",{vpcId:tt,peerVpcId:"vpc-0fedcba9876543210",peerOwnerId:"444455556666"}),M("DeleteVpcPeeringConnection",{vpcPeeringConnectionId:Cc}),M("RejectVpcPeeringConnection",{vpcPeeringConnectionId:Cc}),M("AttachClassicLinkVpc",{instanceId:"i-0123456789abcdef0",vpcId:tt,groupSet:{items:[{groupId:mr}]}}),M("DetachClassicLinkVpc",{instanceId:"i-0123456789abcdef0",vpcId:tt}),M("DisableVpcClassicLink",{vpcId:tt}),M("EnableVpcClassicLink",{vpcId:tt})],mustNotMatch:[M("DescribeVpcs",{vpcSet:{},filterSet:{}},!0),M("DescribeVpcAttribute",{vpcId:tt,attribute:"enableDnsHostnames"},!0),M("DescribeVpcPeeringConnections",{vpcPeeringConnectionIdSet:{},filterSet:{}},!0)],eitherWay:[]},iT={id:"organizations-changes",title:"AWS Organizations changes",cis:"4.15",cisPattern:'{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = "AcceptHandshake") || ($.eventName = "AttachPolicy") || ($.eventName = "CreateAccount") || ($.eventName = "CreateOrganizationalUnit") || ($.eventName = "CreatePolicy") || ($.eventName = "DeclineHandshake") || ($.eventName = "DeleteOrganization") || ($.eventName = "DeleteOrganizationalUnit") || ($.eventName = "DeletePolicy") || ($.eventName = "DetachPolicy") || ($.eventName = "DisablePolicyType") || ($.eventName = "EnablePolicyType") || ($.eventName = "InviteAccountToOrganization") || ($.eventName = "LeaveOrganization") || ($.eventName = "MoveAccount") || ($.eventName = "RemoveAccountFromOrganization") || ($.eventName = "UpdatePolicy") || ($.eventName = "UpdateOrganizationalUnit")) }',mustMatch:[ye("AcceptHandshake",{handshakeId:"h-examplehandshakeid111"}),ye("AttachPolicy",{policyId:"p-examplepolicyid111",targetId:"ou-examplerootid111-exampleouid111"}),ye("CreateAccount",{accountName:"sandbox",email:"sandbox@example.com"}),ye("CreateOrganizationalUnit",{parentId:"r-examplerootid111",name:"Sandbox"}),ye("CreatePolicy",{name:"DenyLeaveOrg",type:"SERVICE_CONTROL_POLICY",content:It}),ye("DeclineHandshake",{handshakeId:"h-examplehandshakeid111"}),ye("DeleteOrganization",{}),ye("DeleteOrganizationalUnit",{organizationalUnitId:"ou-examplerootid111-exampleouid111"}),ye("DeletePolicy",{policyId:"p-examplepolicyid111"}),ye("DetachPolicy",{policyId:"p-examplepolicyid111",targetId:"ou-examplerootid111-exampleouid111"}),ye("DisablePolicyType",{rootId:"r-examplerootid111",policyType:"SERVICE_CONTROL_POLICY"}),ye("EnablePolicyType",{rootId:"r-examplerootid111",policyType:"TAG_POLICY"}),ye("InviteAccountToOrganization",{target:{id:"444455556666",type:"ACCOUNT"}}),ye("LeaveOrganization",{}),ye("MoveAccount",{accountId:"444455556666",sourceParentId:"r-examplerootid111",destinationParentId:"ou-examplerootid111-exampleouid111"}),ye("RemoveAccountFromOrganization",{accountId:"444455556666"}),ye("UpdatePolicy",{policyId:"p-examplepolicyid111",content:It}),ye("UpdateOrganizationalUnit",{organizationalUnitId:"ou-examplerootid111-exampleouid111",name:"Workloads"})],mustNotMatch:[ye("DescribeOrganization",{},!0),ye("ListAccounts",{},!0),he("CreatePolicy",{policyName:"DataReadOnly",policyDocument:It}),he("DeletePolicy",{policyArn:Ut})],eitherWay:[]},$c=[BA,UA,KA,zA,HA,YA,JA,XA,QA,ZA,eT,tT,nT,rT,iT],sT=new Map($c.map(t=>[t.id,t]));function wi(t){let e=sT.get(t);if(e===void 0)throw new Error(`unknown event class '${String(t)}'`);return e}function Ic(t){return typeof t=="string"&&Ec.includes(t)}function oT(t,e){let n=wi(e),r=n.mustMatch.filter(s=>!_i(t,s)),i=n.mustNotMatch.filter(s=>_i(t,s));return{monitored:r.length===0&&i.length===0,missed:r,falseHits:i}}function aT(t,e){return oT(t,e).monitored}function Rc(t,e){let n=io(t);return n.ok?aT(n.pattern,e)?"yes":"no":"invalid-pattern"}function Dh(t){return Rc(t,"root-usage")}function Oc(t,e){return{kind:"resolved",target:t,via:e}}function Mh(t,e){if(t.kind==="unknown")return t;let n=e.find(r=>r.name.kind==="known"&&r.name.value===t.value);return n?Oc(n,t.loc):se("not-found",t.loc,t.value)}function lT(t){let e=/:(key\/.+|alias\/.+)$/.exec(t),n=e?e[1]:t;return n.startsWith("key/")?n.slice(4):n}function Nc(t,e){if(t.kind==="unknown")return t;if(t.value===null)return null;let n=lT(t.value),r=e.find(i=>i.keyId.kind==="known"&&i.keyId.value===n||i.aliases.includes(n));return r?Oc(r,t.loc):se("not-found",t.loc,t.value)}function Pc(t){let e=/:log-group:(.+?)(:\*)?$/.exec(t);return e?e[1]:null}function qh(t,e){if(t.kind==="unknown")return t;if(t.value===null)return null;let n=Pc(t.value),r=n===null?void 0:e.find(i=>i.name.kind==="known"&&i.name.value===n);return r?Oc(r,t.loc):se("not-found",t.loc,t.value)}var xc=["no-filter","no-alarm","alarm-never-fires","no-notification"];function Lc(t,e){return t.kind==="unknown"?"unknown":e(t.value)?"yes":"no"}function go(...t){return t.includes("no")?"no":t.includes("unknown")?"unknown":"yes"}function cT(t,e){if(t.statistic.kind==="unknown"||t.threshold.kind==="unknown"||t.comparison.kind==="unknown")return"unknown";let n=t.statistic.value,r=t.threshold.value;if(n===null||r===null)return"unknown";let i;if(n==="SampleCount")i=1;else if(n==="Sum"||n==="Maximum"||n==="Minimum"||n==="Average"){let s=typeof e=="number"?e:typeof e=="string"?Number(e):NaN;if(O(e)||Number.isNaN(s))return"unknown";i=s}else return"unknown";switch(t.comparison.value){case"GreaterThanOrEqualToThreshold":return i>=r?"yes":"no";case"GreaterThanThreshold":return i>r?"yes":"no";case"LessThanThreshold":return i<r?"yes":"no";case"LessThanOrEqualToThreshold":return i<=r?"yes":"no";default:return"unknown"}}function uT(t,e,n){let r=Lc(t.actionsEnabled,s=>s===!0);if(t.alarmActions.kind==="unknown")return go(r,"unknown");let i="no";for(let s of t.alarmActions.value){if(O(s)){i=i==="yes"?"yes":"unknown";continue}if(typeof s!="string")continue;let o=e.find(l=>l.topicArn.kind==="known"&&l.topicArn.value===s),a;n?a=o?Lc(o.subscriptions,l=>typeof l=="number"&&l>0):s.startsWith("arn:")&&s.split(":")[2]==="sns"?"unknown":"no":a=o||/^arn:[^:]*:sns:/.test(s)?"yes":"no",a==="yes"?i="yes":a==="unknown"&&i==="no"&&(i="unknown")}return go(r,i)}function Wh(t){let e=[],n=[],r=[];for(let o of t.filters){let a=Lc(o.logGroupName,d=>d===t.groupName);if(a==="no")continue;let l=o.pattern.kind==="unknown"?"unknown":t.monitors(o.pattern.value)==="yes"?"yes":"no",c=go(a,l);if(c==="no")continue;if(c==="unknown"){e.push({stage:0,unknown:!0});continue}if(n.push(o),o.metrics.kind==="unknown"){e.push({stage:1,unknown:!0});continue}let u=!1;for(let d of o.metrics.value)for(let f of t.alarms){let m=f.metricName.kind==="unknown"||O(d.name)?"unknown":f.metricName.value===d.name?"yes":"no",h=f.namespace.kind==="unknown"||O(d.namespace)?"unknown":f.namespace.value===d.namespace?"yes":"no",p=go(m,h);if(p==="no")continue;if(p==="unknown"){e.push({stage:1,unknown:!0});continue}u=!0,r.push(f);let g=cT(f,d.value);if(g!=="yes"){e.push({stage:2,unknown:g==="unknown"});continue}let _=uT(f,t.topics,t.live);e.push(_==="yes"?{stage:xc.length,unknown:!1}:{stage:3,unknown:_==="unknown"})}u||e.push({stage:1,unknown:!1})}let i=(o,a)=>({verdict:o,gap:a,filters:n,alarms:r});if(e.some(o=>o.stage===xc.length))return i("yes",null);let s=e.reduce((o,a)=>Math.max(o,a.stage),0);return i(e.some(o=>o.unknown)?"unknown":"no",xc[s])}function yo(t,e,n){let r=e.cloudWatchLogsGroupArn;if(r.kind==="unknown")return{kind:"unknown",at:r};if(!r.value)return{kind:"skip"};let i=e.logGroup?.kind==="resolved"?e.logGroup.target.name:null,s=i?.kind==="known"?i.value:Pc(r.value);if(s===null)return{kind:"unknown",at:{kind:"unknown",reason:"unsupported-expression",loc:r.loc}};let o=Wh({groupName:s,filters:t.metricFilters,alarms:t.alarms,topics:t.topics,live:t.account.source==="live",monitors:n});return{kind:"judged",at:r,chain:o}}var Gh=`# TG010 no-root-usage-alarm
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
`;var Fh={meta:{id:"TG010",...G("TG010"),name:"no-root-usage-alarm",level:"warning",summary:"No alarm notifies anyone of root-user activity",tags:["security","cloudtrail","monitoring"],appliesTo:["cloudformation"],precision:"high",messages:{"no-filter":"Trail {{trail}}: no metric filter on its log group matches a root-user call without also matching IAM users.","no-alarm":"Trail {{trail}}: the root-usage metric filter has no alarm on its metric.","alarm-never-fires":"Trail {{trail}}: the root-usage alarm does not fire on a single root-user call (check its statistic, threshold and comparison).","no-notification":"Trail {{trail}}: the root-usage alarm notifies no one (no enabled SNS action{{live}}).",unknown:"Trail {{trail}}: whether root-user activity raises an alarm cannot be determined."}},doc:Gh,check(t){let e=t.model.account.source==="live";for(let n of t.model.trails){let r={trail:n.label,live:e?" with a confirmed subscription":""},i=yo(t.model,n,Dh);if(i.kind==="skip")continue;if(i.kind==="unknown"){t.review(i.at,{messageId:"unknown",data:r,entity:n});continue}let{chain:s}=i;if(s.verdict==="yes")continue;let o=[...s.filters,...s.alarms].map(a=>({at:a,message:`${a.type} ${a.label}`}));s.verdict==="unknown"?t.review({kind:"unknown",reason:"unsupported-expression",loc:i.at.loc},{messageId:"unknown",data:r,entity:n,related:o}):t.report({messageId:s.gap,data:r,at:i.at,entity:n,related:o,key:"root-usage"})}}};var jh=`# TG011 trail-not-kms-encrypted
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
`;var Vh={meta:{id:"TG011",...G("TG011"),name:"trail-not-kms-encrypted",level:"warning",summary:"Trail logs are not encrypted with a customer-managed KMS key",tags:["security","cloudtrail","encryption"],appliesTo:["cloudformation"],precision:"very-high",messages:{noKey:"Trail {{trail}} names no KMS key: its logs are encrypted only with SSE-S3, so anyone who can read the bucket can read them. Use SSE-KMS with a customer-managed key.",storeNoKey:"Event data store {{store}} names no KMS key: use a customer-managed key to control who can read the events.",unknown:"Trail {{trail}}: its KMS key cannot be determined."}},doc:jh,check(t){for(let e of t.model.trails){let n=e.kmsKeyId;n.kind==="unknown"?t.review(n,{messageId:"unknown",data:{trail:e.label},entity:e}):(n.value===null||n.value==="")&&t.report({messageId:"noKey",data:{trail:e.label},at:n,entity:e})}for(let e of t.model.eventDataStores){let n=e.kmsKeyId;n.kind==="known"&&(n.value===null||n.value==="")&&t.report({messageId:"storeNoKey",data:{store:e.label},at:n,entity:e})}}};var Bh=`# TG012 insights-disabled
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
`;var Uh={meta:{id:"TG012",...G("TG012"),name:"insights-disabled",level:"note",summary:"Trail has no CloudTrail Insights selectors",tags:["security","cloudtrail"],appliesTo:["cloudformation"],precision:"very-high",messages:{none:"Trail {{trail}} has no Insights selectors: unusual API call or error rates go unnoticed.",unknown:"Trail {{trail}}: its Insights selectors cannot be determined."}},doc:Bh,check(t){for(let e of t.model.trails){let n=e.insights;n.kind==="unknown"?t.review(n,{messageId:"unknown",data:{trail:e.label},entity:e}):n.value.length===0&&t.report({messageId:"none",data:{trail:e.label},at:n,entity:e})}}};var Kh=`# TG013 management-events-excluded
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
`;var zh={meta:{id:"TG013",...G("TG013"),name:"management-events-excluded",level:"warning",summary:"Trail's selectors exclude management events, or their reads or writes",tags:["security","cloudtrail"],appliesTo:["cloudformation"],precision:"high",messages:{none:"Trail {{trail}} records no management events: its selectors exclude them.",onlyRead:"Trail {{trail}} records only read management events: changes to the account go unrecorded.",onlyWrite:"Trail {{trail}} records only write management events: reads (Describe, Get, List) go unrecorded.",unknown:"Trail {{trail}}: which management events its selectors record cannot be determined."}},doc:Kh,check(t){for(let e of t.model.trails){let n={trail:e.label},r=e.selectors;if(r.kind==="unknown"){t.review(r,{messageId:"unknown",data:n,entity:e});continue}let i=Ks(r.value);if(i.read==="yes"&&i.write==="yes")continue;if(i.read==="unknown"||i.write==="unknown"){t.review({kind:"unknown",reason:"unsupported-expression",loc:r.loc},{messageId:"unknown",data:n,entity:e});continue}let s=i.read==="no"&&i.write==="no"?"none":i.read==="no"?"onlyWrite":"onlyRead";t.report({messageId:s,data:n,at:r,entity:e})}}};var Hh=`# TG014 global-service-events-excluded
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
`;var Yh={meta:{id:"TG014",...G("TG014"),name:"global-service-events-excluded",level:"warning",summary:"Trail excludes global service events (IAM, STS, CloudFront)",tags:["security","cloudtrail"],appliesTo:["cloudformation"],precision:"very-high",messages:{excluded:"Trail {{trail}} excludes global service events: IAM, STS and CloudFront activity is lost.",unknown:"Trail {{trail}}: whether it includes global service events cannot be determined."},fix:"safe"},doc:Hh,check(t){for(let e of t.model.trails){let n=e.includeGlobalServiceEvents;n.kind==="unknown"?t.review(n,{messageId:"unknown",data:{trail:e.label},entity:e}):n.value||t.report({messageId:"excluded",data:{trail:e.label},at:n,entity:e})}}};var Jh=`# TG015 log-bucket-access-logging-disabled
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
`;var Xh={meta:{id:"TG015",...G("TG015"),name:"log-bucket-access-logging-disabled",level:"warning",summary:"Log bucket has no server access logging",tags:["security","cloudtrail","s3"],appliesTo:["cloudformation"],precision:"very-high",messages:{off:"Bucket {{bucket}} stores the logs of trail {{trail}} but has no server access logging: reads and deletions of the logs leave no trace.",unknown:"Bucket {{bucket}}: whether server access logging is on cannot be determined."}},doc:Jh,check(t){let e=new Set;for(let n of t.model.trails){let r=ht(n);r&&e.add(r)}for(let n of e){let r=Js(n,t.model.trails),i={bucket:n.label,trail:r.map(a=>a.label).join(", ")},s=r.map(a=>({at:a,message:`trail ${a.label} writes its logs here`})),o=n.accessLogging;o.kind==="unknown"?t.review(o,{messageId:"unknown",data:i,entity:n,related:s}):o.value||t.report({messageId:"off",data:i,at:o,entity:n,related:s})}}};var Qh=`# TG016 log-bucket-policy-blocks-delivery
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
`;var Zh={meta:{id:"TG016",...G("TG016"),name:"log-bucket-policy-blocks-delivery",level:"error",summary:"Log bucket policy does not let CloudTrail deliver",tags:["security","cloudtrail","s3"],appliesTo:["cloudformation"],precision:"high",messages:{blocked:"The policy of bucket {{bucket}} does not let cloudtrail.amazonaws.com {{need}}: trail {{trail}} cannot deliver its logs.",noPolicy:"Bucket {{bucket}} has no bucket policy: trail {{trail}} cannot deliver its logs.",confusedDeputy:"The policy of bucket {{bucket}} lets cloudtrail.amazonaws.com write without an aws:SourceArn or aws:SourceAccount condition: any account's trail could deliver into it.",unknown:"Bucket {{bucket}}: whether its policy lets trail {{trail}} deliver cannot be determined."}},doc:Qh,check(t){for(let e of t.model.trails){let n=ht(e);if(!n)continue;let r={bucket:n.label,trail:e.label},i=[{at:e,message:`trail ${e.label}`}],s=n.policy;if(s.kind==="unknown"){t.review(s,{messageId:"unknown",data:r,entity:n,related:i});continue}if(s.value===null){s.origin==="explicit"&&t.report({messageId:"noPolicy",data:r,at:s,entity:n,related:i});continue}if(n.name.kind==="unknown")continue;let o=`arn:aws:s3:::${n.name.value}`,a=nn(e),l=Xs(e),c=[];if(a===null)c.push(new x("unsupported-expression","S3KeyPrefix"));else{c.push(typeof l=="string"?`${o}/${a}${l}/*`:l);let f=e.isOrganizationTrail;if(f.kind!=="known"||f.value){let m=e.organizationId?tn(e.organizationId):new x("unsupported-expression","organization ID");c.push(f.kind==="unknown"?new x(f.reason):typeof m=="string"?`${o}/${a}${m}/*`:m)}}let u=lc(s.value.document,{bucketArn:o,objectArns:c,trailArn:tn(e.trailArn),accountId:l}),d=K(!0,s.value.statementLocs[u.statements[0]??-1]??s.loc);if(u.result==="unknown")t.review({kind:"unknown",reason:"unsupported-expression",loc:s.loc},{messageId:"unknown",data:r,entity:n,related:i});else if(u.result==="blocked"){let f=u.blocked.map(m=>`${m.action} on ${m.resource??"the log prefix"}`).join(" and ")||"write its logs";t.report({messageId:"blocked",data:{...r,need:f},at:K(!0,s.loc),entity:n,related:i,key:"blocked"})}else u.result==="allowed-without-source-condition"&&t.report({messageId:"confusedDeputy",data:r,at:d,entity:n,related:i,key:"confused-deputy",level:"warning"})}}};var eg=`# TG017 no-organization-trail
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
`;var tg={meta:{id:"TG017",...G("TG017"),name:"no-organization-trail",level:"warning",summary:"Organization has no organization trail",tags:["security","cloudtrail","organizations"],appliesTo:["cloudformation"],precision:"high",messages:{missing:"No organization trail is defined, although the configuration says this is an AWS Organizations management account.",missingLive:"Account {{account}} manages an AWS Organization but no organization trail exists: member accounts can stop their own trails."}},doc:eg,check(t){let e=t.model.account;if(!t.model.trails.some(r=>r.isOrganizationTrail.kind==="unknown"||r.isOrganizationTrail.value)){if(e.source==="live"){let r=e.orgRole;r?.kind==="known"&&(r.value==="management"||r.value==="delegated-admin")&&t.report({messageId:"missingLive",data:{account:e.label},at:e});return}t.settings.organization&&e.organizationAt&&t.report({messageId:"missing",at:{kind:"known",value:!0,origin:"explicit",loc:e.organizationAt},entity:e})}}};var ng=`# TG019 monitoring-alarm-missing
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
`;var rg={meta:{id:"TG019",...G("TG019"),name:"monitoring-alarm-missing",level:"warning",summary:"A monitored event class has no metric filter, alarm and notification",tags:["security","cloudtrail","monitoring"],appliesTo:["cloudformation"],precision:"high",messages:{"no-filter":"Trail {{trail}}: no metric filter on its log group monitors {{title}} ({{class}}).","no-alarm":"Trail {{trail}}: the metric filter for {{title}} ({{class}}) has no alarm on its metric.","alarm-never-fires":"Trail {{trail}}: the alarm for {{title}} ({{class}}) does not fire on a single event.","no-notification":"Trail {{trail}}: the alarm for {{title}} ({{class}}) notifies no one.",unknown:"Trail {{trail}}: whether {{title}} ({{class}}) raises an alarm cannot be determined."}},doc:ng,check(t){for(let e of t.settings.monitoring){if(!Ic(e))continue;let n=wi(e);for(let r of t.model.trails){let i={trail:r.label,class:e,title:n.title},s=yo(t.model,r,l=>Rc(l,e));if(s.kind==="skip")continue;if(s.kind==="unknown"){t.review(s.at,{messageId:"unknown",data:i,entity:r,key:e});continue}let{chain:o}=s;if(o.verdict==="yes")continue;let a=[...o.filters,...o.alarms].map(l=>({at:l,message:`${l.type} ${l.label}`}));o.verdict==="unknown"?t.review({kind:"unknown",reason:"unsupported-expression",loc:s.at.loc},{messageId:"unknown",data:i,entity:r,related:a,key:e}):t.report({messageId:o.gap,data:i,at:s.at,entity:r,related:a,key:e})}}}};var ig=`# TG020 trail-kms-key-policy-blocks-cloudtrail
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
`;var sg={meta:{id:"TG020",...G("TG020"),name:"trail-kms-key-policy-blocks-cloudtrail",level:"error",summary:"The trail's KMS key policy does not let CloudTrail encrypt",tags:["security","cloudtrail","kms"],appliesTo:["cloudformation"],precision:"high",messages:{blocked:"The policy of KMS key {{key}} does not let cloudtrail.amazonaws.com run kms:GenerateDataKey* for trail {{trail}}: log delivery fails.",unknown:"KMS key {{key}}: whether its policy lets trail {{trail}} encrypt cannot be determined."}},doc:ig,check(t){for(let e of t.model.trails){let n=qm(e);if(!n)continue;let r={key:n.label,trail:e.label},i=[{at:e,message:`trail ${e.label}`}],s=n.policy;if(s.kind==="unknown"){t.review(s,{messageId:"unknown",data:r,entity:n,related:i});continue}if(s.value===null)continue;let o=cc(s.value.document,{trailArn:tn(e.trailArn),accountId:Xs(e)});o.result==="blocked"?t.report({messageId:"blocked",data:r,at:K(!0,s.loc),entity:n,related:i}):o.result==="unknown"&&t.review({kind:"unknown",reason:"unsupported-expression",loc:s.loc},{messageId:"unknown",data:r,entity:n,related:i})}}};var og=`# TG021 trail-kms-key-rotation-disabled
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
`;var ag={meta:{id:"TG021",...G("TG021"),name:"trail-kms-key-rotation-disabled",level:"warning",summary:"The trail's KMS key does not rotate automatically",tags:["security","cloudtrail","kms"],appliesTo:["cloudformation"],precision:"very-high",messages:{off:"KMS key {{key}} encrypts the logs of {{trail}} but has automatic rotation off.",unknown:"KMS key {{key}}: whether automatic rotation is on cannot be determined."},fix:"safe"},doc:og,check(t){let e=new Map;for(let n of[...t.model.trails,...t.model.eventDataStores]){let r=Ys(n.kmsKey);r&&e.set(r,[...e.get(r)??[],n.label])}for(let[n,r]of e){if(n.customerManaged.kind!=="known"||!n.customerManaged.value||n.keySpec.kind!=="known"||n.keySpec.value!=="SYMMETRIC_DEFAULT")continue;let i={key:n.label,trail:r.join(", ")},s=n.rotationEnabled;s.kind==="unknown"?t.review(s,{messageId:"unknown",data:i,entity:n}):s.value||t.report({messageId:"off",data:i,at:s,entity:n})}}};var qn=[Cm,$m,Rm,Nm,xm,Mm,lh,dh,ph,Fh,Vh,Uh,zh,Yh,Xh,Zh,tg,rg,sg,ag];var rk=En(Cd(),1),ik=En(lb(),1);import{existsSync as gp,readFileSync as pL,statSync as mL}from"node:fs";import Kr from"node:path";var cb={$schema:"http://json-schema.org/draft-07/schema#",$id:"https://github.com/trailguard/trailguard/schemas/config.schema.json",title:"trailguard configuration (.trailguard.yml)",type:"object",additionalProperties:!1,properties:{rules:{description:"Level per rule (ID or name): error, warning, note or off.",type:"object",propertyNames:{type:"string",enum:["TG001","TG002","TG003","TG004","TG005","TG006","TG007","TG008","TG009","TG010","TG011","TG012","TG013","TG014","TG015","TG016","TG017","TG018","TG019","TG020","TG021","TG022","TG023","TG024","TG025","TG026","TG027","no-account-trail","single-region-trail","log-file-validation-disabled","trail-not-logging","no-cloudwatch-logs","sensitive-bucket-without-data-events","log-bucket-deletable","log-bucket-public","log-bucket-short-retention","no-root-usage-alarm","trail-not-kms-encrypted","insights-disabled","management-events-excluded","global-service-events-excluded","log-bucket-access-logging-disabled","log-bucket-policy-blocks-delivery","no-organization-trail","trail-delivery-failing","monitoring-alarm-missing","trail-kms-key-policy-blocks-cloudtrail","trail-kms-key-rotation-disabled","log-digest-missing","log-digest-signature-invalid","log-file-missing","log-file-modified","log-file-unlisted","log-digest-gap"]},additionalProperties:{enum:["error","warning","note","off"]}},minRetentionDays:{description:"Minimum days logs must be kept (TG007, TG009).",type:"integer",minimum:1,default:365},requireTrail:{description:"IaC: report TG001 when the scanned files define no qualifying trail.",type:"boolean",default:!1},organization:{description:"IaC: report TG017 when the scanned files define no organization trail.",type:"boolean",default:!1},monitoring:{description:"TG019 event classes: 'cis' or a list of class IDs; [] turns TG019 off.",default:["cloudtrail-changes"],oneOf:[{const:"cis"},{type:"array",uniqueItems:!0,items:{enum:["unauthorized-api-calls","console-signin-without-mfa","iam-policy-changes","cloudtrail-changes","console-auth-failures","cmk-disable-or-deletion","s3-bucket-policy-changes","config-changes","security-group-changes","nacl-changes","network-gateway-changes","route-table-changes","vpc-changes","organizations-changes"]}}]},sensitiveBuckets:{description:"Buckets that need S3 data events (TG006).",type:"object",additionalProperties:!1,properties:{tags:{description:"Tag key -> sensitive values (case-insensitive); replaces the default tags.",type:"object",additionalProperties:{type:"array",items:{type:"string"}}},names:{description:"Bucket name globs, added to the tag test.",type:"array",items:{type:"string",minLength:1}}}},ignorePaths:{description:"Globs, relative to this file's folder, of paths not to scan.",type:"array",items:{type:"string",minLength:1},default:[]},suppressions:{type:"array",default:[],items:{type:"object",additionalProperties:!1,required:["rule","resource"],properties:{rule:{type:"string",enum:["TG001","TG002","TG003","TG004","TG005","TG006","TG007","TG008","TG009","TG010","TG011","TG012","TG013","TG014","TG015","TG016","TG017","TG018","TG019","TG020","TG021","TG022","TG023","TG024","TG025","TG026","TG027","no-account-trail","single-region-trail","log-file-validation-disabled","trail-not-logging","no-cloudwatch-logs","sensitive-bucket-without-data-events","log-bucket-deletable","log-bucket-public","log-bucket-short-retention","no-root-usage-alarm","trail-not-kms-encrypted","insights-disabled","management-events-excluded","global-service-events-excluded","log-bucket-access-logging-disabled","log-bucket-policy-blocks-delivery","no-organization-trail","trail-delivery-failing","monitoring-alarm-missing","trail-kms-key-policy-blocks-cloudtrail","trail-kms-key-rotation-disabled","log-digest-missing","log-digest-signature-invalid","log-file-missing","log-file-modified","log-file-unlisted","log-digest-gap"]},resource:{type:"string",minLength:1,description:"Glob over the Terraform address, CloudFormation logical ID or ARN."},reason:{type:"string"},expires:{type:"string",format:"date",description:"Suppresses through this day (UTC)."}}}}}};var LR=[["TG001","no-account-trail","error"],["TG002","single-region-trail","error"],["TG003","log-file-validation-disabled","error"],["TG004","trail-not-logging","error"],["TG005","no-cloudwatch-logs","warning"],["TG006","sensitive-bucket-without-data-events","error"],["TG007","log-bucket-deletable","error"],["TG008","log-bucket-public","error"],["TG009","log-bucket-short-retention","warning"],["TG010","no-root-usage-alarm","warning"],["TG011","trail-not-kms-encrypted","warning"],["TG012","insights-disabled","note"],["TG013","management-events-excluded","warning"],["TG014","global-service-events-excluded","warning"],["TG015","log-bucket-access-logging-disabled","warning"],["TG016","log-bucket-policy-blocks-delivery","error"],["TG017","no-organization-trail","warning"],["TG018","trail-delivery-failing","error"],["TG019","monitoring-alarm-missing","warning"],["TG020","trail-kms-key-policy-blocks-cloudtrail","error"],["TG021","trail-kms-key-rotation-disabled","warning"],["TG022","log-digest-missing","error"],["TG023","log-digest-signature-invalid","error"],["TG024","log-file-missing","error"],["TG025","log-file-modified","error"],["TG026","log-file-unlisted","warning"],["TG027","log-digest-gap","error"]];function Jt(t){let e=t.trim(),n=LR.find(([r,i])=>r===e.toUpperCase()||i===e.toLowerCase());return n?n[0]:null}var fn=class{starts;constructor(e){let n=[0];for(let r=0;r<e.length;r++){let i=e.charCodeAt(r);i===10?n.push(r+1):i===13&&(e.charCodeAt(r+1)===10&&r++,n.push(r+1))}this.starts=n}position(e){let n=this.starts,r=0,i=n.length-1;for(;r<i;){let s=r+i+1>>1;n[s]<=e?r=s:i=s-1}return{line:r+1,column:e-n[r]+1}}range(e,n){let r=this.position(e),i=this.position(n);return{startLine:r.line,startColumn:r.column,endLine:i.line,endColumn:i.column}}lineStart(e){return this.starts[e-1]??0}get lineCount(){return this.starts.length}};function na(t){if(!t)return null;if(t.kind==="scalar")return t.value;if(t.kind==="seq")return t.items.map(na);let e={};for(let n of t.entries)e[n.key]=na(n.value);return e}function ra(t,e){let n=t,r=t?.span[0]??0;for(let i of e){if(!n)return null;if(n.kind==="map"){let s=n.entries.find(o=>o.key===String(i));if(!s)return null;r=s.keySpan[0],n=s.value}else if(n.kind==="seq"){let s=n.items[Number(i)];if(!s)return null;r=s.span[0],n=s}else return null}return n?{node:n,keyStart:r}:null}var mt=En(Qv(),1);function Vr(t){return typeof t.value=="string"?t.value:t.raw??String(t.value)}function le(t,e){return t.entries.find(n=>n.key===e)}var Br=500,Zv=2e6;var cL={"!Ref":"Ref","!Condition":"Condition","!Sub":"Fn::Sub","!GetAtt":"Fn::GetAtt","!If":"Fn::If","!Equals":"Fn::Equals","!Not":"Fn::Not","!And":"Fn::And","!Or":"Fn::Or","!Join":"Fn::Join","!Select":"Fn::Select","!Split":"Fn::Split","!FindInMap":"Fn::FindInMap","!ImportValue":"Fn::ImportValue","!Base64":"Fn::Base64","!Cidr":"Fn::Cidr","!GetAZs":"Fn::GetAZs","!Transform":"Fn::Transform","!Length":"Fn::Length","!ToJsonString":"Fn::ToJsonString","!ForEach":"Fn::ForEach"},uL=/^(tag:yaml\.org,2002:|!!)/,Zt=class extends Error{constructor(n,r){super(n);this.offset=r}offset};function nl(t,e="1.1"){let n;try{n=(0,mt.parseDocument)(t,{version:e,uniqueKeys:!1,merge:!1,prettyErrors:!1})}catch(s){return{ok:!1,error:{message:s instanceof RangeError?"document is nested too deeply":String(s),offset:0}}}let r=n.errors[0];if(r)return{ok:!1,error:{message:dL(r.message),offset:r.pos[0]}};let i=new hp(t,n);try{return{ok:!0,root:n.contents?i.node(n.contents,0,0):null,warnings:i.warnings}}catch(s){if(s instanceof Zt)return{ok:!1,error:{message:s.message,offset:s.offset}};if(s instanceof RangeError)return{ok:!1,error:{message:"document is nested too deeply",offset:0}};throw s}}function dL(t){return t.split(`
`)[0].replace(/ at line \d+, column \d+:?$/,"")}var hp=class{constructor(e,n){this.text=e;this.doc=n}text;doc;warnings=[];count=0;node(e,n,r){if(n>Br)throw new Zt(`nesting deeper than ${Br} levels`,e.range?.[0]??0);if(++this.count>Zv)throw new Zt("document too large after alias expansion",e.range?.[0]??0);if((0,mt.isAlias)(e)){let d=e.resolve(this.doc);if(!d)throw new Zt(`unknown alias *${e.source}`,e.range?.[0]??0);return this.node(d,n+1,r)}let i=e.range?.[0]??0,s=e.range?.[1]??i,o=this.plainNode(e,n,i,s),a=e.tag;if(!a||uL.test(a))return o;let l=cL[a],c=this.findTag(a,i,r);if(!l)return this.warnings.push({message:`unknown tag ${a}`,offset:c}),o;let u=o;if(l==="Fn::GetAtt"&&o.kind==="scalar"&&typeof o.value=="string"){let d=o.value.indexOf("."),f=d<0?[o.value]:[o.value.slice(0,d),o.value.slice(d+1)];u={kind:"seq",span:o.span,items:f.map(m=>({kind:"scalar",value:m,span:o.span}))}}return{kind:"map",span:[c,s],entries:[{key:l,keySpan:[c,c+a.length],value:u}]}}plainNode(e,n,r,i){if((0,mt.isMap)(e)){let s=[],o=new Set,a=r;for(let l of e.items){let c=l.key;if(!c||!(0,mt.isScalar)(c))throw new Zt("only scalar mapping keys are supported",c?.range?.[0]??a);let u=typeof c.value=="string"?c.value:c.source??String(c.value),d=[c.range[0],c.range[1]];if(o.has(u))throw new Zt(`Map keys must be unique: "${u}" appears twice`,d[0]);o.add(u);let f=l.value,m=f?this.node(f,n+1,d[1]):{kind:"scalar",value:null,span:[d[1],d[1]]};s.push({key:u,keySpan:d,value:m}),a=m.span[1]}return{kind:"map",span:[r,i],entries:s}}if((0,mt.isSeq)(e)){let s=[],o=r;for(let a of e.items){let l=a?this.node(a,n+1,o):{kind:"scalar",value:null,span:[o,o]};s.push(l),o=l.span[1]}return{kind:"seq",span:[r,i],items:s}}if((0,mt.isScalar)(e)){let s=e.value,o=typeof s=="string"||typeof s=="number"||typeof s=="boolean"||s===null?s:fL(e);return typeof o!="string"&&e.source!==void 0?{kind:"scalar",span:[r,i],value:o,raw:e.source}:{kind:"scalar",span:[r,i],value:o}}throw new Zt("unsupported YAML node",r)}findTag(e,n,r){let i=this.text.lastIndexOf(e,n);return i>=r?i:n}};function fL(t){if(!(0,mt.isScalar)(t))return"";let e=t.value;return typeof e=="string"?e:e instanceof Date||typeof e=="object"?t.source??String(e):t.source!==void 0&&typeof e!="number"&&typeof e!="boolean"?t.source:String(e)}var rl={minRetentionDays:365,requireTrail:!1,organization:!1,sensitiveBuckets:{tags:null,names:[]},monitoring:["cloudtrail-changes"]},ek=["unauthorized-api-calls","console-signin-without-mfa","iam-policy-changes","cloudtrail-changes","console-auth-failures","cmk-disable-or-deletion","s3-bucket-policy-changes","config-changes","security-group-changes","nacl-changes","network-gateway-changes","route-table-changes","vpc-changes","organizations-changes"];function tk(t){return{file:null,dir:t,levels:new Map,settings:rl,ignorePaths:[],suppressions:[]}}var Mt=class extends Error{};import nk from"node:path";function Ur(t,e){let n=nk.relative(e,t);return(n===""?".":n).split(nk.sep).join("/")}var rr=".trailguard.yml";function sk(t){let e=Kr.resolve(t);for(gp(e)&&!mL(e).isDirectory()&&(e=Kr.dirname(e));;){let n=Kr.join(e,rr);if(gp(n))return n;if(gp(Kr.join(e,".git")))return null;let r=Kr.dirname(e);if(r===e)return null;e=r}}var il=null;function hL(t){if(!il){let e=new rk.Ajv({allErrors:!0,strict:!0});(0,ik.default)(e),il=e.compile(cb)}return il(t)?[]:il.errors??[]}function gL(t){let e=t.instancePath.split("/").slice(1).map(r=>r.replace(/~1/g,"/").replace(/~0/g,"~"));if(t.keyword==="additionalProperties"){let r=String(t.params.additionalProperty);return{path:[...e,r],message:"unknown key"}}let n=t.propertyName??(t.keyword==="propertyNames"?String(t.params.propertyName):void 0);return n!==void 0?{path:[...e,n],message:e[0]==="rules"?"unknown rule ID or name":"invalid key"}:t.keyword==="enum"?{path:e,message:`must be one of ${t.params.allowedValues.map(String).slice(0,8).join(", ")}`}:{path:e,message:t.message??"invalid"}}function yp(t,e){let n=Ur(t,e),r;try{r=pL(t,"utf8")}catch(c){throw new Mt(`${n}: cannot read the configuration: ${c.message}`)}let i=new fn(r),s=nl(r,"1.2");if(!s.ok)throw new Mt(`${n}:${i.position(s.error.offset).line}: invalid YAML: ${s.error.message}`);let o=s.root,a=na(o)??{},l=hL(a);if(l.length>0){let c=yL(l),u=gL(c),d=ra(o,u.path)??ra(o,u.path.slice(0,-1)),f=d?i.position(d.keyStart).line:1;throw new Mt(`${n}:${f}: ${u.path.join(".")||"(top level)"}: ${u.message}`)}return _L(a,o,n,Kr.dirname(t),i)}function yL(t){let e=t.filter(r=>r.keyword!=="oneOf"&&r.keyword!=="if");return[...e.length?e:t].sort((r,i)=>i.instancePath.length-r.instancePath.length)[0]}function _L(t,e,n,r,i){let s=c=>{let u=ra(e,c),d=u?.keyStart??0,f=u?.node.span[1]??d;return{file:n,range:i.range(d,f),address:n,path:c}},o=new Map;for(let[c,u]of Object.entries(t.rules??{}))o.set(Jt(c),u);let a=t.monitoring==="cis"?[...ek]:t.monitoring??rl.monitoring,l=(t.suppressions??[]).map((c,u)=>({ruleId:Jt(c.rule),resource:c.resource,reason:c.reason?.trim()?c.reason.trim():null,expires:c.expires??null,loc:s(["suppressions",u])}));return{file:n,dir:r,levels:o,settings:{minRetentionDays:t.minRetentionDays??rl.minRetentionDays,requireTrail:t.requireTrail??!1,organization:t.organization??!1,sensitiveBuckets:{tags:t.sensitiveBuckets?.tags??null,names:t.sensitiveBuckets?.names??[]},monitoring:a},ignorePaths:t.ignorePaths??[],suppressions:l,...t.requireTrail?{requireTrailAt:s(["requireTrail"])}:{},...t.organization?{organizationAt:s(["organization"])}:{}}}var ok=`# trailguard configuration: https://github.com/trailguard/trailguard#configuration
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
`;import{readFileSync as mS}from"node:fs";import{readFile as g2,stat as Fp}from"node:fs/promises";import ni from"node:path";var sl=class{constructor(e,n,r){this.file=e;this.text=n;this.root=r;this.lines=new fn(n),this.parameters=Me(le(r,"Parameters")?.value),this.mappings=Me(le(r,"Mappings")?.value),this.conditions=Me(le(r,"Conditions")?.value);let i=Me(le(r,"Resources")?.value);for(let s of i?.entries??[]){let o=Me(s.value);if(!o)continue;let a=le(o,"Type")?.value,l=a?.kind==="scalar"&&typeof a.value=="string"?a.value:"";this.resources.set(s.key,{logicalId:s.key,keySpan:s.keySpan,node:o,type:l,properties:Me(le(o,"Properties")?.value)})}}file;text;root;lines;resources=new Map;parameters;mappings;conditions;notices=[];loc(e,n,r,i){let s=n;for(;s>e&&/\s/.test(this.text[s-1]);)s--;return{file:this.file,range:this.lines.range(e,s),address:r,path:i}}notice(e,n,r,i){this.notices.push({level:e,id:n,message:r,offset:i})}};function Me(t){return t&&t.kind==="map"?t:null}function ol(t,e){return e?bL(t).some(n=>n==="AWSTemplateFormatVersion"||n==="Resources"):/^(?:AWSTemplateFormatVersion|Resources|["']AWSTemplateFormatVersion["']|["']Resources["'])\s*:/m.test(t)}function bL(t){let e=[],n=0,r=!1;for(let i=0;i<t.length;i++){let s=t[i];if(s==='"'){let o=i+1;for(;o<t.length&&t[o]!=='"';)o+=t[o]==="\\"?2:1;n===1&&r&&e.push(t.slice(i+1,o)),r=!1,i=o}else s==="{"||s==="["?(n++,r=n===1&&s==="{"):s==="}"||s==="]"?n--:s===","&&n===1&&(r=!0);if(n===0&&i>0&&(s==="}"||s==="]"))break}return e}function ak(t){return!t||t.kind!=="map"?!1:le(t,"AWSTemplateFormatVersion")?!0:!!Me(le(t,"Resources")?.value)?.entries.some(n=>{let r=Me(n.value)&&le(n.value,"Type")?.value;return!!r&&r.kind==="scalar"&&typeof r.value=="string"&&r.value.startsWith("AWS::")})}function Es(t){let e=t.toLowerCase();return e.endsWith(".tf")||e.endsWith(".tofu")?"terraform":e.endsWith(".tf.json")||e.endsWith(".tofu.json")?"terraform-json":e.endsWith(".tfvars")?"tfvars":e.endsWith(".tfvars.json")?"tfvars-json":e.endsWith(".json")?"maybe-json":e.endsWith(".yaml")||e.endsWith(".yml")||e.endsWith(".template")?"maybe-yaml":null}function lk(t){let e=Math.min(t.length,8e3);for(let n=0;n<e;n++)if(t[n]===0)return!0;return!1}function ck(t,e,n){let r=e.trimStart();return n==="maybe-yaml"&&t.toLowerCase().endsWith(".template")&&r.startsWith("{")?ol(e,!0)?"cloudformation-json":null:n==="maybe-json"?/"format_version"\s*:/.test(e.slice(0,4096))&&e.includes('"planned_values"')?"plan":ol(e,!0)?"cloudformation-json":null:ol(e,!1)?"cloudformation-yaml":null}var Yk=En(Ak(),1),Jk=En(xp(),1);import{existsSync as Hk,readFileSync as OD,readdirSync as ND,statSync as Dp}from"node:fs";import it from"node:path";var PD=new Set(["node_modules",".git",".terraform"]);function xD(t){let e=it.resolve(t);for(Hk(e)&&!Dp(e).isDirectory()&&(e=it.dirname(e));;){if(Hk(it.join(e,".git")))return e;let n=it.dirname(e);if(n===e)return null;e=n}}function Mp(t,e){let n=(0,Yk.default)(),r=!1;for(let i of e)try{n.add(OD(it.join(t,i),"utf8")),r=!0}catch{}return r?{dir:t,ig:n}:null}function Lp(t,e,n){let r=!1;for(let i of t){let s=it.relative(i.dir,e).split(it.sep).join("/");if(!s||s.startsWith(".."))continue;let o=i.ig.test(n?s+"/":s);o.ignored?r=!0:o.unignored&&(r=!1)}return r}function LD(t,e){if(!e)return[];let n=[];for(let s=t;n.unshift(s),!(s===e||it.dirname(s)===s);s=it.dirname(s));let r=[],i=Mp(e,[]);i&&r.push(i);for(let s of n){let o=Mp(s,s===e?[".gitignore",".git/info/exclude"]:[".gitignore"]);o&&r.push(o)}return r}function Xk(t,e,n,r){let i=[],s=new Set,o=n.length?(0,Jk.default)(n.map(c=>c.replace(/\/$/,"/**")),{dot:!0}):null,a=c=>{if(!o)return!1;let u=it.relative(r,c).split(it.sep).join("/");return!u.startsWith("..")&&(o(u)||o(u+"/"))},l=(c,u)=>{s.has(c)||(s.add(c),i.push({abs:c,rel:Ur(c,e),explicit:u}))};for(let c of t){let u=it.resolve(e,c);if(!Dp(u).isDirectory()){a(u)||l(u,!0);continue}let f=xD(u),m=[{dir:u,layers:LD(u,f),inCdkOut:!1}];for(;m.length;){let{dir:h,layers:p,inCdkOut:g}=m.pop(),_;try{_=ND(h,{withFileTypes:!0})}catch{continue}_.sort((b,k)=>b.name<k.name?-1:b.name>k.name?1:0);for(let b of _){let k=it.join(h,b.name);if(b.isDirectory()){if(PD.has(b.name)||a(k))continue;let C=g||b.name==="cdk.out";if(g&&b.name.startsWith("asset.")||!C&&Lp(p,k,!0))continue;let A=f?Mp(k,[".gitignore"]):null;m.push({dir:k,layers:A?[...p,A]:p,inCdkOut:C})}else if(b.isFile()){if(g){b.name.endsWith(".template.json")&&!a(k)&&l(k,!1);continue}if(!Es(b.name)||a(k)||Lp(p,k,!1))continue;l(k,!1)}else if(b.isSymbolicLink()&&Es(b.name))try{Dp(k).isFile()&&!a(k)&&!Lp(p,k,!1)&&l(k,!1)}catch{}}}}return i.sort((c,u)=>c.rel<u.rel?-1:c.rel>u.rel?1:0),i}function Qk(t,e){return t.file===e.file&&t.arn===e.arn&&t.range?.startLine===e.range?.startLine&&t.range?.startColumn===e.range?.startColumn&&t.range?.endLine===e.range?.endLine&&t.range?.endColumn===e.range?.endColumn}import{createHash as DD}from"node:crypto";function Zk(t,e,n){let r=[t,e.arn?"":e.file??"",e.arn??e.address,e.path.join("."),n];return DD("sha256").update(r.join("\0")).digest("hex").slice(0,32)}var gl=En(xp(),1);function MD(t,e){return t?t.length<=e.length&&t.every((n,r)=>String(n)===String(e[r])):!0}function qD(t,e,n){return!n.has(e.ruleId)||e.loc.file!==t.file||e.loc.address!==t.address&&!t.alsoAddresses?.includes(e.loc.address)?!1:MD(t.path,e.loc.path)}function WD(t,e){let n=t.split(":"),r=e.split(":");if(n.length<6||r.length<6)return!1;let i=n.slice(0,5),s=r.slice(0,5);for(let l=0;l<5;l++)if(s[l]==="*"){if(i[l]!=="*")return!1}else if(!gl.default.isMatch(s[l],i[l],{dot:!0}))return!1;let o=n.slice(5).join(":"),a=r.slice(5).join(":");return gl.default.isMatch(a,o,{dot:!0})}function GD(t,e){if(t.ruleId!==e.ruleId)return!1;if(t.resource.startsWith("arn:")){let r=e.arn??e.entityArn;return!!r&&WD(t.resource,r)}return[e.address,...e.instances??[]].some(r=>gl.default.isMatch(r,t.resource,{dot:!0}))}function eS(t,e,n,r){let i=[],s=new Set,o=(c,u)=>{s.has(c)||(s.add(c),i.push(u))},a=new Map;for(let c of e){let u=new Set;for(let d of c.rules){let f=Jt(d);f?u.add(f):o(c,{level:"warning",id:"invalid-suppression",message:`suppression names no rule: '${d}'`,...hl(c.loc)})}a.set(c,u)}return{results:t.map(c=>{let u=null;for(let d of e)if(qD(d,c,a.get(d))){if(!d.reason){o(d,{level:"warning",id:"suppression-without-reason",message:`suppression of ${d.rules.join(", ")} has no reason, so it does not suppress; add one after "--"`,...hl(d.loc)});continue}u={kind:"inSource",reason:d.reason};break}if(!u){for(let d of n)if(GD(d,c)){if(d.expires!==null&&d.expires<r){o(d,{level:"warning",id:"suppression-expired",message:`suppression of ${d.ruleId} for '${d.resource}' expired on ${d.expires} and no longer suppresses`,...hl(d.loc)});continue}if(!d.reason){o(d,{level:"warning",id:"suppression-without-reason",message:`suppression of ${d.ruleId} for '${d.resource}' has no reason, so it does not suppress`,...hl(d.loc)});continue}u={kind:"external",reason:d.reason};break}}return u?{...c,suppression:u}:c}),notifications:i}}function hl(t){return t.file&&t.range?{file:t.file,line:t.range.startLine,column:t.range.startColumn}:t.file?{file:t.file}:{}}function yl(t,e,n){return n.overrides.get(t)??n.config.levels.get(t)??e}function FD(t,e){return yl(t.rule.meta.id,t.level??t.rule.meta.level,e)}function nS(t,e,n){let r=[];for(let l of t){let c=FD(l,n);if(c==="off"||l.kind==="review"&&!n.strict||n.reportFiles&&!(l.loc.file&&n.reportFiles.has(l.loc.file)))continue;let u=l.entity?.instances&&l.entity.address===l.loc.address?l.entity.instances:null,d=r.find(f=>f.ruleId===l.rule.meta.id&&f.key===l.key&&f.kind===l.kind&&Qk(f.loc,l.loc));if(d){if(u){let f=[...new Set([...d.instances??[],...u])];r[r.indexOf(d)]={...d,instances:f}}continue}r.push({ruleId:l.rule.meta.id,ruleName:l.rule.meta.name,messageId:l.messageId,kind:l.kind,level:c,message:l.message,loc:l.loc,related:l.related,address:l.loc.address,instances:u?[...u]:null,arn:l.loc.arn??null,entityArn:l.entity?.arn??null,account:l.entity?.account??null,region:l.entity?.region??null,key:l.key,fingerprint:Zk(l.rule.meta.id,l.loc,l.key),fixable:!1,suppression:null})}let{results:i,notifications:s}=eS(r,e,n.config.suppressions,n.today),o=0,a=n.baseline?i.filter(l=>n.baseline.has(l.fingerprint)?(o++,!1):!0):i;return a.sort(jD),{results:a,notifications:s,baselined:o}}function jD(t,e){let n=[t.loc.file??"",t.account??"",t.region??"",t.loc.arn??""],r=[e.loc.file??"",e.account??"",e.region??"",e.loc.arn??""];for(let o=0;o<n.length;o++)if(n[o]!==r[o])return n[o]<r[o]?-1:1;let i=t.loc.range,s=e.loc.range;if(i&&s){if(i.startLine!==s.startLine)return i.startLine-s.startLine;if(i.startColumn!==s.startColumn)return i.startColumn-s.startColumn}return t.ruleId!==e.ruleId?t.ruleId<e.ruleId?-1:1:t.key<e.key?-1:t.key>e.key?1:0}function rS(t,e,n){let r={error:0,warning:0,note:0,review:0,suppressed:0,baselined:e,files:n};for(let i of t)i.suppression?r.suppressed++:i.kind==="review"?r.review++:r[i.level]++;return r}var tS={error:3,warning:2,note:1};function iS(t,e){return e==="none"?!1:t.some(n=>!n.suppression&&n.kind==="fail"&&tS[n.level]>=tS[e])}function VD(t,e,n){return t.replace(/\{\{\s*(\w+)\s*\}\}/g,(r,i)=>{let s=e?.[i];if(s===void 0)throw new Error(`${n}: message placeholder {{${i}}} has no data`);return Ul(s)})}function BD(t){return jl(t)?t:null}function sS(t,e,n){let r=[],i=[];for(let s of e){let o=(a,l,c,u)=>{let d=s.meta.messages[l.messageId];if(d===void 0)throw new Error(`${s.meta.id}: unknown messageId '${l.messageId}'`);let f=[...l.related??[],...(u?.via??[]).map(m=>({at:m,message:"module call"}))].map(m=>({loc:Vl(m.at),message:m.message}));return{rule:s,messageId:l.messageId,level:l.level??null,kind:a,message:VD(d,l.data,s.meta.id),loc:c,related:f,entity:u,key:l.key??""}};try{s.check({model:t,settings:n,report(a){if("kind"in a.at&&a.at.kind!=="known")throw new Error(`${s.meta.id}: reported an unknown value`);r.push(o("fail",a,Vl(a.at),a.entity??BD(a.at)))},review(a,l){r.push(o("review",l,a.loc,l.entity??null))}})}catch(a){i.push({level:"error",id:"rule-error",message:`${s.meta.id} ${s.meta.name} failed: ${a instanceof Error?a.message:String(a)}`})}}return{results:r,notifications:i}}function xs(){return{trails:[],eventDataStores:[],buckets:[],keys:[],logGroups:[],metricFilters:[],alarms:[],topics:[],directives:[]}}function oS(t){let e=xs();for(let n of t)for(let r of Object.keys(e))e[r].push(...n[r]);return e}function st(t){if(typeof t=="boolean")return t;if(typeof t=="string"){let e=t.toLowerCase();if(e==="true")return!0;if(e==="false")return!1}return O(t)?t:new x("invalid","expected a boolean")}function qt(t){return typeof t=="string"?t:typeof t=="number"||typeof t=="boolean"?String(t):O(t)?t:new x("invalid","expected a string")}function Qr(t){return typeof t=="number"?t:typeof t=="string"&&t.trim()!==""&&Number.isFinite(Number(t))?Number(t):O(t)?t:new x("invalid","expected a number")}function sr(t,e,n){let r=e(t);return r instanceof x?se(r.reason,n,r.detail):K(r,n,"explicit")}function Oe(t,e,n){return K(t,{...e,path:n},"default")}var Wt=new x("invalid","AWS::NoValue"),UD={"AWS::AccountId":ge("AWS::AccountId"),"AWS::Region":ge("AWS::Region"),"AWS::StackName":ge("AWS::StackName"),"AWS::StackId":ge("AWS::StackId"),"AWS::Partition":"aws","AWS::URLSuffix":"amazonaws.com","AWS::NotificationARNs":new x("unsupported-expression","AWS::NotificationARNs")},or=ge("AWS::AccountId"),Zr=ge("AWS::Region"),bl=class{constructor(e){this.t=e}t;conditionCache=new Map;visiting=new Set;value(e,n=0){if(n>200)return new x("unsupported-expression","nesting too deep");if(e.kind==="scalar")return e.value;if(e.kind==="seq"){let s=[];for(let o of e.items){let a=this.value(o,n+1);a!==Wt&&s.push(a)}return s}let r=e.entries.length===1?e.entries[0]:null;if(r&&(r.key==="Ref"||r.key.startsWith("Fn::")))return this.call(r.key,r.value,e,n);let i={};for(let s of e.entries){let o=this.value(s.value,n+1);o!==Wt&&(i[s.key]=o)}return i}call(e,n,r,i){switch(e){case"Ref":return n.kind==="scalar"?this.ref(Vr(n),r.span[0]):Ls("Ref");case"Fn::GetAtt":return this.getAtt(n,i);case"Fn::Sub":return this.sub(n,i);case"Fn::Join":return this.join(n,i);case"Fn::Select":return this.select(n,i);case"Fn::Split":return this.split(n,i);case"Fn::If":return this.fnIf(n,i);case"Fn::FindInMap":return this.findInMap(n,i);case"Fn::Base64":{let s=this.value(n,i+1);return typeof s=="string"&&!O(s)?Buffer.from(s,"utf8").toString("base64"):ot(s,"Fn::Base64")}case"Fn::ToJsonString":{let s=this.value(n,i+1);return Ds(s)?new x("unsupported-expression","Fn::ToJsonString"):JSON.stringify(s)}case"Fn::Length":{let s=this.value(n,i+1);return Array.isArray(s)?s.length:ot(s,"Fn::Length")}case"Fn::Equals":case"Fn::Not":case"Fn::And":case"Fn::Or":return this.condition(r,i);case"Fn::ImportValue":return new x("import-value","Fn::ImportValue");default:return new x("unsupported-expression",e)}}ref(e,n){if(e==="AWS::NoValue")return Wt;let r=UD[e];if(r!==void 0)return r;let i=this.t.parameters&&le(this.t.parameters,e);if(i)return this.parameter(e,i.value);let s=this.t.resources.get(e);return s?this.resourceRef(s):(this.t.notice("warning","unresolved-reference",`Ref to '${e}', which is not a parameter or resource of this template`,n),new x("not-found",e))}parameter(e,n){let r=Me(n)&&le(n,"Default");if(!r)return new x("unset-variable",e);let i=this.value(r.value),s=le(n,"Type")?.value,o=s?.kind==="scalar"?String(s.value):"String";return(o.startsWith("List<")||o==="CommaDelimitedList")&&typeof i=="string"?i.split(",").map(a=>a.trim()):i}resourceRef(e){switch(e.type){case"AWS::S3::Bucket":return this.nameOf(e,"BucketName");case"AWS::CloudTrail::Trail":return this.nameOf(e,"TrailName");case"AWS::Logs::LogGroup":return this.nameOf(e,"LogGroupName");case"AWS::KMS::Alias":return this.nameOf(e,"AliasName");case"AWS::SNS::Topic":return`arn:aws:sns:${Zr}:${or}:${_l(this.nameOf(e,"TopicName"))}`;case"AWS::CloudTrail::EventDataStore":return this.getAttOf(e,"EventDataStoreArn");default:return ge(e.logicalId)}}nameOf(e,n){let r=e.properties&&le(e.properties,n);if(!r)return ge(e.logicalId);if(this.visiting.has(e.logicalId))return this.t.notice("warning","cyclic-reference",`cyclic reference through resource '${e.logicalId}'`,r.keySpan[0]),new x("cycle",e.logicalId);this.visiting.add(e.logicalId);try{let i=this.value(r.value);return i===Wt?ge(e.logicalId):i}finally{this.visiting.delete(e.logicalId)}}getAttOf(e,n){let r=s=>_l(this.nameOf(e,s)),i=(...s)=>s.find(O)??s.join("");switch(`${e.type}.${n}`){case"AWS::S3::Bucket.Arn":return i("arn:aws:s3:::",r("BucketName"));case"AWS::CloudTrail::Trail.Arn":return i(`arn:aws:cloudtrail:${Zr}:${or}:trail/`,r("TrailName"));case"AWS::Logs::LogGroup.Arn":return i(`arn:aws:logs:${Zr}:${or}:log-group:`,r("LogGroupName"),":*");case"AWS::KMS::Key.Arn":return`arn:aws:kms:${Zr}:${or}:key/${ge(e.logicalId)}`;case"AWS::KMS::Key.KeyId":return ge(e.logicalId);case"AWS::SNS::Topic.TopicArn":return i(`arn:aws:sns:${Zr}:${or}:`,r("TopicName"));case"AWS::SNS::Topic.TopicName":return r("TopicName");case"AWS::IAM::Role.Arn":return i(`arn:aws:iam::${or}:role/`,r("RoleName"));case"AWS::CloudTrail::EventDataStore.EventDataStoreArn":return`arn:aws:cloudtrail:${Zr}:${or}:eventdatastore/${ge(e.logicalId)}`;default:return ge(`${e.logicalId}.${n}`)}}getAtt(e,n){let r;if(e.kind==="scalar"&&typeof e.value=="string"){let a=e.value.indexOf(".");r=a<0?[e.value]:[e.value.slice(0,a),e.value.slice(a+1)]}else{let a=this.value(e,n+1);if(!Array.isArray(a))return Ls("Fn::GetAtt");r=[...a]}let[i,s]=r;if(typeof i!="string"||typeof s!="string")return ot(s??null,"Fn::GetAtt");let o=this.t.resources.get(i);return o?this.getAttOf(o,s):(this.t.notice("warning","unresolved-reference",`Fn::GetAtt names '${i}', which is not a resource of this template`,e.span[0]),new x("not-found",i))}sub(e,n){let r,i={};if(e.kind==="seq"){r=e.items[0]?this.value(e.items[0],n+1):null;let l=e.items[1]?this.value(e.items[1],n+1):{};ie(l)&&(i={...l})}else r=this.value(e,n+1);if(typeof r!="string")return ot(r,"Fn::Sub");let s="",o=0,a=/\$\{([^}]*)\}/g;for(let l=a.exec(r);l;l=a.exec(r)){s+=r.slice(o,l.index),o=l.index+l[0].length;let c=l[1].trim();if(c.startsWith("!")){s+="${"+c.slice(1)+"}";continue}let u;if(c in i)u=i[c];else if(c.includes(".")&&!c.startsWith("AWS::")){let f=c.indexOf("."),m=this.t.resources.get(c.slice(0,f));u=m?this.getAttOf(m,c.slice(f+1)):this.ref(c,e.span[0])}else u=this.ref(c,e.span[0]);let d=_l(u);if(O(d))return d;s+=d}return s+r.slice(o)}join(e,n){let r=this.value(e,n+1);if(!Array.isArray(r)||r.length!==2)return ot(r,"Fn::Join");let[i,s]=r;if(typeof i!="string")return ot(i??null,"Fn::Join");if(!Array.isArray(s))return ot(s??null,"Fn::Join");let o=[];for(let a of s){let l=_l(a);if(O(l))return l;o.push(l)}return o.join(i)}select(e,n){let r=this.value(e,n+1);if(!Array.isArray(r)||r.length!==2)return ot(r,"Fn::Select");let[i,s]=r,o=typeof i=="string"?Number(i):i;return typeof o!="number"||!Array.isArray(s)?ot(Array.isArray(s)?i??null:s??null,"Fn::Select"):s[o]??Ls("Fn::Select")}split(e,n){let r=this.value(e,n+1);if(!Array.isArray(r)||r.length!==2)return ot(r,"Fn::Split");let[i,s]=r;return typeof i!="string"||typeof s!="string"?ot(typeof i=="string"?s??null:i??null,"Fn::Split"):s.split(i)}fnIf(e,n){if(e.kind!=="seq"||e.items.length!==3)return Ls("Fn::If");let r=e.items[0],i=r.kind==="scalar"?this.namedCondition(Vr(r),r.span[0]):new x("invalid","Fn::If");if(i===!0)return this.value(e.items[1],n+1);if(i===!1)return this.value(e.items[2],n+1);let s=this.value(e.items[1],n+1),o=this.value(e.items[2],n+1);return wl(s,o)?s:new x("condition",r.kind==="scalar"?String(r.value):"Fn::If")}findInMap(e,n){let r=this.value(e,n+1);if(!Array.isArray(r)||r.length<3)return ot(r,"Fn::FindInMap");let[i,s,o,a]=r;if(typeof i!="string"||typeof s!="string"||typeof o!="string")return ot([i,s,o].find(O)??null,"Fn::FindInMap");let l=this.t.mappings&&Me(le(this.t.mappings,i)?.value),c=l&&Me(le(l,s)?.value),u=c&&le(c,o);return u?this.value(u.value,n+1):ie(a)&&"DefaultValue"in a?a.DefaultValue:new x("not-found",`Fn::FindInMap ${i}.${s}.${o}`)}namedCondition(e,n){let r=this.conditionCache.get(e);if(r!==void 0)return r;let i=this.t.conditions&&le(this.t.conditions,e);if(!i)return this.t.notice("warning","unresolved-reference",`condition '${e}' is not defined in Conditions`,n),new x("not-found",e);if(this.visiting.has(`condition:${e}`))return this.t.notice("warning","cyclic-reference",`condition '${e}' refers to itself`,i.keySpan[0]),new x("cycle",e);this.visiting.add(`condition:${e}`);let s=this.condition(i.value,0);this.visiting.delete(`condition:${e}`);let o=typeof s=="boolean"||s instanceof x?s:new x("invalid",e);return this.conditionCache.set(e,o),o}condition(e,n){if(n>100)return new x("unsupported-expression","condition nesting");let r=e.kind==="map"&&e.entries.length===1?e.entries[0]:null;if(!r){let s=this.value(e,n+1);return typeof s=="boolean"?s:s==="true"?!0:s==="false"?!1:new x("invalid","condition")}if(r.key==="Condition"){let s=r.value;return s.kind==="scalar"?this.namedCondition(Vr(s),s.span[0]):new x("invalid","Condition")}let i=r.value.kind==="seq"?r.value.items:[];switch(r.key){case"Fn::Equals":{if(i.length!==2)return new x("invalid","Fn::Equals");let s=this.value(i[0],n+1),o=this.value(i[1],n+1);return Ds(s)||Ds(o)?new x("condition","Fn::Equals"):String(s)===String(o)||wl(s,o)}case"Fn::Not":{let s=i[0]?this.condition(i[0],n+1):new x("invalid","Fn::Not");return typeof s=="boolean"?!s:s}case"Fn::And":case"Fn::Or":{let s=r.key==="Fn::Or",o=null;for(let a of i){let l=this.condition(a,n+1);if(l===s)return s;l instanceof x&&(o=l)}return o??!s}default:{let s=this.value(e,n+1);return typeof s=="boolean"?s:new x("condition",r.key)}}}};function _l(t){return typeof t=="string"?t:typeof t=="number"||typeof t=="boolean"?String(t):O(t)?t:new x("invalid","expected a string")}function Ls(t){return new x("invalid",t)}function ot(t,e){return O(t)?t:Ls(e)}function Ds(t){return O(t)?!0:Array.isArray(t)?t.some(Ds):ie(t)?Object.values(t).some(Ds):!1}function wl(t,e){if(O(t)||O(e))return!1;if(Array.isArray(t)&&Array.isArray(e))return t.length===e.length&&t.every((n,r)=>wl(n,e[r]));if(ie(t)&&ie(e)){let n=Object.keys(t);return n.length===Object.keys(e).length&&n.every(r=>r in e&&wl(t[r],e[r]))}return t===e}function KD(t){return t.kind==="map"&&t.entries.length===1&&(t.entries[0].key==="Ref"||t.entries[0].key.startsWith("Fn::"))}var vl=class{constructor(e,n,r){this.t=e;this.ev=n;this.res=r;this.header=e.loc(r.keySpan[0],r.keySpan[1],r.logicalId,[])}t;ev;res;header;get(e){let n=this.res.properties;if(!n)return null;let r=this.header;for(let s=0;s<e.length;s++){let o=e[s];if(KD(n))return this.navigate(this.ev.value(n),e.slice(s),r);if(n.kind==="map"&&typeof o=="string"){let a=n.entries.find(l=>l.key===o);if(!a)return null;r=this.t.loc(a.keySpan[0],a.value.span[1],this.res.logicalId,e.slice(0,s+1)),n=a.value}else if(n.kind==="seq"&&typeof o=="number"){let a=n.items[o];if(!a)return null;r=this.t.loc(a.span[0],a.span[1],this.res.logicalId,e.slice(0,s+1)),n=a}else return null}let i=this.ev.value(n);return i===Wt?null:{value:i,loc:r}}navigate(e,n,r){let i=e;for(let s of n){if(i===Wt)return null;if(O(i))return{value:i,loc:r};if(typeof s=="number"&&Array.isArray(i))i=i[s]??Wt;else if(typeof s=="string"&&ie(i))i=s in i?i[s]:Wt;else return null}return i===Wt?null:{value:i,loc:r}}read(e,n,r){let i=this.get(e);return i?sr(i.value,n,i.loc):r===void 0?se("not-found",{...this.header,path:e},"absent"):Oe(r,this.header,e)}locOf(e){for(let n=e.length;n>0;n--){let r=this.get(e.slice(0,n));if(r)return r.loc}return this.header}};function An(t){return Array.isArray(t)||O(t)?t:new x("invalid","expected a list")}var ei=t=>t===null?null:qt(t);function lS(t){let e=new bl(t),n=xs(),r=[];for(let l of t.resources.values()){if(!zD(t,e,l))continue;let c=new vl(t,e,l);r.push(c),n.directives.push(...HD(t,l))}let i=l=>r.filter(c=>c.res.type===l),s=i("AWS::KMS::Alias"),o=i("AWS::S3::BucketPolicy"),a=i("AWS::SNS::Subscription");return n.keys=i("AWS::KMS::Key").map(l=>c2(l,s)),n.logGroups=i("AWS::Logs::LogGroup").map(u2),n.buckets=i("AWS::S3::Bucket").map(l=>n2(l,o)),n.metricFilters=i("AWS::Logs::MetricFilter").map(d2),n.alarms=i("AWS::CloudWatch::Alarm").map(f2),n.topics=i("AWS::SNS::Topic").map(l=>p2(l,a)),n.trails=i("AWS::CloudTrail::Trail").map(l=>JD(l,n)),n.eventDataStores=i("AWS::CloudTrail::EventDataStore").map(l=>e2(l,n)),n}function zD(t,e,n){let r=le(n.node,"Condition")?.value;return!r||r.kind!=="scalar"?!0:e.namedCondition(Vr(r),r.span[0])!==!1}function HD(t,e){let n=Me(le(e.node,"Metadata")?.value),r=n&&Me(le(n,"trailguard")?.value),i=r&&le(r,"ignore")?.value;if(!i||i.kind!=="seq")return[];let s=[];for(let o of i.items){let a=Me(o),l=a&&aS(le(a,"id")?.value);if(!a||!l){t.notice("warning","invalid-suppression","trailguard ignore entries need an `id`",o.span[0]);continue}let c=aS(le(a,"reason")?.value);s.push({rules:l.split(",").map(u=>u.trim()),reason:c&&c.trim()?c.trim():null,loc:t.loc(o.span[0],o.span[1],e.logicalId,[]),file:t.file,address:e.logicalId})}return s}function aS(t){return t&&t.kind==="scalar"&&t.value!==null?String(t.value):null}function YD(t,e){return t.kind==="known"&&!Et(t.value)?t.value:e}function Ms(t,e){let n=t.get([e]);return n?sr(n.value,qt,n.loc):K(ge(t.res.logicalId),{...t.header,path:[e]},"default")}function kl(t){return t.kind==="known"&&!Et(t.value)?t.value:"*"}function qs(t,e,n){return{address:t.res.logicalId,source:"cloudformation",loc:t.header,label:YD(e,t.res.logicalId),arn:n}}function JD(t,e){let n=Ms(t,"TrailName"),r=t.read(["S3BucketName"],qt,void 0),i=t.read(["KMSKeyId"],ei,null),s=t.read(["CloudWatchLogsLogGroupArn"],ei,null),o=t.ev.getAttOf(t.res,"Arn");return{type:"trail",...qs(t,n,`arn:aws:cloudtrail:*:*:trail/${kl(n)}`),name:n,trailArn:sr(o,qt,n.loc),isMultiRegion:t.read(["IsMultiRegionTrail"],st,!1),logFileValidation:t.read(["EnableLogFileValidation"],st,!1),isLogging:t.read(["IsLogging"],st,void 0),includeGlobalServiceEvents:t.read(["IncludeGlobalServiceEvents"],st,!0),isOrganizationTrail:t.read(["IsOrganizationTrail"],st,!1),kmsKeyId:i,kmsKey:Nc(i,e.keys),cloudWatchLogsGroupArn:s,cloudWatchLogsRoleArn:t.read(["CloudWatchLogsRoleArn"],ei,null),logGroup:qh(s,e.logGroups),bucketName:r,bucket:Mh(r,e.buckets),s3KeyPrefix:t.read(["S3KeyPrefix"],ei,null),selectors:XD(t),insights:ZD(t)}}function XD(t){let e=t.get(["AdvancedEventSelectors"]);if(e)return cS(t,e.value,e.loc,["AdvancedEventSelectors"]);let n=t.get(["EventSelectors"]);if(!n)return Oe({kind:"none"},t.header,["EventSelectors"]);let r=An(n.value);if(O(r))return se(r.reason,n.loc,r.detail);if(r.length===0)return K({kind:"none"},n.loc);let i=r.map((s,o)=>{let a=ie(s)?s:{},l=a.DataResources,c=Array.isArray(l)?l.map(u=>ie(u)?{type:u.Type??null,values:u.Values??null}:{type:u,values:u}):l??[];return{readWriteType:a.ReadWriteType??"All",includeManagementEvents:a.IncludeManagementEvents??!0,excludeManagementEventSources:a.ExcludeManagementEventSources??[],dataResources:c,loc:O(s)?n.loc:t.locOf(["EventSelectors",o])}});return K({kind:"basic",selectors:i},n.loc)}function cS(t,e,n,r){let i=An(e);if(O(i))return se(i.reason,n,i.detail);let s=i.map((o,a)=>{let l=ie(o)?o:{},c=l.FieldSelectors,u=Array.isArray(c)?c.map(d=>QD(ie(d)?d:{})):c??(O(o)?o:[]);return{name:l.Name??null,fieldSelectors:u,loc:O(o)?n:t.locOf([...r,a])}});return K({kind:"advanced",selectors:s},n)}function QD(t){return{field:t.Field??null,equals:t.Equals??null,notEquals:t.NotEquals??null,startsWith:t.StartsWith??null,notStartsWith:t.NotStartsWith??null,endsWith:t.EndsWith??null,notEndsWith:t.NotEndsWith??null}}function ZD(t){let e=t.get(["InsightSelectors"]);if(!e)return Oe([],t.header,["InsightSelectors"]);let n=An(e.value);if(O(n))return se(n.reason,e.loc,n.detail);let r=[];for(let i of n){let s=ie(i)?i.InsightType:i;if(O(s))return se(s.reason,e.loc,s.detail);(s==="ApiCallRateInsight"||s==="ApiErrorRateInsight")&&r.push(s)}return K(r,e.loc)}function e2(t,e){let n=Ms(t,"Name"),r=t.read(["KmsKeyId"],ei,null),i=t.get(["AdvancedEventSelectors"]);return{type:"event-data-store",...qs(t,n,"arn:aws:cloudtrail:*:*:eventdatastore/*"),name:n,isMultiRegion:t.read(["MultiRegionEnabled"],st,!0),isOrganization:t.read(["OrganizationEnabled"],st,!1),ingesting:t.read(["IngestionEnabled"],st,!0),selectors:i?cS(t,i.value,i.loc,["AdvancedEventSelectors"]):Oe({kind:"none"},t.header,["AdvancedEventSelectors"]),kmsKeyId:r,kmsKey:Nc(r,e.keys)}}function t2(t){let e=t.get(["Tags"]);if(!e)return Oe({},t.header,["Tags"]);let n=An(e.value);if(O(n))return se(n.reason,e.loc,n.detail);let r={};for(let i of n){if(!ie(i))continue;let s=i.Key;if(typeof s=="string")r[s]=i.Value??null;else if(O(s))return se(s.reason,e.loc,s.detail)}return K(r,e.loc)}function n2(t,e){let n=Ms(t,"BucketName"),r=t.get(["VersioningConfiguration","Status"]);return{type:"bucket",...qs(t,n,`arn:aws:s3:::${kl(n)}`),name:n,tags:t2(t),versioningEnabled:r?sr(r.value,i=>O(i)?i:i==="Enabled",r.loc):Oe(!1,t.header,["VersioningConfiguration"]),mfaDelete:Oe(!1,t.header,["VersioningConfiguration","MfaDelete"]),objectLock:r2(t),publicAccessBlock:s2(t),policy:l2(t,n,e),acl:t.read(["AccessControl"],ei,null),aclGranteeUris:Oe([],t.header,["AccessControl"]),lifecycle:o2(t),accessLogging:a2(t)}}function r2(t){let e=t.get(["ObjectLockConfiguration"]),n=t.get(["ObjectLockEnabled"]);if(!e&&!n)return Oe(null,t.header,["ObjectLockConfiguration"]);let r=e?t.get(["ObjectLockConfiguration","ObjectLockEnabled"]):null,i=r?r.value:n?st(n.value):!1,s=e?.loc??n.loc;if(O(i))return se(i.reason,s,i.detail);let o=i===!0||i==="Enabled",a=t.get(["ObjectLockConfiguration","Rule","DefaultRetention"]);if(!o)return K({enabled:!1,mode:null,defaultRetentionDays:null},s);if(!a)return K({enabled:!0,mode:null,defaultRetentionDays:null},s);let l=ie(a.value)?a.value:null;if(!l)return se(O(a.value)?a.value.reason:"invalid",a.loc);let c=l.Days!==void 0?Qr(l.Days):l.Years!==void 0?i2(Qr(l.Years)):null,u=l.Mode??null;return O(c)?se(c.reason,a.loc,c.detail):O(u)?se(u.reason,a.loc,u.detail):K({enabled:!0,mode:typeof u=="string"?u:null,defaultRetentionDays:c},a.loc)}function i2(t){return typeof t=="number"?t*365:t}function s2(t){let e=t.get(["PublicAccessBlockConfiguration"]);if(!e)return Oe(null,t.header,["PublicAccessBlockConfiguration"]);if(O(e.value))return se(e.value.reason,e.loc,e.value.detail);let n=r=>{let i=t.get(["PublicAccessBlockConfiguration",r]);return i?sr(i.value,st,i.loc):K(!1,{...e.loc,path:["PublicAccessBlockConfiguration",r]},"default")};return K({blockPublicAcls:n("BlockPublicAcls"),ignorePublicAcls:n("IgnorePublicAcls"),blockPublicPolicy:n("BlockPublicPolicy"),restrictPublicBuckets:n("RestrictPublicBuckets")},e.loc)}function o2(t){let e=t.get(["LifecycleConfiguration","Rules"]);if(!e)return Oe([],t.header,["LifecycleConfiguration"]);let n=An(e.value);if(O(n))return se(n.reason,e.loc,n.detail);let r=n.map((i,s)=>{let o=ie(i)?i:{},a=o.Status,c=o.TagFilters!==void 0?null:o.Prefix??"",u=o.ExpirationInDays;return{id:o.Id??null,enabled:O(a)?a:a==="Enabled",prefix:c,expirationDays:u===void 0?null:Qr(u),loc:t.locOf(["LifecycleConfiguration","Rules",s,"ExpirationInDays"])}});return K(r,e.loc)}function a2(t){let e=t.get(["LoggingConfiguration"]);return e?K(!0,e.loc):Oe(!1,t.header,["LoggingConfiguration"])}function uS(t,e,n){let r=n.value,i=ie(r)?r.Statement:void 0,s=Array.isArray(i)?i.length:i===void 0?0:1,o=[];for(let a=0;a<s;a++)o.push(Array.isArray(i)?t.locOf([...e,"Statement",a]):t.locOf([...e,"Statement"]));return{document:r,statementLocs:o}}function l2(t,e,n){for(let r of n){let i=r.get(["Bucket"]);if(!i||O(i.value)||e.kind!=="known"||i.value!==e.value)continue;let s=r.get(["PolicyDocument"]);return s?K(uS(r,["PolicyDocument"],s),s.loc):se("not-found",r.header,"PolicyDocument")}return Oe(null,t.header,["Policy"])}function c2(t,e){let n=K(ge(t.res.logicalId),t.header,"default"),r=[];for(let s of e){let o=s.get(["TargetKeyId"]),a=s.get(["AliasName"]);if(!o||!a||typeof a.value!="string")continue;let l=typeof o.value=="string"?o.value:null;l&&(l===n.value||l.endsWith(`key/${n.value}`))&&r.push(a.value)}let i=t.get(["KeyPolicy"]);return{type:"key",address:t.res.logicalId,source:"cloudformation",loc:t.header,label:r[0]??t.res.logicalId,arn:"arn:aws:kms:*:*:key/*",keyId:n,aliases:r,rotationEnabled:t.read(["EnableKeyRotation"],st,!1),policy:i?K(uS(t,["KeyPolicy"],i),i.loc):Oe(null,t.header,["KeyPolicy"]),keySpec:t.read(["KeySpec"],qt,"SYMMETRIC_DEFAULT"),customerManaged:K(!0,t.header,"default")}}function u2(t){let e=Ms(t,"LogGroupName"),n=e.kind==="known"?K(`arn:aws:logs:${ge("AWS::Region")}:${ge("AWS::AccountId")}:log-group:${e.value}:*`,e.loc,e.origin):e;return{type:"log-group",...qs(t,e,`arn:aws:logs:*:*:log-group:${kl(e)}`),name:e,logGroupArn:n,retentionDays:t.read(["RetentionInDays"],r=>r===null?null:Qr(r),null)}}function d2(t){let e=t.get(["MetricTransformations"]),n;if(!e)n=se("not-found",t.header,"MetricTransformations");else{let r=An(e.value);n=O(r)?se(r.reason,e.loc,r.detail):K(r.map(i=>ie(i)?{name:i.MetricName??null,namespace:i.MetricNamespace??null,value:i.MetricValue??null}:{name:i,namespace:i,value:i}),e.loc)}return{type:"metric-filter",address:t.res.logicalId,source:"cloudformation",loc:t.header,label:t.res.logicalId,logGroupName:t.read(["LogGroupName"],qt,void 0),pattern:t.read(["FilterPattern"],qt,void 0),metrics:n}}function f2(t){let e=t.get(["AlarmActions"]),n;if(!e)n=Oe([],t.header,["AlarmActions"]);else{let i=An(e.value);n=O(i)?se(i.reason,e.loc,i.detail):K(i,e.loc)}let r=i=>i===null?null:qt(i);return{type:"alarm",address:t.res.logicalId,source:"cloudformation",loc:t.header,label:t.res.logicalId,metricName:t.read(["MetricName"],r,null),namespace:t.read(["Namespace"],r,null),statistic:t.read(["Statistic"],r,null),threshold:t.read(["Threshold"],i=>i===null?null:Qr(i),null),comparison:t.read(["ComparisonOperator"],qt,void 0),actionsEnabled:t.read(["ActionsEnabled"],st,!0),alarmActions:n}}function p2(t,e){let n=Ms(t,"TopicName"),r=n.kind==="known"?K(`arn:aws:sns:${ge("AWS::Region")}:${ge("AWS::AccountId")}:${n.value}`,n.loc,n.origin):n,i=t.get(["Subscription"]),s=i&&Array.isArray(i.value)?i.value.length:0;for(let o of e){let a=o.get(["TopicArn"]);a&&r.kind==="known"&&a.value===r.value&&s++}return{type:"topic",...qs(t,n,`arn:aws:sns:*:*:${kl(n)}`),name:n,topicArn:r,subscriptions:K(s,t.header,"default")}}var Ce=class extends Error{constructor(n,r){super(n);this.offset=r}offset};function dS(t){let e=new qp(t);try{if(e.skipWs(),e.pos>=t.length)return{ok:!0,root:null,warnings:[]};let n=e.value(0);if(e.skipWs(),e.pos<t.length)throw new Ce("unexpected content after the JSON value",e.pos);return{ok:!0,root:n,warnings:[]}}catch(n){if(n instanceof Ce)return{ok:!1,error:{message:n.message,offset:n.offset}};throw n}}var qp=class{constructor(e){this.s=e;this.pos=e.charCodeAt(0)===65279?1:0}s;pos;skipWs(){let e=this.s;for(;this.pos<e.length;){let n=e.charCodeAt(this.pos);if(n===32||n===9||n===10||n===13)this.pos++;else break}}value(e){if(e>Br)throw new Ce(`nesting deeper than ${Br} levels`,this.pos);let n=this.s,r=this.pos,i=n[this.pos];if(i==="{")return this.object(e);if(i==="[")return this.array(e);if(i==='"')return{kind:"scalar",value:this.string(),span:[r,this.pos]};if(i==="-"||i!==void 0&&i>="0"&&i<="9"){let s=/^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(n.slice(this.pos,this.pos+400));if(!s)throw new Ce("invalid number",this.pos);return this.pos+=s[0].length,{kind:"scalar",value:Number(s[0]),span:[r,this.pos]}}for(let[s,o]of[["true",!0],["false",!1],["null",null]])if(n.startsWith(s,this.pos))return this.pos+=s.length,{kind:"scalar",value:o,span:[r,this.pos]};throw i===void 0?new Ce("unexpected end of input",this.pos):new Ce(`unexpected character '${i}'`,this.pos)}object(e){let n=this.s,r=this.pos++,i=[],s=new Set;if(this.skipWs(),n[this.pos]==="}")return this.pos++,{kind:"map",entries:i,span:[r,this.pos]};for(;;){if(this.skipWs(),n[this.pos]!=='"')throw new Ce("expected a string key",this.pos);let o=this.pos,a=this.string(),l=[o,this.pos];if(s.has(a))throw new Ce(`duplicate key "${a}"`,o);if(s.add(a),this.skipWs(),n[this.pos]!==":")throw new Ce("expected ':'",this.pos);this.pos++,this.skipWs(),i.push({key:a,keySpan:l,value:this.value(e+1)}),this.skipWs();let c=n[this.pos];if(c===","){this.pos++;continue}if(c==="}")return this.pos++,{kind:"map",entries:i,span:[r,this.pos]};throw new Ce("expected ',' or '}'",this.pos)}}array(e){let n=this.s,r=this.pos++,i=[];if(this.skipWs(),n[this.pos]==="]")return this.pos++,{kind:"seq",items:i,span:[r,this.pos]};for(;;){this.skipWs(),i.push(this.value(e+1)),this.skipWs();let s=n[this.pos];if(s===","){this.pos++;continue}if(s==="]")return this.pos++,{kind:"seq",items:i,span:[r,this.pos]};throw new Ce("expected ',' or ']'",this.pos)}}string(){let e=this.s,n=this.pos,r=this.pos+1,i=e.indexOf('"',r);if(i<0)throw new Ce("unterminated string",n);let s=e.indexOf("\\",r);if(s<0||s>i){let a=e.slice(r,i);if(/[\u0000-\u001f]/.test(a))throw new Ce("control character in string",n);return this.pos=i+1,a}let o="";for(;;){if(r>=e.length)throw new Ce("unterminated string",n);let a=e[r];if(a==='"')break;if(a==="\\"){let l=e[r+1],c={'"':'"',"\\":"\\","/":"/",b:"\b",f:"\f",n:`
`,r:"\r",t:"	"};if(l!==void 0&&c[l]!==void 0)o+=c[l],r+=2;else if(l==="u"&&/^[0-9a-fA-F]{4}$/.test(e.slice(r+2,r+6)))o+=String.fromCharCode(parseInt(e.slice(r+2,r+6),16)),r+=6;else throw new Ce("invalid escape in string",r)}else{if(a.charCodeAt(0)<32)throw new Ce("control character in string",r);o+=a,r++}}return this.pos=r+1,o}};function Wp(t,e,n,r,i,s){let o=e.position(n);return{level:r,id:i,message:s,file:t,line:o.line,column:o.column}}function m2(t,e){let n=t.kind==="cloudformation-json"?dS(t.text):nl(t.text);if(!n.ok){e.failed.push(t.rel),e.notifications.push(Wp(t.rel,new fn(t.text),n.error.offset,"error","parse-error",n.error.message));return}if(!ak(n.root))return;let r=new sl(t.rel,t.text,n.root);for(let i of n.warnings)e.notifications.push(Wp(t.rel,r.lines,i.offset,"warning","unknown-tag",`${i.message}: its value is treated as unknown`));e.parts.push(lS(r));for(let i of r.notices)e.notifications.push(Wp(t.rel,r.lines,i.offset,i.level,i.id,i.message));e.scanned.push(t.rel)}function fS(t,e){let n={parts:[],notifications:[],scanned:[],failed:[]},r=new Set;for(let o of t)(o.kind==="cloudformation-yaml"||o.kind==="cloudformation-json")&&(r.add("cloudformation"),m2(o,n));let i=n.parts.length?oS(n.parts):xs();return{model:{kinds:r,...i,account:h2(e)},part:i,notifications:n.notifications,scanned:n.scanned,failed:n.failed}}function h2(t){let e={file:t.file??void 0,address:"(scanned files)",path:[]};return{type:"account",address:"(scanned files)",source:"cloudformation",loc:t.file?{...e,file:t.file}:{address:"(scanned files)",path:[]},label:"(scanned files)",accountId:se("other-account",e),...t.requireTrailAt?{requireTrailAt:t.requireTrailAt}:{},...t.organizationAt?{organizationAt:t.organizationAt}:{},publicAccessBlock:K(null,e,"default")}}var Ws="0.1.0",Gp="https://github.com/trailguard/trailguard";function ti(t,e){return`${Gp}/blob/v${Ws}/rules/${t}-${e}/doc.md`}var Ne=class extends Error{},pS=64*1024*1024;async function hS(t={}){let e=ni.resolve(t.cwd??process.cwd()),n=t.paths?.length?t.paths:["."],r=n.map(w=>ni.resolve(e,w));for(let[w,S]of r.entries())try{await Fp(S)}catch{throw new Ne(`path does not exist: ${n[w]}`)}let i=y2(t,r[0],e),s=new Map;for(let[w,S]of t.ruleLevels??[]){let qe=Jt(w);if(!qe)throw new Ne(`--rule: unknown rule '${w}'`);s.set(qe,S)}let o=[],a=[];for(let w of r)((await Fp(w)).isDirectory()?a:o).push(w);let l=o.length?[...new Set([e,...a])]:a,c=Xk([...l,...o],e,i.ignorePaths,i.dir),u=new Set(o.map(w=>Ur(w,e))),d=w=>!o.length||u.has(w)||a.some(S=>!ni.relative(S,ni.resolve(e,w)).startsWith("..")),{files:f,notifications:m}=await _2(c),h=fS(f,i),p=qn,g=p.filter(w=>yl(w.meta.id,w.meta.level,{config:i,overrides:s})!=="off"),_=sS(h.model,g,i.settings),b=o.length?new Set(f.map(w=>w.rel).filter(d)):null,k=t.baseline?b2(t.baseline,e):null,C=(t.now??new Date).toISOString().slice(0,10),A=nS(_.results,h.part.directives,{config:i,overrides:s,strict:!!t.strict,reportFiles:b,baseline:k,today:C}),I=[...m,...h.notifications,..._.notifications,...A.notifications],P=f.length;P===0&&I.push({level:"note",id:"no-files",message:`No IaC files found under ${n.join(", ")}.`});let T=P>0&&h.failed.length===P,R=b?h.scanned.filter(w=>b.has(w)).length:h.scanned.length,v=A.results,ne=rS(v,A.baselined,R),D=new Map(p.map(w=>[w.meta.id,yl(w.meta.id,w.meta.level,{config:i,overrides:s})])),ee=T?2:iS(v,t.failOn??"error")?1:0;return{version:Ws,category:"iac",automationId:"trailguard/iac/",results:v,notifications:w2(I),summary:ne,rules:p,levels:D,config:i,exitCode:ee,paths:n}}function y2(t,e,n){if(t.config){let i=ni.resolve(n,t.config);try{mS(i)}catch{throw new Ne(`--config: cannot read ${t.config}`)}return yp(i,n)}let r=sk(e);return r?yp(r,n):tk(n)}async function _2(t){let e=new Array(t.length).fill(null),n=[],r=0,i=async()=>{for(;r<t.length;){let s=r++,o=t[s],a=Es(o.abs);if(!a)continue;let l;try{if((await Fp(o.abs)).size>pS){n.push({level:"warning",id:"file-too-large",message:`skipped: larger than ${pS>>20} MB`,file:o.rel});continue}l=await g2(o.abs)}catch(d){if(d.code==="ENOENT")continue;n.push({level:"warning",id:"unreadable-file",message:`cannot read: ${d.message}`,file:o.rel});continue}if(l.length===0||lk(l))continue;let c=l.toString("utf8"),u=a==="maybe-json"||a==="maybe-yaml"?ck(o.abs,c,a):a;u&&(e[s]={rel:o.rel,text:c,kind:u})}};return await Promise.all(Array.from({length:Math.min(16,t.length)},i)),{files:e.filter(s=>s!==null),notifications:n}}function b2(t,e){let n;try{n=JSON.parse(mS(ni.resolve(e,t),"utf8"))}catch(s){throw new Ne(`--baseline: cannot read ${t}: ${s.message}`)}let r=new Set,i=n;for(let s of i.runs??[])for(let o of s.results??[]){let a=o.partialFingerprints?.["trailguard/v1"];a&&r.add(a)}for(let s of i.results??[])s.fingerprint&&r.add(s.fingerprint);if(!i.runs&&!i.results)throw new Ne(`--baseline: ${t} is not a trailguard SARIF or JSON report`);return r}function w2(t){return t.sort((e,n)=>(e.file??"").localeCompare(n.file??"")||(e.line??0)-(n.line??0)||e.id.localeCompare(n.id))}function gS(t){let e=t.meta;return{id:e.id,name:e.name,level:e.level,securitySeverity:e.securitySeverity,summary:e.summary,tags:[...e.tags],controls:{cis:[...e.controls.cis??[]],securityHub:[...e.controls.securityHub??[]]},equivalents:{checkov:[...e.equivalents.checkov??[]],trivy:[...e.equivalents.trivy??[]],prowler:[...e.equivalents.prowler??[]]},appliesTo:[...e.appliesTo],fixable:e.fix==="safe",helpUri:ti(e.id,e.name)}}var v2={terraform:"TF",plan:"plan",cloudformation:"CFN",live:"live"};function yS(t){return["| ID | name | level | checks | sources | controls |","|---|---|---|---|---|---|",...t.map(n=>{let r=n.meta,i=[...(r.controls.cis??[]).map(s=>`CIS ${s}`),...r.controls.securityHub??[]].join(", ")||"-";return`| [${r.id}](rules/${r.id}-${r.name}/doc.md) | ${r.name} | ${r.level} | ${r.summary} | ${r.appliesTo.map(s=>v2[s]).join(", ")} | ${i} |`})].join(`
`)+`
`}function _S(t){let e=Math.max(...t.map(n=>n.meta.name.length));return t.map(n=>`${n.meta.id}  ${n.meta.name.padEnd(e)}  ${n.meta.level.padEnd(7)}  ${n.meta.summary}`).join(`
`)+`
`}import{mkdirSync as O2,writeFileSync as N2}from"node:fs";import Vp from"node:path";function bS(t){return{startLine:t.range?.startLine??null,startColumn:t.range?.startColumn??null,endLine:t.range?.endLine??null,endColumn:t.range?.endColumn??null}}function k2(t){return{ruleId:t.ruleId,name:t.ruleName,kind:t.kind,level:t.kind==="review"?"note":t.level,message:t.message,file:t.loc.file??null,...bS(t.loc),resource:t.address,instances:t.instances?[...t.instances]:null,arn:t.arn,account:t.account,region:t.region,related:t.related.map(e=>({file:e.loc.file??null,...bS(e.loc),resource:e.loc.address,arn:e.loc.arn??null,message:e.message})),fingerprint:t.fingerprint,fixable:t.fixable,suppressed:t.suppression!==null,suppression:t.suppression}}function wS(t){return JSON.stringify({version:t.version,results:t.results.map(k2),notifications:t.notifications.map(e=>({level:e.level,id:e.id,message:e.message,file:e.file??null,startLine:e.line??null,startColumn:e.column??null})),summary:t.summary},null,2)+`
`}var jp=25e3;function Sl(t){return t.split("/").map(e=>e===".."||e==="."?e:encodeURIComponent(e)).join("/")}function S2(t,e){if(t.file&&t.range){let n=t.range;return{artifactLocation:{uri:Sl(t.file),uriBaseId:"%SRCROOT%"},region:{startLine:n.startLine,startColumn:n.startColumn,endLine:n.endLine,endColumn:n.endColumn}}}if(t.file)return{artifactLocation:{uri:Sl(t.file),uriBaseId:"%SRCROOT%"},region:{startLine:1}};if(e)return{artifactLocation:{uri:Sl(e),uriBaseId:"%SRCROOT%"},region:{startLine:1}}}function vS(t,e){let n=S2(t,e),r={};return n&&(r.physicalLocation=n),t.arn&&(r.logicalLocations=[{fullyQualifiedName:t.arn,kind:"resource"}]),r}function A2(t){return(t.replace(/^#[^\n]*\n+/,"").split(/\n\s*\n/)[0]??"").replace(/\s+/g," ").trim()}function T2(t){return[...t.meta.tags,...(t.meta.controls.cis??[]).map(e=>`CIS-AWS/${e}`),...(t.meta.controls.securityHub??[]).map(e=>`SecurityHub/${e}`)]}function C2(t){let e=t.meta;return{id:e.id,name:e.name,shortDescription:{text:e.summary},fullDescription:{text:A2(t.doc)||e.summary},help:{text:t.doc,markdown:t.doc},helpUri:ti(e.id,e.name),defaultConfiguration:{level:e.level},properties:{tags:T2(t),precision:e.precision,"security-severity":e.securitySeverity.toFixed(1),equivalents:e.equivalents}}}function E2(t){let e={level:t.level,message:{text:t.message},descriptor:{id:t.id}};if(t.file){let n=t.line?{startLine:t.line,...t.column?{startColumn:t.column}:{}}:{startLine:1};e.locations=[{physicalLocation:{artifactLocation:{uri:Sl(t.file),uriBaseId:"%SRCROOT%"},region:n}}]}return e}function $2(t,e,n){let r={ruleId:t.ruleId,ruleIndex:e,kind:t.kind==="review"?"review":"fail",level:t.kind==="review"?"none":t.level,message:{text:t.message},locations:[vS(t.loc,n)],partialFingerprints:{"trailguard/v1":t.fingerprint}};return t.related.length&&(r.relatedLocations=t.related.map((i,s)=>({id:s+1,...vS(i.loc,null),message:{text:i.message}}))),t.suppression&&(r.suppressions=[{kind:t.suppression.kind,justification:t.suppression.reason,status:"accepted"}]),t.instances&&t.instances.length&&(r.properties={instances:[...t.instances]}),r}var kS={error:0,warning:1,note:2};function I2(t,e){let n=[...t.rules].sort((c,u)=>c.meta.id<u.meta.id?-1:1),r=new Map(n.map((c,u)=>[c.meta.id,u])),i=t.notifications.map(E2),s=t.results;s.length>jp&&(s=[...s].sort((c,u)=>(kS[c.level]??3)-(kS[u.level]??3)).slice(0,jp),i.push({level:"warning",message:{text:`only the ${jp} most severe of ${t.results.length} results are in this log (GitHub's limit)`},descriptor:{id:"results-truncated"}}));let o=[];for(let c of n){let u=t.levels.get(c.meta.id);u==="off"?o.push({descriptor:{id:c.meta.id,index:r.get(c.meta.id)},configuration:{enabled:!1}}):u&&u!==c.meta.level&&o.push({descriptor:{id:c.meta.id,index:r.get(c.meta.id)},configuration:{level:u}})}let a={executionSuccessful:t.exitCode!==2,toolExecutionNotifications:i};o.length&&(a.ruleConfigurationOverrides=o);let l=new URL(`file://${e.cwd.endsWith("/")?e.cwd:e.cwd+"/"}`).href;return{$schema:"https://json.schemastore.org/sarif-2.1.0.json",version:"2.1.0",runs:[{tool:{driver:{name:"trailguard",semanticVersion:t.version,version:t.version,informationUri:Gp,rules:n.map(C2)}},automationDetails:{id:t.automationId},originalUriBaseIds:{"%SRCROOT%":{uri:l}},columnKind:"utf16CodeUnits",invocations:[a],results:s.map(c=>$2(c,r.get(c.ruleId)??-1,e.anchor))}]}}function SS(t,e){return JSON.stringify(I2(t,e),null,2)+`
`}function AS(t){return t.kind==="review"?"review":t.level}function ri(t,e){return`${t} ${e}${t===1?"":"s"}`}var TS={error:"31",warning:"33",note:"36",review:"35"};function CS(t,e){let n=(o,a)=>e.color?`\x1B[${o}m${a}\x1B[0m`:a,r=[],i=t.results.filter(o=>!o.suppression),s=null;for(let o of i){let a=o.loc.file??[o.account,o.region].filter(Boolean).join(" ")??"";a!==s&&(s!==null&&r.push(""),r.push(n("4",a||"(account)")),s=a);let l=o.loc.range?`${o.loc.range.startLine}:${o.loc.range.startColumn}`:o.arn??"",c=AS(o),u=o.instances&&o.instances.length>1?` [${o.instances.join(", ")}]`:"";r.push(`  ${l}  ${n(TS[c]??"0",c)}  ${o.message}${u}  ${n("2",`${o.ruleId} ${o.ruleName}`)}`)}if(t.notifications.length){r.length&&r.push("");for(let o of t.notifications){let a=o.file?`${o.file}${o.line?`:${o.line}`:""}`:"-";r.push(`${n(TS[o.level]??"0",o.level)}  ${a}  ${o.id}: ${o.message}`)}}return r.length&&r.push(""),r.push(R2(t)),r.join(`
`)+`
`}function R2(t){let e=t.summary;if(t.notifications.some(o=>o.id==="no-files")&&e.files===0)return`No IaC files found under ${t.paths.join(", ")}.`;let r=e.error+e.warning+e.note,i=e.review?`, ${ri(e.review,"review")}`:"",s=`in ${ri(e.files,"file")}.`;return r===0&&e.review===0&&e.suppressed===0?`No problems found ${s}`:`${ri(e.error,"error")}, ${ri(e.warning,"warning")}, ${ri(e.note,"note")}${i} (${e.suppressed} suppressed) ${s}`}var ES=["text","json","sarif"];function $S(t,e){let n=[];for(let a of t){let l=a.indexOf("="),c=(l<0?a:a.slice(0,l)).trim(),u=l<0?null:a.slice(l+1);if(!ES.includes(c))throw new Ne(`--format: unknown format '${c}' (use ${ES.join(", ")})`);if(u==="")throw new Ne(`--format ${c}=: missing file name`);n.push({format:c,file:u})}let r=n.filter(a=>a.file===null);if(r.length>1)throw new Ne("--format: at most one format may go to stdout; give the others a file (F=FILE)");r.length===0&&n.push({format:"text",file:null});let i=n.map(a=>a.file===null?e??null:a.file).filter(a=>a!==null),s=i.map(a=>Vp.resolve(a)),o=i.find((a,l)=>s.indexOf(s[l])!==l);if(o)throw new Ne(`--format: ${o} is named twice`);return n.map(a=>a.file===null&&e?{...a,file:e}:a)}function Bp(t,e,n){switch(e){case"text":return CS(t,{color:n.color});case"json":return wS(t);case"sarif":return SS(t,{cwd:n.cwd,anchor:n.anchor??null})}}function IS(t,e,n){let r=Vp.resolve(n,t);O2(Vp.dirname(r),{recursive:!0}),N2(r,e)}var RS=["error","warning","note","off"];function OS(t,e){return[...e,t]}function D2(t){let e=t.indexOf("="),n=t.slice(e+1).trim();if(e<0||!RS.includes(n))throw new Ne(`--rule ${t}: expected ID=LEVEL with LEVEL one of ${RS.join(", ")}`);return[t.slice(0,e).trim(),n]}async function M2(t,e,n){let r=$S(e.format,e.output),i=await hS({paths:t,cwd:n.cwd,...e.config?{config:e.config}:{},strict:!!e.strict,ruleLevels:e.rule.map(D2),failOn:e.failOn,...e.baseline?{baseline:e.baseline}:{}}),s=n.stdoutIsTTY&&!process.env.NO_COLOR,o=r.some(a=>a.format==="text"&&a.file===null);if(i.exitCode!==2)for(let a of r){let l=Bp(i,a.format,{color:a.file===null&&s,cwd:n.cwd});a.file===null?n.stdout(l):IS(a.file,l,n.cwd)}else o&&n.stdout(Bp(i,"text",{color:s,cwd:n.cwd}));if(!e.quiet&&(!o||i.exitCode===2))for(let a of i.notifications){if(a.level==="note")continue;let l=a.file?`${a.file}${a.line?`:${a.line}`:""}: `:"";n.stderr(`trailguard: ${a.level}: ${l}${a.message}
`)}return i.exitCode}function q2(t,e){let n=new om;return n.name("trailguard").description("Lint AWS CloudTrail configuration in CloudFormation templates (and, as they land, Terraform and live accounts).").version(Ws,"--version","print the version").exitOverride().configureOutput({writeOut:r=>t.stdout(r),writeErr:r=>t.stderr(r)}).showHelpAfterError(),n.command("scan").description("scan IaC files under each PATH (default: the current folder)").argument("[paths...]","files or folders to scan").option("--format <F[=FILE]>","text, json or sarif; F=FILE writes F to FILE (repeatable)",OS,[]).option("--output <file>","write the report (the format without FILE) to this file").addOption(new Fl("--fail-on <level>","lowest level that makes the exit status 1").choices(["error","warning","note","none"]).default("error")).option("--config <file>",`configuration file (default: the nearest ${rr})`).option("--rule <ID=LEVEL>","set a rule's level: error, warning, note or off (repeatable)",OS,[]).option("--strict","report unknown values as review results").option("--baseline <file>","ignore results whose fingerprint is in this earlier SARIF or JSON report").option("--quiet","no progress and no warnings on stderr").addHelpText("after",`
Exit status: 0 no counted result at or above --fail-on; 1 there are; 2 usage error, invalid configuration, or nothing could be scanned.`).action(async(r,i)=>e(await M2(r,i,t))),n.command("rules").description("list the rule catalog").addOption(new Fl("--format <format>","output format").choices(["text","json","markdown"]).default("text")).action(r=>{r.format==="json"?t.stdout(JSON.stringify(qn.map(gS),null,2)+`
`):r.format==="markdown"?t.stdout(yS(qn)):t.stdout(_S(qn)),e(0)}),n.command("explain").description("print one rule's full help").argument("<rule>","a rule ID (TG003) or name (log-file-validation-disabled)").action(r=>{let i=Jt(r),s=qn.find(c=>c.meta.id===i);if(!s)throw new Ne(i?`${i} is in the catalog but not available in this version`:`unknown rule '${r}'`);let o=s.meta,a=[...(o.controls.cis??[]).map(c=>`CIS ${c}`),...(o.controls.securityHub??[]).map(c=>`Security Hub ${c}`)],l=[`${o.id} ${o.name} (${o.level}, security severity ${o.securitySeverity.toFixed(1)})`,`Applies to: ${o.appliesTo.join(", ")}${a.length?`   Controls: ${a.join(", ")}`:""}`,`Help: ${ti(o.id,o.name)}`,""];t.stdout(l.join(`
`)+`
`+s.doc.trimEnd()+`
`),e(0)}),n.command("init").description(`write ./${rr} with every key at its default`).option("--force","overwrite an existing file").action(r=>{let i=L2.join(t.cwd,rr);if(P2(i)&&!r.force)throw new Ne(`${rr} already exists (use --force to overwrite it)`);x2(i,ok),t.stderr(`trailguard: wrote ${rr}
`),e(0)}),n}async function NS(t,e){let n=0,r=q2(e,i=>n=i);try{return await r.parseAsync([...t],{from:"user"}),n}catch(i){return i instanceof sm?i.code==="commander.helpDisplayed"||i.code==="commander.version"||i.code==="commander.help"?0:2:i instanceof Ne||i instanceof Mt?(e.stderr(`trailguard: ${i.message}
`),2):(e.stderr(`trailguard: internal error: ${i instanceof Error?i.message:String(i)}
`),2)}}for(let t of[process.stdout,process.stderr])t._handle?.setBlocking?.(!0);var W2=await NS(process.argv.slice(2),{cwd:process.cwd(),stdoutIsTTY:!!process.stdout.isTTY,stdout:t=>process.stdout.write(t),stderr:t=>process.stderr.write(t)});process.exitCode=W2;
