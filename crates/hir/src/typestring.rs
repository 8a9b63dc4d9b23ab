//! Types as go/types prints them in messages: `map[string]int`, `func(x int) (n int, err
//! error)`, `struct{a int; b string "tag"}`, `io.Reader` (qualified unless local).

use std::fmt::Write;

use crate::types::{ChanDir, Type, TypeId};
use crate::world::{PackageId, World};

/// How to name packages of type names: `None` prints no qualifier.
#[derive(Clone, Copy)]
pub struct Qualifier<'a> {
    /// The package being checked: its own names are not qualified.
    pub local: Option<PackageId>,
    /// Package names that more than one imported package uses: qualify those by path.
    pub ambiguous: &'a [Box<str>],
    /// Names a file imports packages under (`import isync "internal/sync"`): used instead
    /// of the package's own name, as the reader of that file knows it.
    pub import_names: &'a [(PackageId, Box<str>)],
}

impl World {
    /// The type as go/types' `TypeString` prints it, qualified relative to `qf.local`.
    pub fn type_string(&self, ty: TypeId, qf: Qualifier<'_>) -> String {
        let mut w = Writer {
            world: self,
            qf,
            by_path: false,
            mark_tparams: false,
            out: String::new(),
            seen: Vec::new(),
        };
        w.typ(ty);
        w.out
    }

    /// [`World::type_string`] for an error message: a type parameter named like a
    /// predeclared object (`func f[int any]`) is marked `int/* type parameter */`, as
    /// go/types marks it, so that the message is not confusing.
    pub fn type_string_in_message(&self, ty: TypeId, qf: Qualifier<'_>) -> String {
        let mut w = Writer {
            world: self,
            qf,
            by_path: false,
            mark_tparams: true,
            out: String::new(),
            seen: Vec::new(),
        };
        w.typ(ty);
        w.out
    }

    /// The type as go/types prints it without a qualifier (a `Term`'s or term list's
    /// `String`): every package-level name is qualified by its package's path.
    pub fn type_string_by_path(&self, ty: TypeId) -> String {
        let mut w = Writer {
            world: self,
            qf: Qualifier {
                local: None,
                ambiguous: &[],
                import_names: &[],
            },
            by_path: true,
            mark_tparams: false,
            out: String::new(),
            seen: Vec::new(),
        };
        w.typ(ty);
        w.out
    }

    /// The qualifier prefix (`pkg.`, `"path".` or nothing) for an object of `pkg`.
    pub fn package_prefix(&self, pkg: Option<PackageId>, qf: Qualifier<'_>) -> String {
        match pkg {
            Some(pkg) if Some(pkg) != qf.local => {
                if let Some((_, name)) = qf.import_names.iter().find(|(p, _)| *p == pkg) {
                    return format!("{name}.");
                }
                let p = self.package(pkg);
                if qf.ambiguous.iter().any(|name| **name == *p.name) {
                    format!("{:?}.", &*p.path)
                } else {
                    format!("{}.", p.name)
                }
            }
            _ => String::new(),
        }
    }
}

struct Writer<'a> {
    world: &'a World,
    qf: Qualifier<'a>,
    /// Qualify by package path, the local package too (go/types' nil qualifier).
    by_path: bool,
    /// Mark type parameters named like predeclared objects (messages).
    mark_tparams: bool,
    out: String,
    seen: Vec<TypeId>,
}

