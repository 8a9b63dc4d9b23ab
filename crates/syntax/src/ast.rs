//! The typed AST: owned, arena-allocated, cheap to compare, and shaped like go/ast.
//!
//! A [`File`] owns three arenas (expressions, statements, declarations) addressed by small ids.
//! Like go/ast, types are expressions: `[]int`, `map[K]V` and `func()` are [`Expr`] variants,
//! because Go's syntax does not always tell types from values (`f[int](x)` and `a[i](x)` read
//! the same; the checker decides which it is). Every node's byte range sits in a side table,
//! so that comparing two ASTs compares structure and positions in one pass of `==`.
//!
//! Missing or malformed parts lower to [`Expr::Bad`] / [`Stmt::Bad`]: the checker must cope
//! with partial trees, never panic on them.

use crate::{SyntaxError, TextRange};

macro_rules! id {
    ($name:ident) => {
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
        pub struct $name(pub u32);

        impl $name {
            pub fn index(self) -> usize {
                self.0 as usize
            }
        }
    };
}

id!(ExprId);
id!(StmtId);
id!(DeclId);

/// An identifier with its range.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct Name {
    pub text: Box<str>,
    pub range: TextRange,
}

impl Name {
    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn is_blank(&self) -> bool {
        &*self.text == "_"
    }
}

/// One lowered Go source file.
#[derive(Clone, PartialEq, Eq, Debug, Default)]
pub struct File {
    /// The package clause's name; `None` when the clause is missing or broken.
    pub package: Option<Name>,
    pub imports: Vec<ImportSpec>,
    /// Top-level declarations other than imports, in source order.
    pub decls: Vec<DeclId>,
    /// `//go:build` and other directive comments are not here; the project model reads them.
    pub exprs: Vec<Expr>,
    pub expr_ranges: Vec<TextRange>,
    pub stmts: Vec<Stmt>,
    pub stmt_ranges: Vec<TextRange>,
    pub decl_data: Vec<Decl>,
    /// Errors found while lowering (nesting too deep), beyond those the parser reported.
    pub errors: Vec<SyntaxError>,
    /// Errors that go/types reports, not go/parser, about what the AST does not keep: a
    /// receiver list with no receiver or several (`func () m()`, `func (a, b T) m()`; `recv`
    /// keeps the first). gofmt accepts such files, so these are not syntax errors: the checker
    /// reports them, worded and placed as go/types does.
    pub check_errors: Vec<SyntaxError>,
}

impl File {
    pub fn expr(&self, id: ExprId) -> &Expr {
        &self.exprs[id.index()]
    }

    pub fn expr_range(&self, id: ExprId) -> TextRange {
        self.expr_ranges[id.index()]
    }

    pub fn stmt(&self, id: StmtId) -> &Stmt {
        &self.stmts[id.index()]
    }

    pub fn stmt_range(&self, id: StmtId) -> TextRange {
        self.stmt_ranges[id.index()]
    }

    pub fn decl(&self, id: DeclId) -> &Decl {
        &self.decl_data[id.index()]
    }

    /// Top-level declarations with their data.
    pub fn top_level(&self) -> impl Iterator<Item = &Decl> {
        self.decls.iter().map(|&id| self.decl(id))
    }
}

#[derive(Clone, PartialEq, Eq, Debug)]
pub struct ImportSpec {
    /// The local name: a package name, `_`, or `.`.
    pub name: Option<Name>,
    /// The import path, unquoted; `None` if the literal is malformed.
    pub path: Option<String>,
    pub path_range: TextRange,
    pub range: TextRange,
}

/// A declaration: a function or method, or a `const`/`var`/`type` group.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum Decl {
    Func(FuncDecl),
    Gen(GenDecl),
}

#[derive(Clone, PartialEq, Eq, Debug)]
pub struct FuncDecl {
    pub name: Name,
    /// The receiver parameter of a method: the first one, if the list has several (see
    /// [`File::check_errors`]); `None` for a function, and for `func () m()`.
    pub recv: Option<Field>,
    pub type_params: Vec<Field>,
    pub sig: FuncType,
    /// `None` for a function without a body (implemented in assembly, or via linkname).
    pub body: Option<StmtId>,
    /// The doc comment's range (contiguous comment lines right above), if any.
    pub doc: Option<TextRange>,
    pub range: TextRange,
}

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum GenKind {
    Const,
    Var,
    Type,
}

