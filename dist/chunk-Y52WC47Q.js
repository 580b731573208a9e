#!/usr/bin/env node
import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);
import{q as a,r as b}from"./chunk-BYLDMDO6.js";import"./chunk-ALHFPWQ2.js";import"./chunk-WJYJ44JD.js";export{a as readAccounts,b as withProfile};
