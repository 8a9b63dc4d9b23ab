//! Packages as the analysis reports them: which package a file belongs to, under which build
//! configuration, as plain data (go list's vocabulary).

use base_db::{SourceDatabase, SourceFile};
use project_model::{
    build::{BuildContext, FileKind},
    db::file_package,
    load::Package,
};

/// The package of a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PackageInfo {
    /// The package's files, imports, module and errors, as `go list -json` names them.
    pub package: Package,
    /// The build configuration the package was loaded for.
    pub config: BuildContext,
    /// Whether `config` is the workspace's configuration. When it is not, the workspace's
    /// configuration excludes the file (`foo_windows.go` on Linux, `//go:build ignore`) and
    /// `config` is one that includes it.
    pub default_config: bool,
    /// Which of the package's file lists the file is in, under `config`.
    pub file_kind: FileKind,
}

pub(crate) fn package_for_file(db: &dyn SourceDatabase, file: SourceFile) -> Option<PackageInfo> {
    let found = file_package(db, file).as_ref()?;
    Some(PackageInfo {
        package: (*found.package).clone(),
        config: found.config.clone(),
        default_config: found.default_config,
        file_kind: found.kind,
    })
}

/// The project settings the go command would use for a workspace with folders `roots`, from
/// the process environment (and one `go env` run when it lacks something), and a message for
/// the user when there is no Go toolchain (the standard library is then unknown, and only
/// syntax is checked).
pub fn detect_project_settings(
    roots: Vec<std::path::PathBuf>,
) -> (project_model::db::Settings, Option<String>) {
    let env = project_model::toolchain::detect(&project_model::toolchain::ProcessEnv::default());
    let warning = env.goroot.is_none().then(|| {
        "no Go toolchain found (set GOROOT or put go on PATH): the standard library is unknown"
            .to_string()
    });
    (
        project_model::db::Settings::from_go_env(&env, roots),
        warning,
    )
}
