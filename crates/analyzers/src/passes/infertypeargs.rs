//! infertypeargs: explicit type arguments of a generic call that inference would supply.
//!
//! gopls re-checks the call with fewer type arguments; we have no checker entry point for a
//! single expression, so this module infers on its own, conservatively: it binds the type
//! parameters from the kept type arguments, from typed arguments by structural unification,
//! from core types of constraints (`P ~*T` gives `T` once `P` is known), and from untyped
//! constant arguments' default types; anything it does not model counts as not inferable,
//! so it misses some cases gopls finds but does not report type arguments that are needed.

use std::collections::HashMap;

use hir::objects::ObjKind;
use hir::types::{BasicKind, Type, TypeId};
use hir::world::World;
use syntax::TextRange;
use syntax::ast::{Expr, ExprId, LitKind, UnaryOp};

use crate::util::unparen;
use crate::{Analyzer, Edit, Fix, Pass, Severity, Suite};

pub static ANALYZER: Analyzer = Analyzer {
    name: "infertypeargs",
    doc: "check for unnecessary type arguments in call expressions\n\n\
          Explicit type arguments may be omitted from a call when they can be inferred from \
          the function's arguments or from other type arguments: `f[string](\"foo\")` is \
          `f(\"foo\")` for `func f[T any](T)`. Trailing type arguments are dropped only while \
          inference still gives the same instance.",
    suite: Suite::Gopls,
    default_enabled: true,
    severity: Severity::Info,
    run_despite_errors: false,
    fixes_errors: false,
    run,
};

fn run(pass: &mut Pass<'_>) {
    let mut found = Vec::new();
    for file in 0..pass.files.len() {
        let ast = pass.ast(file);
        for expr in &ast.exprs {
            let Expr::Call {
                fun,
                args,
                ellipsis,
            } = expr
            else {
                continue;
            };
            let Expr::Index { x, indices } = ast.expr(*fun) else {
                continue;
            };
            if indices.is_empty() || !matches!(ast.expr(*x), Expr::Name(_) | Expr::Selector { .. })
            {
                continue;
            }
            let Some(call) = Call::new(pass, file, *fun, *x, indices, args, ellipsis.is_some())
            else {
                continue;
            };
            let required = call.required(indices.len());
            if required == indices.len() {
                continue;
            }
            found.push((file, *fun, *x, indices.clone(), required));
        }
    }
    for (file, fun, x, indices, required) in found {
        let ast = pass.ast(file);
        let text = &*pass.files[file].text;
        let rbrack = ast.expr_range(fun).end.saturating_sub(1);
        let x_end = ast.expr_range(x).end;
        let Some(lbrack) = text
            .get(x_end as usize..rbrack as usize)
            .and_then(|t| t.find('['))
            .map(|i| x_end + i as u32)
        else {
            continue;
        };
        let (range, edit) = if required == 0 {
            let all = TextRange::new(lbrack, rbrack + 1);
            (all, all)
        } else {
            let start = ast.expr_range(indices[required]).start;
            let from = ast.expr_range(indices[required - 1]).end;
            (TextRange::new(start, rbrack), TextRange::new(from, rbrack))
        };
        let fix = Fix {
            message: "Simplify type arguments".to_string(),
            edits: vec![Edit {
                file,
                range: edit,
                new_text: String::new(),
            }],
        };
        pass.report_with_fixes(file, range, "unnecessary type arguments", vec![fix]);
    }
}

/// A call of a generic function with explicit type arguments, as inference sees it.
struct Call<'p> {
    world: &'p World,
    /// The function's type parameters (their types), in order.
    tparams: Vec<TypeId>,
    /// The instance's type arguments, explicit and inferred.
    instance: Vec<TypeId>,
    /// (parameter type, argument) pairs, variadic arguments spread.
    pairs: Vec<(TypeId, Arg)>,
}

#[derive(Clone, Copy)]
enum Arg {
    Typed(TypeId),
    /// An untyped constant, with its default type.
    Untyped(TypeId),
    /// Nothing inference can use (untyped nil, unknown).
    Opaque,
}

