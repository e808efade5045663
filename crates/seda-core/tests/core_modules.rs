//! The engine's modules import one another without a circle: no two modules that
//! import each other, directly or round a loop. A circle is the sign of a helper in
//! the wrong file (it lives where it was first needed, not where its meaning is).
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;

const SRC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/src");

/// Every module (file) of `src/` and the modules it names: in `use super::x`,
/// `use crate::x`, `super::x::…` and `crate::x::…` anywhere in its code,
/// `#[cfg(test)]` blocks included (a test that imports is an import). Comments are
/// left out: a doc link to another module is not an import.
fn imports() -> BTreeMap<String, Vec<String>> {
    let mut graph = BTreeMap::new();
    for entry in std::fs::read_dir(SRC).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let name = path.file_stem().unwrap().to_str().unwrap().to_owned();
        if name == "lib" {
            continue;
        }
        let text: String = std::fs::read_to_string(&path)
            .unwrap()
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .map(|l| format!("{l}\n"))
            .collect();
        let mut names: Vec<String> = Vec::new();
        for prefix in ["super::", "crate::"] {
            for (at, _) in text.match_indices(prefix) {
                let rest = &text[at + prefix.len()..];
                let first: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
                // `use super::{a, b}`: each name in the braces.
                let listed: Vec<String> = if first.is_empty() && rest.starts_with('{') {
                    rest[1..rest.find('}').unwrap()]
                        .split(',')
                        .map(|n| n.trim().split("::").next().unwrap().trim().to_owned())
                        .collect()
                } else {
                    vec![first]
                };
                names.extend(listed.into_iter().filter(|n| !n.is_empty() && *n != name && *n != "self"));
            }
        }
        names.sort();
        names.dedup();
        graph.insert(name, names);
    }
    // Only modules count (`crate::named_enum` is a macro, not a module).
    let modules: Vec<String> = graph.keys().cloned().collect();
    for names in graph.values_mut() {
        names.retain(|n| modules.contains(n));
    }
    graph
}

/// A circle of imports, if there is one: the modules round it, first one repeated.
fn circle(graph: &BTreeMap<String, Vec<String>>) -> Option<Vec<String>> {
    // Depth-first search; a module met again while still on the path closes a circle.
    fn visit(m: &str, graph: &BTreeMap<String, Vec<String>>, path: &mut Vec<String>, done: &mut Vec<String>) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|p| p == m) {
            let mut found = path[at..].to_vec();
            found.push(m.to_owned());
            return Some(found);
        }
        if done.iter().any(|d| d == m) {
            return None;
        }
        path.push(m.to_owned());
        for next in &graph[m] {
            if let Some(found) = visit(next, graph, path, done) {
                return Some(found);
            }
        }
        path.pop();
        done.push(m.to_owned());
        None
    }
    let mut done = Vec::new();
    graph.keys().find_map(|m| visit(m, graph, &mut Vec::new(), &mut done))
}

#[test]
fn no_module_imports_itself_round_a_circle() {
    let graph = imports();
    assert!(graph.len() > 30, "read the modules of {SRC}: {:?}", graph.keys());
    assert_eq!(circle(&graph), None, "a circle of imports in seda-core (move the helper to where its meaning lives)");
}

#[test]
fn the_circle_finder_finds_circles() {
    type Edges<'a> = &'a [(&'a str, &'a [&'a str])];
    let graph = |edges: Edges| -> BTreeMap<String, Vec<String>> {
        edges.iter().map(|(m, to)| (m.to_string(), to.iter().map(|t| t.to_string()).collect())).collect()
    };
    let cases: [(Edges, Option<Vec<&str>>); 4] = [
        (&[("a", &["b"]), ("b", &[])], None),
        (&[("a", &["b"]), ("b", &["a"])], Some(vec!["a", "b", "a"])),
        (&[("a", &["b"]), ("b", &["c"]), ("c", &["a"])], Some(vec!["a", "b", "c", "a"])),
        (&[("a", &["b", "c"]), ("b", &["c"]), ("c", &[])], None),
    ];
    for (edges, expected) in cases {
        let expected = expected.map(|c| c.into_iter().map(str::to_owned).collect::<Vec<_>>());
        assert_eq!(circle(&graph(edges)), expected, "{edges:?}");
    }
}

#[test]
fn the_import_reader_sees_each_form_of_import() {
    let graph = imports();
    // `use super::check;`, `use super::form::{self, Form};` and `use super::{…}` forms.
    for (module, imported) in [("definition", "check"), ("definition", "form"), ("check", "question"), ("form", "checklist")] {
        assert!(graph[module].iter().any(|m| m == imported), "{module} imports {imported}: {:?}", graph[module]);
    }
}
