#!/usr/bin/env node
// `npx related-articles …`: the related-articles CLI (`related-articles --help`) without a Rust
// toolchain, compiled to WebAssembly and run by Node's WASI (node/wasi.mjs). The same program as
// the native binary (`cargo install`), slower: one thread. docs/archive.md has the figures.
import { run } from './wasi.mjs';

try {
  process.exitCode = await run(process.argv.slice(2));
} catch (error) {
  console.error(`error: ${error.message}`);
  process.exitCode = 1;
}
