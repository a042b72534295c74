//! `related-articles`: the relevance engine on the command line, for publishers checking what
//! the widget will show and for precomputing and evaluating related lists.
//!
//! Run `related-articles --help` for the commands. Exit status: 0 on success, 1 when the input
//! leaves nothing to rank or names an unknown article, 2 on a usage error.

#[cfg(not(target_arch = "wasm32"))]
mod build;
#[cfg(not(target_arch = "wasm32"))]
mod cli;
#[cfg(not(target_arch = "wasm32"))]
mod load;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

// The wasm build compiles the library only; this keeps `cargo test --target wasm32-…` happy.
#[cfg(target_arch = "wasm32")]
fn main() {}
