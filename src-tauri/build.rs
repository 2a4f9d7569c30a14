//! The one list of commands is the code itself: every `#[tauri::command]` in
//! `src/commands.rs` (the desk window) and `src/commands/kiosk.rs` (the kiosk
//! window's own). From it this script
//!
//! - declares the commands to Tauri (one `allow-<command>` permission each),
//! - writes `capabilities/main.json`: the desk window gets every command but
//!   the kiosk's own (the kiosk's capability file is written by hand, so no
//!   command reaches the locked-down window by accident),
//! - writes `$OUT_DIR/commands.rs` (the names and the invoke handler) and
//!   `$OUT_DIR/commands.ts` (a typed wrapper per command for the UI, which the
//!   shell's tests copy into `ui/src/lib/bindings/commands.ts`).
//!
//! Who may call a command stays in `loket-core` (`auth::rule`), and the
//! shell's authorization test holds it to a policy table of its own.

use std::fmt::Write as _;
use std::path::Path;

use syn::{FnArg, GenericArgument, Item, Pat, PathArguments, ReturnType, Type};

/// One command as the code declares it.
struct Command {
    /// Rust path from the crate root (`commands::list_cases`).
    path: String,
    name: String,
    docs: Vec<String>,
    args: Vec<(String, Arg)>,
    result: String,
    /// Defined in `commands/kiosk.rs`: the kiosk window's own.
    kiosk: bool,
}

enum Arg {
    /// A JSON argument of this TypeScript type.
    Json(String),
    /// The raw request body (bytes, described by headers).
    Raw,
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut commands = Vec::new();
    for (file, module, kiosk) in [
        ("src/commands.rs", "commands", false),
        ("src/commands/kiosk.rs", "commands::kiosk", true),
    ] {
        println!("cargo:rerun-if-changed={file}");
        let text = std::fs::read_to_string(root.join(file))
            .unwrap_or_else(|e| panic!("{file} cannot be read: {e}"));
        let parsed =
            syn::parse_file(&text).unwrap_or_else(|e| panic!("{file} does not parse: {e}"));
        commands.extend(commands_in(&parsed, module, kiosk));
    }
    // Tauri keeps the names for the whole build: leaked once, in a short-lived process.
    let names: &'static [&'static str] = Box::leak(
        commands
            .iter()
            .map(|c| &*Box::leak(c.name.clone().into_boxed_str()))
            .collect::<Vec<&'static str>>()
            .into_boxed_slice(),
    );

    write_if_changed(
        &root.join("capabilities/main.json"),
        &main_capability(&commands),
    );
    let out = std::env::var("OUT_DIR").unwrap_or_else(|e| panic!("OUT_DIR: {e}"));
    let out = Path::new(&out);
    write_if_changed(&out.join("commands.rs"), &rust_table(&commands));
    write_if_changed(&out.join("commands.ts"), &typescript(&commands));

    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(names));
    if let Err(e) = tauri_build::try_build(attributes) {
        panic!("tauri build step failed: {e:#}");
    }
}

fn write_if_changed(path: &Path, text: &str) {
    // Rewriting an unchanged file would make Tauri's build step (which watches
    // the capabilities) run again on every build.
    if std::fs::read_to_string(path).ok().as_deref() != Some(text) {
        std::fs::write(path, text)
            .unwrap_or_else(|e| panic!("{} cannot be written: {e}", path.display()));
    }
}

fn is_command(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| {
        let segs: Vec<String> = a
            .path()
            .segments
            .iter()
            .map(|s| s.ident.to_string())
            .collect();
        segs == ["tauri", "command"]
    })
}

fn docs(attrs: &[syn::Attribute]) -> Vec<String> {
    attrs
        .iter()
        .filter_map(|a| match &a.meta {
            syn::Meta::NameValue(nv) if nv.path.is_ident("doc") => match &nv.value {
                syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                }) => Some(s.value().trim().to_string()),
                _ => None,
            },
            _ => None,
        })
        .collect()
}