impl<'p> Call<'p> {
    fn new(
        pass: &'p Pass<'_>,
        file: usize,
        fun: ExprId,
        x: ExprId,
        indices: &[ExprId],
        args: &[ExprId],
        spread: bool,
    ) -> Option<Call<'p>> {
        let world = pass.world;
        let obj = pass.object_of_expr(file, x)?;
        if !matches!(world.obj(obj).kind, ObjKind::Func { .. }) {
            return None;
        }
        let Type::Signature(generic) = world.ty(world.obj(obj).ty) else {
            return None;
        };
        if generic.type_params.len() < indices.len() {
            return None;
        }
        let explicit: Vec<TypeId> = indices
            .iter()
            .map(|&i| {
                let tv = pass.type_and_value(file, i)?;
                (tv.is_type && world.is_valid(tv.ty)).then_some(tv.ty)
            })
            .collect::<Option<_>>()?;
        let params: Vec<TypeId> = world
            .tuple_vars(generic.params)
            .iter()
            .map(|&v| world.obj(v).ty)
            .collect();
        let mut call = Call {
            world,
            tparams: generic.type_params.clone(),
            instance: Vec::new(),
            pairs: Vec::new(),
        };
        // The instance: explicit type arguments, the rest read off the instantiated signature.
        let instantiated = pass.type_of(file, fun)?;
        let Type::Signature(inst) = world.ty(instantiated) else {
            return None;
        };
        let mut bound = call.bind_explicit(&explicit);
        let inst_params: Vec<TypeId> = world
            .tuple_vars(inst.params)
            .iter()
            .map(|&v| world.obj(v).ty)
            .collect();
        if inst_params.len() != params.len() {
            return None;
        }
        for (&p, &a) in params.iter().zip(&inst_params) {
            call.unify(p, a, &mut bound)?;
        }
        call.instance = bound.into_iter().collect::<Option<_>>()?;
        // The arguments.
        for (i, &arg) in args.iter().enumerate() {
            let param = if generic.variadic && !spread && i + 1 >= params.len() {
                match world.ty(*params.last()?) {
                    Type::Slice(elem) => *elem,
                    _ => return None,
                }
            } else {
                *params.get(i)?
            };
            call.pairs.push((param, argument(pass, file, arg)?));
        }
        if args.len() == 1 && params.len() > 1 {
            // f(g()) with a multi-valued g: not modelled.
            return None;
        }
        Some(call)
    }

    fn bind_explicit(&self, explicit: &[TypeId]) -> Vec<Option<TypeId>> {
        let mut bound = vec![None; self.tparams.len()];
        for (slot, &t) in bound.iter_mut().zip(explicit) {
            *slot = Some(t);
        }
        bound
    }

    /// How many of the `given` explicit type arguments are needed: trailing ones are
    /// dropped while inference gives the same instance without them.
    fn required(&self, given: usize) -> usize {
        let mut required = given;
        for keep in (0..given).rev() {
            if self.infer(keep).as_deref() != Some(&self.instance[..]) {
                break;
            }
            required = keep;
        }
        required
    }

    /// The type arguments inferred from the first `keep` explicit ones, if all are.
    fn infer(&self, keep: usize) -> Option<Vec<TypeId>> {
        let mut bound = self.bind_explicit(&self.instance[..keep]);
        for &(param, arg) in &self.pairs {
            if let Arg::Typed(t) = arg
                && self.mentions(param)
            {
                self.unify(param, t, &mut bound)?;
            }
        }
        self.core_types(&mut bound)?;
        // Untyped constants for bare type parameters: the default type of the largest kind.
        let mut defaults: HashMap<usize, TypeId> = HashMap::new();
        for &(param, arg) in &self.pairs {
            let (Arg::Untyped(t), Some(i)) = (arg, self.index(param)) else {
                continue;
            };
            if bound[i].is_some() {
                continue;
            }
            let entry = defaults.entry(i).or_insert(t);
            if rank(self.world, t) > rank(self.world, *entry) {
                *entry = t;
            }
        }
        for (i, t) in defaults {
            bound[i] = Some(t);
        }
        self.core_types(&mut bound)?;
        let inferred: Vec<TypeId> = bound.into_iter().collect::<Option<_>>()?;
        let same = inferred
            .iter()
            .zip(&self.instance)
            .all(|(&a, &b)| self.world.identical(a, b));
        same.then_some(inferred)
    }

    /// Binds type parameters through the core types of constraints (`P ~[]E`): a bound `P`
    /// gives `E`; an unbound `P` whose single term is an exact type with no type parameters
    /// is that type.
    fn core_types(&self, bound: &mut [Option<TypeId>]) -> Option<()> {
        for _ in 0..=self.tparams.len() {
            let before = bound.to_vec();
            for (i, &tp) in self.tparams.iter().enumerate() {
                let Some((tilde, term)) = self.single_term(tp) else {
                    continue;
                };
                match bound[i] {
                    Some(b) if self.mentions(term) => {
                        let b = if tilde { self.world.under(b) } else { b };
                        self.unify(term, b, bound)?;
                    }
                    None if !tilde && !self.mentions(term) => bound[i] = Some(term),
                    _ => {}
                }
            }
            if bound == &before[..] {
                break;
            }
        }
        Some(())
    }

    /// The single type term of type parameter `tp`'s constraint, if it has exactly one.
    fn single_term(&self, tp: TypeId) -> Option<(bool, TypeId)> {
        let world = self.world;
        let Type::TypeParam { bound, .. } = world.ty(tp) else {
            return None;
        };
        let Type::Interface(iface) = world.ty(world.under(*bound)) else {
            return None;
        };
        let [embedded] = iface.embeddeds.as_slice() else {
            return None;
        };
        match world.ty(*embedded) {
            Type::Union(terms) => match terms.as_slice() {
                [term] => Some((term.tilde, term.ty)),
                _ => None,
            },
            Type::Interface(_) => None,
            _ if world.is_interface(*embedded) => None,
            _ => Some((false, *embedded)),
        }
    }

    fn index(&self, t: TypeId) -> Option<usize> {
        self.tparams.iter().position(|&p| p == t)
    }

    /// Whether `t` mentions one of the function's type parameters (conservatively: types
    /// this module does not look into count as mentioning them).
    fn mentions(&self, t: TypeId) -> bool {
        let world = self.world;
        if self.index(t).is_some() {
            return true;
        }
        match world.ty(t) {
            Type::Basic { .. } => false,
            Type::Pointer(e) | Type::Slice(e) => self.mentions(*e),
            Type::Array { elem, .. } | Type::Chan { elem, .. } => self.mentions(*elem),
            Type::Map { key, elem } => self.mentions(*key) || self.mentions(*elem),
            Type::Signature(sig) => {
                let vars = |tuple| world.tuple_vars(tuple).iter().map(|&v| world.obj(v).ty);
                vars(sig.params)
                    .chain(vars(sig.results))
                    .any(|t| self.mentions(t))
            }
            Type::Named(named) => named.type_args.iter().any(|&a| self.mentions(a)),
            Type::Alias(_) => self.mentions(world.unalias(t)),
            Type::TypeParam { .. } => false,
            Type::Struct(_) | Type::Interface(_) | Type::Tuple(_) | Type::Union(_) => true,
        }
    }

    /// Unifies parameter type `p` with argument type `a`, binding type parameters; `None`
    /// where they conflict or the shapes are not modelled.
    fn unify(&self, p: TypeId, a: TypeId, bound: &mut [Option<TypeId>]) -> Option<()> {
        let world = self.world;
        let (p, a) = (world.unalias(p), world.unalias(a));
        if let Some(i) = self.index(p) {
            return match bound[i] {
                None => {
                    bound[i] = Some(a);
                    Some(())
                }
                Some(b) if world.identical(b, a) => Some(()),
                Some(_) => None,
            };
        }
        if !self.mentions(p) {
            return Some(());
        }
        // A composite parameter type unifies with an argument's underlying type.
        let a = match (world.ty(p), world.ty(a)) {
            (Type::Named(_), _) => a,
            (_, Type::Named(_)) => world.under(a),
            _ => a,
        };
        match (world.ty(p), world.ty(a)) {
            (Type::Pointer(x), Type::Pointer(y)) | (Type::Slice(x), Type::Slice(y)) => {
                self.unify(*x, *y, bound)
            }
            (Type::Array { len: l1, elem: x }, Type::Array { len: l2, elem: y }) if l1 == l2 => {
                self.unify(*x, *y, bound)
            }
            (Type::Chan { elem: x, .. }, Type::Chan { elem: y, .. }) => self.unify(*x, *y, bound),
            (Type::Map { key: k1, elem: x }, Type::Map { key: k2, elem: y }) => {
                self.unify(*k1, *k2, bound)?;
                self.unify(*x, *y, bound)
            }
            (Type::Signature(s1), Type::Signature(s2)) => {
                if s1.variadic != s2.variadic || !s2.type_params.is_empty() {
                    return None;
                }
                for (t1, t2) in [(s1.params, s2.params), (s1.results, s2.results)] {
                    let (v1, v2) = (world.tuple_vars(t1), world.tuple_vars(t2));
                    if v1.len() != v2.len() {
                        return None;
                    }
                    for (&x, &y) in v1.iter().zip(v2) {
                        self.unify(world.obj(x).ty, world.obj(y).ty, bound)?;
                    }
                }
                Some(())
            }
            (Type::Named(n1), Type::Named(n2))
                if n1.origin.is_some()
                    && n1.origin == n2.origin
                    && n1.type_args.len() == n2.type_args.len() =>
            {
                for (&x, &y) in n1.type_args.iter().zip(&n2.type_args) {
                    self.unify(x, y, bound)?;
                }
                Some(())
            }
            _ => None,
        }
    }
}

