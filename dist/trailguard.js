#!/usr/bin/env node
import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);
import{a as o,x as t}from"./chunk-N3J2QA5T.js";import"./chunk-3HJFTBD7.js";import"./chunk-ADJKCYGN.js";import"./chunk-ALHFPWQ2.js";import"./chunk-WJYJ44JD.js";o();for(let s of[process.stdout,process.stderr])s._handle?.setBlocking?.(!0);var e=await t(process.argv.slice(2),{cwd:process.cwd(),stdoutIsTTY:!!process.stdout.isTTY,stdout:s=>process.stdout.write(s),stderr:s=>process.stderr.write(s)});process.exitCode=e;
