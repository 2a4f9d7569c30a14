//! How build.rs reads the rule a command asks from the command's body, and
//! refuses a command whose first step is not that ask. Shared with
//! `tests/command_rules.rs`, which holds it to the forms it must refuse.

/// The methods of `desk` (the shell's state) that check a session against a
/// rule before anything else happens; `status` answers before sign-in and
/// takes only PUBLIC.
pub const ASKS: [&str; 8] = [
    "authorize",
    "authorize_kiosk",
    "authorize_db",
    "sign_in",
    "unlock",
    "sign_out",
    "release_kiosk",
    "status",
];

/// The rule a command asks, as in `desk.authorize(DESK)`. The call is the
/// command's first step: nothing but naming the window's seat
/// (`let here = seat(&window);`) or noting the first call may come before it,
/// also inside the one `async` block a command may wrap its work in; its
/// method is one of [`ASKS`]; and no other call on `desk` names a rule, so
/// what is read here is what runs first.
pub fn rule_of(f: &syn::ItemFn, name: &str) -> String {
    let refuse = |why: &str| -> ! {
        panic!(
            "command {name}: {why}. Its first step is `desk.authorize(RULE)` (or another of {ASKS:?}) with a rule of loket_core::auth::rules"
        )
    };
    // Every call on `desk` that names an upper-case name, anywhere in the body.
    struct Named(Vec<(String, String)>);
    impl<'a> syn::visit::Visit<'a> for Named {
        fn visit_expr_method_call(&mut self, call: &'a syn::ExprMethodCall) {
            if let Some((method, rule)) = asked(call) {
                self.0.push((method, rule));
            }
            syn::visit::visit_expr_method_call(self, call);
        }
    }
    let mut named = Named(vec![]);
    syn::visit::Visit::visit_block(&mut named, &f.block);
    let Some(first) = first_step(&f.block.stmts) else {
        refuse("nothing in it asks a rule first")
    };
    let Some((method, rule)) = first else {
        refuse("its first step asks no rule")
    };
    if named.0.len() != 1 {
        refuse(&format!(
            "{} calls on desk name a rule ({:?}); one command, one rule, asked once",
            named.0.len(),
            named.0
        ));
    }
    if !ASKS.contains(&method.as_str()) {
        refuse(&format!("desk.{method} checks no rule"));
    }
    if method == "status" && rule != "PUBLIC" {
        refuse("desk.status answers before sign-in: PUBLIC only");
    }
    rule
}

/// `desk.<method>(…, RULE, …)`: the method and the upper-case name.
fn asked(call: &syn::ExprMethodCall) -> Option<(String, String)> {
    let syn::Expr::Path(receiver) = &*call.receiver else {
        return None;
    };
    if !receiver.path.is_ident("desk") {
        return None;
    }
    call.args.iter().find_map(|arg| {
        let syn::Expr::Path(p) = arg else { return None };
        let id = p.path.get_ident()?.to_string();
        id.chars()
            .all(|c| c.is_ascii_uppercase() || c == '_')
            .then(|| (call.method.to_string(), id))
    })
}

/// The first step of `stmts` after the allowed prelude: `Some(Some(asked))`
/// when it asks a rule on `desk`, `Some(None)` when it does something else.
fn first_step(stmts: &[syn::Stmt]) -> Option<Option<(String, String)>> {
    let step = stmts.iter().find(|s| !prelude(s))?;
    let expr = match step {
        syn::Stmt::Local(l) => &*l.init.as_ref()?.expr,
        syn::Stmt::Expr(e, _) => e,
        _ => return Some(None),
    };
    Some(asked_in(expr))
}

/// Naming the seat or noting the first call: nothing that reads or writes.
fn prelude(s: &syn::Stmt) -> bool {
    let call = match s {
        syn::Stmt::Local(l) => l.init.as_ref().map(|i| &*i.expr),
        syn::Stmt::Expr(e, _) => Some(e),
        _ => None,
    };
    let Some(syn::Expr::Call(call)) = call else {
        return false;
    };
    let syn::Expr::Path(p) = &*call.func else {
        return false;
    };
    let last = p.path.segments.last().map(|s| s.ident.to_string());
    matches!(last.as_deref(), Some("seat" | "first_call"))
}

/// The rule asked by `expr`, itself the first step: `desk.m(RULE)` under
/// `.await`, `?` or `Ok(…)`, or the first step of an `async` block.
fn asked_in(expr: &syn::Expr) -> Option<(String, String)> {
    match expr {
        syn::Expr::Await(e) => asked_in(&e.base),
        syn::Expr::Try(e) => asked_in(&e.expr),
        syn::Expr::Paren(e) => asked_in(&e.expr),
        syn::Expr::Field(e) => asked_in(&e.base),
        syn::Expr::Reference(e) => asked_in(&e.expr),
        syn::Expr::Call(c)
            if c.args.len() == 1
                && matches!(&*c.func, syn::Expr::Path(p) if p.path.is_ident("Ok")) =>
        {
            asked_in(&c.args[0])
        }
        syn::Expr::Async(b) => first_step(&b.block.stmts).flatten(),
        syn::Expr::MethodCall(call) => asked(call).or_else(|| asked_in(&call.receiver)),
        _ => None,
    }
}
