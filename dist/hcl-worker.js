#!/usr/bin/env node
import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);
import{b as o}from"./chunk-NURSDGQK.js";import"./chunk-3HJFTBD7.js";import"./chunk-WJYJ44JD.js";import{parentPort as l}from"node:worker_threads";var r=l;if(r){let a=await o();r.on("message",t=>{let e;try{e=a.flatten(t.text)}catch{e=null}let n={id:t.id,tree:e};r.postMessage(n,e?[e.buffer]:[])})}