#[derive(Clone, PartialEq, Eq, Debug)]
pub struct GenDecl {
    pub kind: GenKind,
    pub specs: Vec<Spec>,
    /// Whether the specs were written in parentheses.
    pub grouped: bool,
    pub doc: Option<TextRange>,
    pub range: TextRange,
}

#[derive(Clone, PartialEq, Eq, Debug)]
pub enum Spec {
    /// A `const` or `var` spec. For constants, `iota` is the spec's index in its group.
    Value {
        names: Vec<Name>,
        ty: Option<ExprId>,
        values: Vec<ExprId>,
        iota: u32,
        range: TextRange,
    },
    /// A type definition (`type T U`) or alias (`type T = U`).
    Type {
        name: Name,
        type_params: Vec<Field>,
        alias: bool,
        ty: ExprId,
        range: TextRange,
    },
}

/// A function signature (without type parameters, which belong to the declaration).
#[derive(Clone, PartialEq, Eq, Debug, Default)]
pub struct FuncType {
    pub params: Vec<Field>,
    pub results: Vec<Field>,
    pub range: TextRange,
}

/// A field, parameter, result, receiver or type parameter: names (possibly none) and a type.
/// A variadic parameter's type is an [`Expr::Ellipsis`].
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Field {
    pub names: Vec<Name>,
    pub ty: ExprId,
    /// A struct field's tag, as written (quotes included).
    pub tag: Option<Box<str>>,
    /// An embedded struct field (`T`, `*T`, `pkg.T`): no names, and `ty` is the type.
    pub embedded: bool,
    pub range: TextRange,
}

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum LitKind {
    Int,
    Float,
    Imag,
    Char,
    String,
}

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum UnaryOp {
    Pos,
    Neg,
    Not,
    Xor,
    /// `&x`
    Addr,
    /// `<-x`
    Recv,
    /// `~T` in a constraint.
    Tilde,
}

