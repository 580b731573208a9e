#!/usr/bin/env node
import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);
import{a}from"./chunk-SLWQ3KG2.js";import"./chunk-3HJFTBD7.js";import"./chunk-WJYJ44JD.js";export{a as loadHclParser};
