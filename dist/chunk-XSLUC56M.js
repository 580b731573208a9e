#!/usr/bin/env node
import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);
import{q as a,r as b}from"./chunk-VTL55PKB.js";import"./chunk-VQB2U4S3.js";import"./chunk-WJYJ44JD.js";export{a as readAccounts,b as withProfile};
