#!/usr/bin/env node
import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);
import{a}from"./chunk-AZVKU5BL.js";import"./chunk-UE7IPMKG.js";import"./chunk-WJYJ44JD.js";export{a as loadHclParser};