impl Writer<'_> {
    fn typ(&mut self, ty: TypeId) {
        if self.seen.contains(&ty) {
            self.out.push_str("cycle");
            return;
        }
        self.seen.push(ty);
        self.typ_inner(ty);
        self.seen.pop();
    }

    fn typ_inner(&mut self, ty: TypeId) {
        let world = self.world;
        match world.ty(ty) {
            Type::Basic { name, .. } => self.out.push_str(name),
            Type::Array { len, elem } => {
                match len {
                    Some(n) => write!(self.out, "[{n}]").unwrap(),
                    None => self.out.push_str("[-1]"),
                }
                self.typ(*elem);
            }
            Type::Slice(elem) => {
                self.out.push_str("[]");
                self.typ(*elem);
            }
            Type::Struct(s) => {
                self.out.push_str("struct{");
                for (i, &f) in s.fields.iter().enumerate() {
                    if i > 0 {
                        self.out.push_str("; ");
                    }
                    let field = world.obj(f);
                    if !field.var_info().is_some_and(|v| v.embedded) {
                        self.out.push_str(&field.name);
                        self.out.push(' ');
                    }
                    self.typ(field.ty);
                    if let Some(Some(tag)) = s.tags.get(i) {
                        write!(self.out, " {tag:?}").unwrap();
                    }
                }
                self.out.push('}');
            }
            Type::Pointer(elem) => {
                self.out.push('*');
                self.typ(*elem);
            }
            Type::Tuple(_) => self.tuple(ty, false),
            Type::Signature(_) => {
                self.out.push_str("func");
                self.signature(ty);
            }
            Type::Interface(iface) => {
                if matches!(world.ty(world.any), Type::Alias(a) if a.actual == ty) {
                    self.out.push_str("any");
                    return;
                }
                if iface.implicit && iface.methods.is_empty() && iface.embeddeds.len() == 1 {
                    self.typ(iface.embeddeds[0]);
                    return;
                }
                if iface.comparable && iface.methods.is_empty() && iface.embeddeds.is_empty() {
                    self.out.push_str("interface{comparable}");
                    return;
                }
                self.out.push_str("interface{");
                let mut first = true;
                for &m in &iface.methods {
                    if !first {
                        self.out.push_str("; ");
                    }
                    first = false;
                    let m = world.obj(m);
                    self.out.push_str(&m.name);
                    self.signature(m.ty);
                }
                for &e in &iface.embeddeds {
                    if !first {
                        self.out.push_str("; ");
                    }
                    first = false;
                    self.typ(e);
                }
                self.out.push('}');
            }
            Type::Map { key, elem } => {
                self.out.push_str("map[");
                self.typ(*key);
                self.out.push(']');
                self.typ(*elem);
            }
            Type::Chan { dir, elem } => {
                let mut parens = false;
                match dir {
                    ChanDir::Both => {
                        self.out.push_str("chan ");
                        parens = matches!(
                            world.ty(*elem),
                            Type::Chan {
                                dir: ChanDir::Recv,
                                ..
                            }
                        );
                    }
                    ChanDir::Send => self.out.push_str("chan<- "),
                    ChanDir::Recv => self.out.push_str("<-chan "),
                }
                if parens {
                    self.out.push('(');
                }
                self.typ(*elem);
                if parens {
                    self.out.push(')');
                }
            }
            Type::Named(named) => {
                self.type_name(named.obj);
                if !named.type_args.is_empty() {
                    self.type_list(&named.type_args);
                } else if !named.type_params.is_empty() && named.origin.is_none() {
                    self.type_param_list(&named.type_params);
                }
            }
            Type::Alias(alias) => {
                self.type_name(alias.obj);
                if !alias.type_args.is_empty() {
                    self.type_list(&alias.type_args);
                } else if !alias.type_params.is_empty() {
                    self.type_param_list(&alias.type_params);
                }
            }
            Type::TypeParam { obj, .. } => {
                let name = &world.obj(*obj).name;
                self.out.push_str(name);
                if self.mark_tparams && world.lookup_local(world.universe(), name).is_some() {
                    self.out.push_str("/* type parameter */");
                }
            }
            Type::Union(terms) => {
                for (i, t) in terms.iter().enumerate() {
                    if i > 0 {
                        self.out.push_str(" | ");
                    }
                    if t.tilde {
                        self.out.push('~');
                    }
                    self.typ(t.ty);
                }
            }
        }
    }

    /// `[P any, Q interface{...}]`: consecutive parameters with the same bound share it.
    fn type_param_list(&mut self, list: &[TypeId]) {
        let world = self.world;
        self.out.push('[');
        for (i, &p) in list.iter().enumerate() {
            let Type::TypeParam { obj, bound, .. } = world.ty(p) else {
                continue;
            };
            if i > 0 {
                self.out.push_str(", ");
            }
            self.out.push_str(&world.obj(*obj).name);
            let next_same = list.get(i + 1).is_some_and(
                |&q| matches!(world.ty(q), Type::TypeParam { bound: b, .. } if b == bound),
            );
            if !next_same {
                self.out.push(' ');
                self.typ(*bound);
            }
        }
        self.out.push(']');
    }

    fn type_list(&mut self, list: &[TypeId]) {
        self.out.push('[');
        for (i, &t) in list.iter().enumerate() {
            if i > 0 {
                self.out.push_str(", ");
            }
            self.typ(t);
        }
        self.out.push(']');
    }

    fn type_name(&mut self, obj: crate::objects::ObjId) {
        let obj = self.world.obj(obj);
        match obj.pkg {
            Some(pkg) if self.by_path => {
                self.out.push_str(&self.world.package(pkg).path);
                self.out.push('.');
            }
            _ => {
                let prefix = self.world.package_prefix(obj.pkg, self.qf);
                self.out.push_str(&prefix);
            }
        }
        self.out.push_str(&obj.name);
    }

    fn tuple(&mut self, ty: TypeId, variadic: bool) {
        let world = self.world;
        let vars = world.tuple_vars(ty);
        self.out.push('(');
        for (i, &v) in vars.iter().enumerate() {
            if i > 0 {
                self.out.push_str(", ");
            }
            let var = world.obj(v);
            if !var.name.is_empty() {
                self.out.push_str(&var.name);
                self.out.push(' ');
            }
            if variadic && i == vars.len() - 1 {
                if let Type::Slice(elem) = world.ty(var.ty) {
                    self.out.push_str("...");
                    self.typ(*elem);
                    continue;
                }
                self.typ(var.ty);
                self.out.push_str("...");
            } else {
                self.typ(var.ty);
            }
        }
        self.out.push(')');
    }

    fn signature(&mut self, ty: TypeId) {
        let world = self.world;
        let Type::Signature(sig) = world.ty(ty) else {
            self.out.push_str("()");
            return;
        };
        self.tuple(sig.params, sig.variadic);
        let results = world.tuple_vars(sig.results);
        match results {
            [] => {}
            [single] if world.obj(*single).name.is_empty() => {
                self.out.push(' ');
                self.typ(world.obj(*single).ty);
            }
            _ => {
                self.out.push(' ');
                self.tuple(sig.results, false);
            }
        }
    }
}
