#!/usr/bin/env node
'use strict';
// Runs the TypeScript CLI through tsx, so `npx duties` needs no build step.
const { require: tsxRequire } = require('tsx/cjs/api');

tsxRequire('../src/cli/duties.ts', __filename);
