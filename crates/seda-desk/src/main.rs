//! The desk's entry point: mounts the app into the page's body.

#[cfg(target_arch = "wasm32")]
fn main() {
    leptos::mount::mount_to_body(seda_desk::app::App);
}

// The desk runs only in a browser; natively this crate is its pure parts and their tests.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("seda-desk runs in the browser: build it with `trunk build` (tools/build-desk.sh)");
    std::process::exit(2);
}