fn commands_in(file: &syn::File, module: &str, kiosk: bool) -> Vec<Command> {
    let mut out = Vec::new();
    for item in &file.items {
        let Item::Fn(f) = item else { continue };
        if !is_command(&f.attrs) {
            continue;
        }
        let name = f.sig.ident.to_string();
        let mut args = Vec::new();
        for input in &f.sig.inputs {
            let FnArg::Typed(pt) = input else {
                panic!("command {name} takes self")
            };
            let Pat::Ident(id) = &*pt.pat else {
                panic!("command {name}: arguments must be plain names")
            };
            let arg = id.ident.to_string();
            match last_ident(&pt.ty).as_deref() {
                Some("State") => continue,
                Some("Request") => args.push((arg, Arg::Raw)),
                _ => args.push((arg, Arg::Json(ts_type(&pt.ty, &name)))),
            }
        }
        let result = match &f.sig.output {
            ReturnType::Type(_, ty) => match generic_args(ty).first() {
                Some(ok) if last_ident(ty).as_deref() == Some("Result") => ts_type(ok, &name),
                _ => panic!("command {name} must return Result<_, AppError>"),
            },
            ReturnType::Default => panic!("command {name} must return Result<_, AppError>"),
        };
        out.push(Command {
            path: format!("{module}::{name}"),
            name,
            docs: docs(&f.attrs),
            args,
            result,
            kiosk,
        });
    }
    out
}

fn last_ident(ty: &Type) -> Option<String> {
    match ty {
        Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        Type::Reference(r) => last_ident(&r.elem),
        _ => None,
    }
}

fn generic_args(ty: &Type) -> Vec<Type> {
    let Type::Path(p) = ty else { return vec![] };
    let Some(last) = p.path.segments.last() else {
        return vec![];
    };
    match &last.arguments {
        PathArguments::AngleBracketed(a) => a
            .args
            .iter()
            .filter_map(|g| match g {
                GenericArgument::Type(t) => Some(t.clone()),
                _ => None,
            })
            .collect(),
        _ => vec![],
    }
}

/// The TypeScript type of a Rust argument or result. Named types are the
/// ones ts-rs generates into the same folder.
fn ts_type(ty: &Type, command: &str) -> String {
    if let Type::Tuple(t) = ty
        && t.elems.is_empty()
    {
        return "null".into();
    }
    let Some(name) = last_ident(ty) else {
        panic!("command {command}: type not understood")
    };
    let inner = || {
        generic_args(ty)
            .first()
            .map(|t| ts_type(t, command))
            .unwrap_or_else(|| panic!("command {command}: {name} without a type"))
    };
    match name.as_str() {
        "String" | "str" => "string".into(),
        "bool" => "boolean".into(),
        "i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64" | "f32" | "f64" | "usize"
        | "isize" => "number".into(),
        "Vec" => {
            let t = inner();
            if t.contains(' ') {
                format!("({t})[]")
            } else {
                format!("{t}[]")
            }
        }
        "Option" => format!("{} | null", inner()),
        "Channel" => format!("Channel<{}>", inner()),
        // Bytes sent back as they are.
        "Response" => "ArrayBuffer".into(),
        other => other.to_string(),
    }
}

fn camel(snake: &str) -> String {
    let mut out = String::new();
    let mut up = false;
    for c in snake.chars() {
        if c == '_' {
            up = true;
        } else if up {
            out.extend(c.to_uppercase());
            up = false;
        } else {
            out.push(c);
        }
    }
    out
}

fn main_capability(commands: &[Command]) -> String {
    let permissions: Vec<String> = commands
        .iter()
        .filter(|c| !c.kiosk)
        .map(|c| format!("    \"allow-{}\"", c.name.replace('_', "-")))
        .collect();
    format!(
        "{{\n  \"$schema\": \"../gen/schemas/desktop-schema.json\",\n  \"identifier\": \"main\",\n  \
         \"description\": \"The desk window used by Dinas staff: every command except the kiosk's \
         own; what each operator may do is decided by their roles in loket-core. Written by \
         build.rs from src/commands.rs; do not edit.\",\n  \"windows\": [\n    \"main\"\n  ],\n  \
         \"permissions\": [\n{}\n  ]\n}}\n",
        permissions.join(",\n")
    )
}

