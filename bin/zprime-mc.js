#!/usr/bin/env node
// The command lives in the compiled library (dist/, built by `npm ci` through the `prepare` script);
// this committed, executable entry point exists before the build, so npm can link it at install time.
import '../dist/src/cli/bin.js';