impl UnaryOp {
    /// The operator for a prefix token; `*` is not one (it is [`Expr::Star`]).
    pub fn from_token(token: &str) -> Option<UnaryOp> {
        Some(match token {
            "+" => UnaryOp::Pos,
            "-" => UnaryOp::Neg,
            "!" => UnaryOp::Not,
            "^" => UnaryOp::Xor,
            "&" => UnaryOp::Addr,
            "<-" => UnaryOp::Recv,
            "~" => UnaryOp::Tilde,
            _ => return None,
        })
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum BinaryOp {
    Add,
    Sub,
    Mul,
    Quo,
    Rem,
    And,
    Or,
    Xor,
    Shl,
    Shr,
    AndNot,
    LogAnd,
    LogOr,
    Eql,
    Neq,
    Lss,
    Leq,
    Gtr,
    Geq,
}

impl BinaryOp {
    pub fn from_token(token: &str) -> Option<BinaryOp> {
        use BinaryOp::*;
        Some(match token {
            "+" => Add,
            "-" => Sub,
            "*" => Mul,
            "/" => Quo,
            "%" => Rem,
            "&" => And,
            "|" => Or,
            "^" => Xor,
            "<<" => Shl,
            ">>" => Shr,
            "&^" => AndNot,
            "&&" => LogAnd,
            "||" => LogOr,
            "==" => Eql,
            "!=" => Neq,
            "<" => Lss,
            "<=" => Leq,
            ">" => Gtr,
            ">=" => Geq,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        use BinaryOp::*;
        match self {
            Add => "+",
            Sub => "-",
            Mul => "*",
            Quo => "/",
            Rem => "%",
            And => "&",
            Or => "|",
            Xor => "^",
            Shl => "<<",
            Shr => ">>",
            AndNot => "&^",
            LogAnd => "&&",
            LogOr => "||",
            Eql => "==",
            Neq => "!=",
            Lss => "<",
            Leq => "<=",
            Gtr => ">",
            Geq => ">=",
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum ChanDir {
    Both,
    Send,
    Recv,
}

/// An interface element: a method, or a type term / union (an embedded interface is a type).
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum InterfaceElem {
    Method {
        name: Name,
        sig: FuncType,
    },
    /// `T`, `~T`, `A | ~B`: unions are [`BinaryOp::Or`] chains, `~T` is [`UnaryOp::Tilde`].
    Type(ExprId),
}

#[derive(Clone, PartialEq, Eq, Debug)]
pub enum Expr {
    /// Missing or malformed.
    Bad,
    /// An identifier (including the predeclared `true`, `false`, `nil`, `iota`).
    Name(Name),
    /// A literal, as written.
    BasicLit {
        kind: LitKind,
        value: Box<str>,
    },
    /// `T{...}`; `ty` is `None` for an elided type inside another literal. Elements may be
    /// [`Expr::KeyValue`].
    CompositeLit {
        ty: Option<ExprId>,
        elts: Vec<ExprId>,
        lbrace: u32,
    },
    KeyValue {
        key: ExprId,
        value: ExprId,
    },
    FuncLit {
        sig: FuncType,
        body: StmtId,
    },
    Paren(ExprId),
    Selector {
        x: ExprId,
        sel: Name,
    },
    /// `x[i]`, and generic instantiation `f[A, B]`.
    Index {
        x: ExprId,
        indices: Vec<ExprId>,
    },
    Slice {
        x: ExprId,
        low: Option<ExprId>,
        high: Option<ExprId>,
        max: Option<ExprId>,
        three: bool,
    },
    /// `x.(T)`; `ty` is `None` in a type switch guard `x.(type)`.
    TypeAssert {
        x: ExprId,
        ty: Option<ExprId>,
    },
    /// A call or a conversion; `ellipsis` is the position of a trailing `...`.
    Call {
        fun: ExprId,
        args: Vec<ExprId>,
        ellipsis: Option<u32>,
    },
    /// `*x`: a dereference or a pointer type.
    Star(ExprId),
    Unary {
        op: UnaryOp,
        x: ExprId,
    },
    Binary {
        op: BinaryOp,
        x: ExprId,
        y: ExprId,
    },
    /// `...T` in a variadic parameter; `[...]T`'s length is `Ellipsis(None)`.
    Ellipsis(Option<ExprId>),
    /// `[N]T`, `[...]T`; a slice type has no length.
    ArrayType {
        len: Option<ExprId>,
        elem: ExprId,
    },
    StructType {
        fields: Vec<Field>,
    },
    FuncType(FuncType),
    InterfaceType {
        elems: Vec<InterfaceElem>,
    },
    MapType {
        key: ExprId,
        value: ExprId,
    },
    ChanType {
        dir: ChanDir,
        elem: ExprId,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum AssignOp {
    /// `=`
    Assign,
    /// `:=`
    Define,
    /// `op=`
    Op(BinaryOp),
}

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum BranchKind {
    Break,
    Continue,
    Goto,
    Fallthrough,
}

/// A `case`/`default` clause of a switch or type switch; `list` is `None` for `default`.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct CaseClause {
    pub list: Option<Vec<ExprId>>,
    pub body: Vec<StmtId>,
    pub range: TextRange,
}

/// A `case`/`default` clause of a select; `comm` is `None` for `default`.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct CommClause {
    pub comm: Option<StmtId>,
    pub body: Vec<StmtId>,
    pub range: TextRange,
}

#[derive(Clone, PartialEq, Eq, Debug)]
pub enum Stmt {
    Bad,
    Empty,
    /// A `const`, `var` or `type` declaration inside a function.
    Decl(DeclId),
    Labeled {
        label: Name,
        stmt: StmtId,
    },
    Expr(ExprId),
    Send {
        chan: ExprId,
        value: ExprId,
    },
    IncDec {
        x: ExprId,
        inc: bool,
    },
    Assign {
        lhs: Vec<ExprId>,
        op: AssignOp,
        rhs: Vec<ExprId>,
    },
    Go(ExprId),
    Defer(ExprId),
    Return(Vec<ExprId>),
    Branch {
        kind: BranchKind,
        label: Option<Name>,
    },
    Block {
        stmts: Vec<StmtId>,
        rbrace: Option<u32>,
    },
    If {
        init: Option<StmtId>,
        cond: ExprId,
        then: StmtId,
        els: Option<StmtId>,
    },
    Switch {
        init: Option<StmtId>,
        tag: Option<ExprId>,
        clauses: Vec<CaseClause>,
    },
    /// `switch [init;] [bind :=] x.(type) { ... }`
    TypeSwitch {
        init: Option<StmtId>,
        bind: Option<Name>,
        x: ExprId,
        clauses: Vec<CaseClause>,
    },
    Select {
        clauses: Vec<CommClause>,
    },
    For {
        init: Option<StmtId>,
        cond: Option<ExprId>,
        post: Option<StmtId>,
        body: StmtId,
    },
    Range {
        key: Option<ExprId>,
        value: Option<ExprId>,
        define: bool,
        x: ExprId,
        body: StmtId,
    },
}
