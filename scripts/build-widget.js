#!/usr/bin/env node
'use strict';

/**
 * The widget as sites load it: widget/user-consent-widget.js (the readable source, shipped too)
 * minified into dist/widget/user-consent-widget.min.js, which the plugin serves when it exists.
 * Prints its size, raw and gzipped (the budget is 6 KB gzipped).
 */
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const esbuild = require('esbuild');

const ROOT = path.resolve(__dirname, '..');
const source = path.join(ROOT, 'widget', 'user-consent-widget.js');
const out = path.join(ROOT, 'dist', 'widget', 'user-consent-widget.min.js');

const { code } = esbuild.transformSync(fs.readFileSync(source, 'utf8'), { minify: true, target: 'es2018', legalComments: 'none' });
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, code);
const gz = zlib.gzipSync(code, { level: 9 }).length;
console.log(`[widget] ${path.relative(ROOT, out)}: ${code.length} bytes, ${gz} gzipped`);