fn rust_table(commands: &[Command]) -> String {
    let mut s =
        String::from("// Written by build.rs from src/commands.rs and src/commands/kiosk.rs.\n\n");
    s.push_str(
        "/// Every command Loket's windows may call, by name.\npub const COMMANDS: &[&str] = &[\n",
    );
    for c in commands {
        let _ = writeln!(s, "    \"{}\",", c.name);
    }
    s.push_str("];\n\n/// The invoke handler with every command.\nmacro_rules! invoke_handler {\n    () => {\n        tauri::generate_handler![\n");
    for c in commands {
        let _ = writeln!(s, "            {},", c.path);
    }
    s.push_str("        ]\n    };\n}\n");
    s
}

fn typescript(commands: &[Command]) -> String {
    let builtin = [
        "string",
        "boolean",
        "number",
        "null",
        "ArrayBuffer",
        "Channel",
    ];
    let mut imports = std::collections::BTreeSet::new();
    for c in commands {
        let types = c
            .args
            .iter()
            .filter_map(|(_, a)| match a {
                Arg::Json(t) => Some(t.as_str()),
                Arg::Raw => None,
            })
            .chain([c.result.as_str()]);
        for t in types {
            for word in t.split(|ch: char| !ch.is_ascii_alphanumeric()) {
                if !word.is_empty() && !builtin.contains(&word) {
                    imports.insert(word.to_string());
                }
            }
        }
    }
    let mut s = String::from(
        "// Written by src-tauri/build.rs from the #[tauri::command] functions of src-tauri/src/commands.rs\n\
         // (and commands/kiosk.rs); copied here by the shell's tests. Never edit by hand: change the command.\n",
    );
    for t in &imports {
        let _ = writeln!(s, "import type {{ {t} }} from './{t}';");
    }
    s.push_str(
        "\n/** How a command is invoked; api.ts supplies it (the only module that touches Tauri). */\n\
         export type Invoke = <T>(\n  command: string,\n  args?: Record<string, unknown> | Uint8Array,\n  \
         headers?: Record<string, string>,\n) => Promise<T>;\n\n\
         /** A channel the shell reports progress on, as api.ts creates it. */\n\
         export interface Channel<T> {\n  onmessage: (message: T) => void;\n}\n\n\
         /** One wrapper per command, named after it in camelCase, arguments in the command's order. */\n\
         export function commands(invoke: Invoke) {\n  return {\n",
    );
    for c in commands {
        if !c.docs.is_empty() {
            let _ = writeln!(s, "    /** {} */", c.docs.join(" "));
        }
        let raw = c.args.iter().any(|(_, a)| matches!(a, Arg::Raw));
        let params: Vec<String> = c
            .args
            .iter()
            .map(|(n, a)| match a {
                Arg::Json(t) => format!("{}: {t}", camel(n)),
                Arg::Raw => "body: Uint8Array, headers: Record<string, string>".into(),
            })
            .collect();
        let json: Vec<String> = c
            .args
            .iter()
            .filter(|(_, a)| matches!(a, Arg::Json(_)))
            .map(|(n, _)| camel(n))
            .collect();
        let call_args = if raw {
            ", body, headers".to_string()
        } else if json.is_empty() {
            String::new()
        } else {
            format!(", {{ {} }}", json.join(", "))
        };
        let _ = writeln!(
            s,
            "    {}: ({}) => invoke<{}>('{}'{}),",
            camel(&c.name),
            params.join(", "),
            c.result,
            c.name,
            call_args
        );
    }
    s.push_str("  };\n}\n\n/** The commands' wrappers, as api.ts exposes them. */\nexport type Commands = ReturnType<typeof commands>;\n");
    s
}
