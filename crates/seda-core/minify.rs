//! What the build scripts that minify share (this crate's `build.rs`, for the templates,
//! and the widget's `tools/minify.rs`, for the stylesheets): each file of a folder
//! written to OUT_DIR through a minifier, and quoted strings copied as they are.

use std::{env, fs, path::Path};

/// Writes each `*.{extension}` file of `folder` (relative to the package) to OUT_DIR
/// under its own name, through `minify`.
pub fn folder(folder: &str, extension: &str, minify: fn(&str) -> String) {
    let out = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    // A folder: cargo runs the script again when any file in it changes.
    println!("cargo:rerun-if-changed={folder}");
    let files = fs::read_dir(folder).unwrap_or_else(|e| panic!("{folder}: {e}"));
    for source in files.map(|f| f.unwrap_or_else(|e| panic!("{folder}: {e}")).path()) {
        if source.extension().is_none_or(|e| e != extension) {
            continue;
        }
        let text = fs::read_to_string(&source).unwrap_or_else(|e| panic!("{}: {e}", source.display()));
        let name = source.file_name().expect("a file");
        fs::write(Path::new(&out).join(name), minify(&text)).unwrap_or_else(|e| panic!("OUT_DIR for {}: {e}", source.display()));
    }
}

/// Copies the rest of a string opened by `quote` (escapes included) from `chars` to `out`.
pub fn copy_string(quote: char, chars: &mut impl Iterator<Item = char>, out: &mut String) {
    while let Some(c) = chars.next() {
        out.push(c);
        if c == '\\' {
            out.extend(chars.next());
        } else if c == quote {
            break;
        }
    }
}
