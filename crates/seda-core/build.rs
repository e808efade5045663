//! The built-in templates go into the engine as strings: this writes them to OUT_DIR
//! without the whitespace between JSON tokens, so the indentation in `src/templates/`
//! costs the download nothing.

mod minify;

fn main() {
    minify::folder("src/templates", "json", minify_json);
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
            minify::copy_string(c, &mut chars, &mut out);
        }
    }
    out
}
