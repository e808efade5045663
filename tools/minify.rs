//! The widget's stylesheets and built-in templates go into the wasm as strings: this
//! writes them to OUT_DIR without comments and without the whitespace they do not need,
//! so the comments and indentation in `style/` and `src/core/templates/` cost the
//! download nothing.

use std::{env, fs, path::Path};

fn main() {
    let out = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    for (folder, extension, minify) in [("style", "css", minify_css as fn(&str) -> String), ("src/core/templates", "json", minify_json)] {
        // A folder: cargo runs this again when any file in it changes.
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
}

/// Drops the whitespace between JSON tokens; strings are copied as they are.
fn minify_json(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let mut chars = json.chars();
    while let Some(c) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        out.push(c);
        if c == '"' {
            copy_string(c, &mut chars, &mut out);
        }
    }
    out
}

/// Copies the rest of a string opened by `quote` (escapes included) from `chars` to `out`.
fn copy_string(quote: char, chars: &mut impl Iterator<Item = char>, out: &mut String) {
    while let Some(c) = chars.next() {
        out.push(c);
        if c == '\\' {
            out.extend(chars.next());
        } else if c == quote {
            break;
        }
    }
}

/// Drops comments, collapses whitespace to one space and drops it next to `{`, `}`,
/// `;` and `,` and after `:`, and the `;` before a `}`. Quoted strings are copied as
/// they are.
fn minify_css(css: &str) -> String {
    let tight = |c: char| matches!(c, '{' | '}' | ';' | ',');
    let mut out = String::with_capacity(css.len());
    let mut space = false;
    let mut chars = css.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '/' && chars.peek() == Some(&'*') {
            chars.next();
            let mut last = ' ';
            for c in chars.by_ref() {
                if last == '*' && c == '/' {
                    break;
                }
                last = c;
            }
            continue;
        }
        if c.is_whitespace() {
            space = true;
            continue;
        }
        // Never after `:`: a selector's `: hover` is invalid, and a value's leading space is not part of it.
        if space && !tight(c) && out.chars().last().is_some_and(|l| !tight(l) && l != ':') {
            out.push(' ');
        }
        space = false;
        if c == '}' && out.ends_with(';') {
            out.pop();
        }
        out.push(c);
        if c == '"' || c == '\'' {
            copy_string(c, &mut chars, &mut out);
        }
    }
    out
}
