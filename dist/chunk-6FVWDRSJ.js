#!/usr/bin/env node
import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);
import{a,b}from"./chunk-NURSDGQK.js";import"./chunk-3HJFTBD7.js";import"./chunk-WJYJ44JD.js";export{a as QUICK_START_MAX_BYTES,b as loadHclParser};
