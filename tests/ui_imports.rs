//! The views in `src/ui` import one another without a circle: no two modules that reach
//! each other, directly or round a loop. A circle is the sign of a helper living where it
//! was first needed instead of where its meaning lives (the widget's state and
//! `expect_widget` once sat in `widget.rs`, which every field view imported while
//! `widget.rs` imported them back through the steps). Read from the sources, natively.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The `src/ui` modules each module names (`super::x`, `crate::ui::x`, grouped or not,
/// in a `use` or inline), comments left out. A name that is not a module of its own
/// (`super::handler`) is an item of `mod.rs`, and counts as naming `mod`.
fn imports(source: &str, modules: &BTreeSet<String>) -> BTreeSet<String> {
    let code: String = source.lines().map(|line| line.split("//").next().unwrap_or_default()).collect::<Vec<_>>().join("\n");
    let mut found = BTreeSet::new();
    for prefix in ["super::", "crate::ui::", "self::"] {
        let mut rest = code.as_str();
        while let Some(at) = rest.find(prefix) {
            rest = &rest[at + prefix.len()..];
            let names = if let Some(group) = rest.strip_prefix('{') {
                let mut depth = 1;
                let end = group.char_indices().find_map(|(i, c)| {
                    depth += match c {
                        '{' => 1,
                        '}' => -1,
                        _ => 0,
                    };
                    (depth == 0).then_some(i)
                });
                let group = &group[..end.expect("a closed brace")];
                top_level(group).into_iter().map(first_segment).collect::<Vec<_>>()
            } else {
                vec![first_segment(rest)]
            };
            for name in names.into_iter().filter(|n| !n.is_empty() && *n != "self") {
                found.insert(if modules.contains(&name) { name } else { "mod".to_owned() });
            }
        }
    }
    found
}

/// The comma-separated items of a `{...}` group, not splitting inside nested groups.
fn top_level(group: &str) -> Vec<&str> {
    let (mut items, mut depth, mut start) = (Vec::new(), 0, 0);
    for (i, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&group[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    items.push(&group[start..]);
    items
}

fn first_segment(path: &str) -> String {
    path.trim_start().chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect()
}

/// The modules of `src/ui` and whom each imports (`mod` for `mod.rs`).
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui");
    let files: Vec<_> = std::fs::read_dir(&folder)
        .expect("src/ui")
        .map(|entry| entry.expect("a file").path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect();
    let name = |p: &Path| p.file_stem().unwrap().to_string_lossy().into_owned();
    let modules: BTreeSet<String> = files.iter().map(|p| name(p)).filter(|n| n != "mod").collect();
    files
        .iter()
        .map(|p| {
            let me = name(p);
            let mut out = imports(&std::fs::read_to_string(p).expect("readable"), &modules);
            out.remove(&me);
            (me, out)
        })
        .collect()
}

/// A circle in `graph`, as the modules round it, if there is one.
fn circle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    // Depth first; a module met again while still on the path closes a circle.
    fn visit(node: &str, graph: &BTreeMap<String, BTreeSet<String>>, path: &mut Vec<String>, done: &mut BTreeSet<String>) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| n == node) {
            let mut round = path[at..].to_vec();
            round.push(node.to_owned());
            return Some(round);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(round) = visit(next, graph, path, done) {
                return Some(round);
            }
        }
        path.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    graph.keys().find_map(|start| visit(start, graph, &mut Vec::new(), &mut done))
}

#[test]
fn the_views_import_one_another_without_a_circle() {
    let graph = graph();
    assert!(graph.len() > 10, "src/ui read: {:?}", graph.keys());
    if let Some(round) = circle(&graph) {
        panic!("src/ui imports round a circle: {}", round.join(" -> "));
    }
}

#[test]
fn the_views_reach_the_browser_edge_only_through_env() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui");
    for entry in std::fs::read_dir(&folder).expect("src/ui") {
        let path = entry.expect("a file").path();
        let source = std::fs::read_to_string(&path).expect("readable");
        let code: String = source.lines().map(|line| line.split("//").next().unwrap_or_default()).collect();
        assert!(!code.contains("platform::"), "{} reaches into the platform: give the view what it needs in Env", path.display());
    }
}

#[test]
fn the_reader_sees_grouped_inline_and_nested_imports() {
    let modules: BTreeSet<String> = ["a", "b", "c", "d"].map(String::from).into();
    let source = "use super::{a::X, b, c::{Y, Z}};\n// use super::d;\nfn f() { crate::ui::d::g(); super::handler(); }";
    let want: BTreeSet<String> = ["a", "b", "c", "d", "mod"].map(String::from).into();
    assert_eq!(imports(source, &modules), want);
    let graph: BTreeMap<String, BTreeSet<String>> =
        [("a", vec!["b"]), ("b", vec!["c"]), ("c", vec!["a"])].map(|(k, v)| (k.to_owned(), v.into_iter().map(String::from).collect())).into();
    assert_eq!(circle(&graph), Some(["a", "b", "c", "a"].map(String::from).to_vec()));
}
