//! The house keeps its shape: modules of `loket-core` depend one way (no
//! module imports a module that imports it, directly or through others), and
//! no source file grows past the size where it starts holding several jobs.
//!
//! Imports are read from the source text: `use crate::…`, `use super::…`,
//! paths written inline, and `mod` declarations (a parent depends on its
//! children, so a child may not reach back into its parent). Names the crate
//! root re-exports (`crate::Error`) count as the module that defines them.
//! The sea-orm entities count as one module, the schema: their relations
//! point both ways by the ORM's design, and they import nothing else.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Largest source file, in lines (tests inside the file included).
const MAX_LINES: usize = 800;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `core/src/cases/flow.rs` → `["cases", "flow"]`; the crate root is `[]`.
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).unwrap().with_extension("");
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts == ["lib"] { vec![] } else { parts }
}

/// The node of the graph a module is: itself, or the schema for an entity.
fn schema(m: Vec<String>) -> Vec<String> {
    if m.first().is_some_and(|s| s == "entities") {
        vec!["entities".into()]
    } else {
        m
    }
}

/// The code of a file without its unit tests (they sit at the end, after
/// `#[cfg(test)]`), without comments and without the text of its string
/// literals (a message that says "use" or holds `{holes}` is no import).
fn code(text: &str) -> String {
    let text = text.split("\n#[cfg(test)]").next().unwrap_or(text);
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            // A line comment: to the end of the line.
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == 'r'
            && matches!(next, Some('"' | '#'))
            && chars[i + 1..].iter().find(|ch| **ch != '#') == Some(&'"')
            && !chars[..i]
                .last()
                .is_some_and(|p| p.is_alphanumeric() || *p == '_')
        {
            // A raw string r"..." or r#"..."#: skipped to its closing quote and hashes.
            let hashes = chars[i + 1..].iter().take_while(|ch| **ch == '#').count();
            let mut j = i + 1 + hashes + 1;
            while j < chars.len()
                && !(chars[j] == '"'
                    && chars[j + 1..]
                        .iter()
                        .take(hashes)
                        .filter(|ch| **ch == '#')
                        .count()
                        == hashes)
            {
                j += 1;
            }
            out.push_str("\"\"");
            i = j + 1 + hashes;
        } else if c == '"' {
            // A string: skipped to its closing quote, escapes included.
            let mut j = i + 1;
            while j < chars.len() && chars[j] != '"' {
                j += if chars[j] == '\\' { 2 } else { 1 };
            }
            out.push_str("\"\"");
            i = j + 1;
        } else if c == '\'' && (chars.get(i + 2) == Some(&'\'') || next == Some('\\')) {
            // A character literal ('"', '\n'); a lifetime has no closing quote.
            let end = chars[i + 1..]
                .iter()
                .skip(1)
                .position(|ch| *ch == '\'')
                .map_or(chars.len(), |p| i + 2 + p);
            out.push_str("' '");
            i = end + 1;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// Expands `a::{b, c::{d, e}}` into `a::b`, `a::c::d`, `a::c::e`.
fn expand(tree: &str) -> Vec<String> {
    // Renames (`x as y`) name the same module: keep the path, drop the alias.
    let words: Vec<&str> = tree.split_whitespace().collect();
    let mut kept = vec![];
    let mut i = 0;
    while i < words.len() {
        if words[i] == "as" {
            i += 2;
            if let Some(w) = words.get(i - 1)
                && let Some(tail) = w.find([',', '}']).map(|p| &w[p..])
            {
                kept.push(tail);
            }
            continue;
        }
        kept.push(words[i]);
        i += 1;
    }
    let tree: String = kept.concat();
    let Some(open) = tree.find('{') else {
        return vec![tree.trim_end_matches("::").to_string()];
    };
    let prefix = &tree[..open];
    let inner = &tree[open + 1..tree.rfind('}').unwrap()];
    let mut parts = vec![];
    let (mut depth, mut start) = (0, 0);
    for (i, ch) in inner.char_indices() {
        match ch {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
        .into_iter()
        .filter(|p| !p.is_empty())
        .flat_map(|p| {
            expand(p)
                .into_iter()
                .map(|s| format!("{prefix}{s}"))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Every path a file names: `use` trees and inline `crate::`/`super::` paths.
fn paths(code: &str) -> Vec<String> {
    let mut out = vec![];
    // The code with its `use` statements taken out, for the inline paths.
    let mut inline = String::new();
    let mut rest = code;
    while let Some(i) = rest.find("use ") {
        let before = rest[..i].chars().last();
        let stmt_end = rest[i..].find(';').map_or(rest.len(), |e| i + e);
        if before.is_none_or(|c| !c.is_alphanumeric() && c != '_') {
            out.extend(expand(&rest[i + 4..stmt_end]));
            inline.push_str(&rest[..i]);
        } else {
            inline.push_str(&rest[..stmt_end]);
        }
        rest = &rest[stmt_end..];
    }
    inline.push_str(rest);
    let code = inline.as_str();
    for prefix in ["crate::", "super::"] {
        for (i, _) in code.match_indices(prefix) {
            let before = code[..i].chars().last();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            let path: String = code[i..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                .collect();
            out.push(path);
        }
    }
    out
}

/// The module a path names: its longest prefix that is a module (through the
/// crate root's re-exports), relative to the file's module `here`.
fn resolve(
    path: &str,
    here: &[String],
    modules: &BTreeSet<Vec<String>>,
    reexports: &BTreeMap<String, Vec<String>>,
) -> Option<Vec<String>> {
    let segs: Vec<&str> = path.split("::").filter(|s| !s.is_empty()).collect();
    let mut abs: Vec<String> = match *segs.first()? {
        "crate" => vec![],
        "super" => here[..here.len().checked_sub(1)?].to_vec(),
        _ => return None,
    };
    for s in &segs[1..] {
        if *s == "super" {
            abs.pop();
        } else {
            abs.push(s.to_string());
        }
    }
    if abs.len() == 1
        && let Some(target) = reexports.get(&abs[0])
    {
        return Some(target.clone());
    }
    (1..=abs.len())
        .rev()
        .map(|n| abs[..n].to_vec())
        .find(|m| modules.contains(m))
}

/// The import graph of `loket-core`: each module (the schema as one) and
/// the modules it names.
fn module_graph() -> BTreeMap<Vec<String>, BTreeSet<Vec<String>>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = vec![];
    rust_files(&src, &mut files);
    let modules: BTreeSet<Vec<String>> = files.iter().map(|f| module_of(&src, f)).collect();
    let nodes = |m: &Vec<String>| schema(m.clone());
    // What the crate root re-exports (`pub use error::{Error, Result};`).
    let lib = code(&std::fs::read_to_string(src.join("lib.rs")).unwrap());
    let mut reexports = BTreeMap::new();
    for line in lib.lines().filter(|l| l.starts_with("pub use ")) {
        for p in expand(line.trim_start_matches("pub use ").trim_end_matches(';')) {
            let (module, name) = p.rsplit_once("::").unwrap();
            reexports.insert(name.to_string(), vec![module.to_string()]);
        }
    }
    let mut edges: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    for file in &files {
        let here = module_of(&src, file);
        if here.is_empty() {
            continue; // the crate root only declares and re-exports
        }
        let text = code(&std::fs::read_to_string(file).unwrap());
        let mut to = BTreeSet::new();
        for p in paths(&text) {
            if let Some(m) = resolve(&p, &here, &modules, &reexports) {
                to.insert(nodes(&m));
            }
        }
        // A parent depends on the children it declares.
        for line in text.lines() {
            let l = line.trim().trim_start_matches("pub ");
            if let Some(child) = l.strip_prefix("mod ").and_then(|c| c.strip_suffix(';')) {
                let mut m = here.clone();
                m.push(child.to_string());
                to.insert(nodes(&m));
            }
        }
        let node = nodes(&here);
        to.remove(&node);
        edges.entry(node).or_default().extend(to);
    }
    edges
}

/// A way from a node back to itself, if the graph has one.
fn cycle(edges: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>) -> Option<Vec<String>> {
    // Depth-first search for a way back to where it started.
    fn back(
        path: &mut Vec<Vec<String>>,
        edges: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
        done: &mut BTreeSet<Vec<String>>,
    ) -> Option<Vec<Vec<String>>> {
        let here = path.last()?.clone();
        for next in edges.get(&here).into_iter().flatten() {
            if let Some(i) = path.iter().position(|p| p == next) {
                let mut cycle = path[i..].to_vec();
                cycle.push(next.clone());
                return Some(cycle);
            }
            if done.contains(next) {
                continue;
            }
            path.push(next.clone());
            if let Some(c) = back(path, edges, done) {
                return Some(c);
            }
            path.pop();
        }
        done.insert(here);
        None
    }
    let mut done = BTreeSet::new();
    for start in edges.keys() {
        if let Some(cycle) = back(&mut vec![start.clone()], edges, &mut done) {
            return Some(cycle.iter().map(|m| m.join("::")).collect());
        }
    }
    None
}

/// The graph one level up: a top-level folder and its file (`cases.rs` and
/// `cases/…`) are one node; an import inside a folder is no edge.
fn folder_graph(
    modules: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
) -> BTreeMap<Vec<String>, BTreeSet<Vec<String>>> {
    let top = |m: &Vec<String>| m[..1.min(m.len())].to_vec();
    let mut edges: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    for (from, to) in modules {
        let node = top(from);
        let to: BTreeSet<Vec<String>> = to.iter().map(top).filter(|t| *t != node).collect();
        edges.entry(node).or_default().extend(to);
    }
    edges
}

#[test]
fn no_module_imports_a_module_that_imports_it() {
    let edges = module_graph();
    if let Some(cycle) = cycle(&edges) {
        panic!("import cycle in loket-core: {}", cycle.join(" -> "));
    }
    assert!(
        edges.len() > 30,
        "the reader found the modules ({} of them)",
        edges.len()
    );
    assert!(
        edges[&vec!["case_page".to_string()]].contains(&vec!["letters".into(), "register".into()]),
        "the reader sees imports (case_page reads the letter register)"
    );
}

#[test]
fn no_source_file_holds_several_jobs() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![];
    rust_files(&root.join("src"), &mut files);
    rust_files(&root.join("../src-tauri/src"), &mut files);
    let big: Vec<String> = files
        .iter()
        .filter_map(|f| {
            let n = std::fs::read_to_string(f).unwrap().lines().count();
            (n > MAX_LINES).then(|| format!("{} ({n} lines)", f.display()))
        })
        .collect();
    assert!(
        big.is_empty(),
        "split these along their seams (at most {MAX_LINES} lines): {big:?}"
    );
}

#[test]
fn no_folder_imports_a_folder_that_imports_it() {
    let folders = folder_graph(&module_graph());
    if let Some(cycle) = cycle(&folders) {
        let why: Vec<String> = module_graph()
            .iter()
            .flat_map(|(from, to)| to.iter().map(move |t| (from, t)))
            .filter(|(from, to)| {
                let (f, t) = (&from[0], to.first().cloned().unwrap_or_default());
                cycle.windows(2).any(|w| w[0] == *f && w[1] == t)
            })
            .map(|(from, to)| format!("{} -> {}", from.join("::"), to.join("::")))
            .collect();
        panic!(
            "folders of loket-core import each other: {}\nthrough: {why:#?}",
            cycle.join(" -> ")
        );
    }
    assert!(
        folders.len() > 20,
        "the reader found the folders ({})",
        folders.len()
    );
}

/// The folder check sees a cycle that no single pair of files makes: two
/// files in one folder each importing a file of another folder that imports
/// the other back.
#[test]
fn a_planted_folder_cycle_is_found() {
    let m = |s: &str| s.split("::").map(String::from).collect::<Vec<_>>();
    let mut planted: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    planted.entry(m("a::x")).or_default().insert(m("b::y"));
    planted.entry(m("b::z")).or_default().insert(m("a::w"));
    assert!(cycle(&planted).is_none(), "no cycle file by file");
    assert_eq!(
        cycle(&folder_graph(&planted)),
        Some(vec!["a".into(), "b".into(), "a".into()]),
        "the folder graph finds the cycle a -> b -> a that no pair of files makes"
    );
}

#[test]
fn what_a_string_or_a_comment_says_is_no_import() {
    let text = r##"
use crate::cases::forms;
// use crate::letters; in a comment
const M: &str = "Use {service} instead; use crate::mail::{a, b}";
const R: &str = r#"use crate::kiosk; "quoted" {x}"#;
fn f<'a>(c: char) -> bool { c == '"' || c == '{' }
use super::due;
"##;
    let found = paths(&code(text));
    assert_eq!(
        found,
        ["crate::cases::forms", "super::due"],
        "only the use statements of the code: {found:?}"
    );
}
