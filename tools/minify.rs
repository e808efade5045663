//! The widget's stylesheets go into the wasm as strings: this writes them to OUT_DIR
//! without comments and without the whitespace they do not need, so the comments and
//! indentation in `style/` cost the download nothing. (The engine's build script does
//! the same for its built-in templates, and shares the folder walk with this one.)

#[path = "../crates/seda-core/minify.rs"]
mod minify;

fn main() {
    minify::folder("style", "css", minify_css);
    // The release build cuts the wasm at its split points (feature `split`, src/split.rs):
    // the splitter (tools/wasm-split.mjs) reads the linker's relocations, which only this
    // crate's link emits (the desk's and the browser tests' wasm stay without them).
    if std::env::var_os("CARGO_FEATURE_SPLIT").is_some() && std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo:rustc-link-arg=--emit-relocs");
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
            minify::copy_string(c, &mut chars, &mut out);
        }
    }
    out
}