/// What inference can use of an argument.
fn argument(pass: &Pass<'_>, file: usize, arg: ExprId) -> Option<Arg> {
    let world = pass.world;
    let ast = pass.ast(file);
    let e = unparen(ast, arg);
    let tv = pass.type_and_value(file, arg)?;
    if tv.value.is_some() {
        // A constant: untyped if written as a literal or an untyped constant's name.
        let literal = |e: ExprId| match ast.expr(e) {
            Expr::BasicLit { kind, .. } => Some(*kind),
            _ => None,
        };
        let kind = match ast.expr(e) {
            Expr::Unary {
                op: UnaryOp::Neg | UnaryOp::Pos,
                x,
            } => literal(unparen(ast, *x)),
            _ => literal(e),
        };
        if let Some(kind) = kind {
            return Some(Arg::Untyped(literal_default(kind)));
        }
        let obj = pass.object_of_expr(file, e);
        return Some(match obj.map(|o| world.obj(o)) {
            Some(o) if matches!(o.kind, ObjKind::Const(_)) => {
                if world.is_untyped(o.ty) {
                    Arg::Untyped(world.default_type(o.ty))
                } else {
                    Arg::Typed(o.ty)
                }
            }
            // Constant expressions (`1 + 2`, conversions): their typedness is not recorded.
            _ => Arg::Opaque,
        });
    }
    if !world.is_valid(tv.ty) || world.is_untyped(tv.ty) {
        return Some(Arg::Opaque);
    }
    if let Type::Signature(sig) = world.ty(tv.ty)
        && !sig.type_params.is_empty()
    {
        // A generic function value: inferred from the call's context; not modelled.
        return None;
    }
    Some(Arg::Typed(tv.ty))
}

fn literal_default(kind: LitKind) -> TypeId {
    use hir::types::ids;
    match kind {
        LitKind::Int => ids::INT,
        LitKind::Float => ids::FLOAT64,
        LitKind::Imag => ids::COMPLEX128,
        LitKind::Char => ids::RUNE,
        LitKind::String => ids::STRING,
    }
}

/// The order of untyped constant kinds (int < rune < float < complex), by default type.
fn rank(world: &World, t: TypeId) -> u8 {
    match world.basic_kind(t) {
        Some(BasicKind::Int) => 1,
        Some(BasicKind::Int32) => 2,
        Some(BasicKind::Float64) => 3,
        Some(BasicKind::Complex128) => 4,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn fixtures() {
        crate::testing::check(&super::ANALYZER, "infertypeargs");
    }
}
