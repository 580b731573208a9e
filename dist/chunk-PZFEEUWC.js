#!/usr/bin/env node
import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);
import{s as a,t as b}from"./chunk-4UJGS24T.js";import"./chunk-NACYN6JN.js";import"./chunk-WJYJ44JD.js";export{a as readAccounts,b as withProfile};
