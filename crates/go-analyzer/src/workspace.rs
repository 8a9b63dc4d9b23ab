//! The workspace as the project model sees it: the toolchain, the module graph and a package
//! loader for the current directory, shared by `list` and `check`.

use std::{path::PathBuf, sync::Arc};

use base_db::OsFileSystem;
use project_model::{
    build::BuildContext,
    load::{FsBridge, Loader, ModuleResolver, Package, is_standard_import_path},
    modules::{Env, ModuleGraph},
    toolchain::{self, ProcessEnv},
};

/// Everything needed to build a [`Loader`].
pub(crate) struct Workspace {
    pub(crate) goroot: PathBuf,
    pub(crate) cwd: PathBuf,
    ctx: BuildContext,
    fs: OsFileSystem,
    graph: ModuleGraph,
}

impl Workspace {
    /// Detects the toolchain and loads the module graph of the current directory; `Err` when
    /// there is no Go toolchain. `goos`/`goarch` override the environment's.
    pub(crate) fn detect(
        goos: Option<&str>,
        goarch: Option<&str>,
        extra_tags: &[String],
    ) -> Result<Workspace, String> {
        let mut env = toolchain::detect(&ProcessEnv::default());
        let Some(goroot) = env.goroot.clone() else {
            return Err("no Go toolchain found (set GOROOT or put go on PATH)".into());
        };
        let native = (env.goos.clone(), env.goarch.clone());
        if let Some(goos) = goos {
            env.goos = goos.to_string();
        }
        if let Some(goarch) = goarch {
            env.goarch = goarch.to_string();
        }
        // As the go command: a cross build has cgo off unless CGO_ENABLED says otherwise.
        if (env.goos.clone(), env.goarch.clone()) != native
            && std::env::var_os("CGO_ENABLED").is_none()
        {
            env.cgo_enabled = false;
        }
        let mut tags =
            toolchain::tool_tags(&env.goos, &env.goarch, &env.goexperiment, &env.goamd64);
        tags.extend(extra_tags.iter().cloned());
        let ctx = BuildContext::new(
            env.goos.clone(),
            env.goarch.clone(),
            env.cgo_enabled,
            env.go_minor().unwrap_or(0),
            tags,
        );
        let fs = OsFileSystem;
        let cwd = std::env::current_dir().unwrap_or_default();
        let module_env = Env {
            gomodcache: env.gomodcache.clone(),
            goflags_mod: Env::mod_flag_from_goflags(&env.goflags),
            gowork: Some(env.gowork.clone()).filter(|w| !w.is_empty()),
            go111module: Some(env.go111module.clone()).filter(|m| !m.is_empty()),
        };
        let graph = ModuleGraph::load_with_gopath(
            &FsBridge(&fs),
            &cwd,
            &module_env,
            &goroot,
            &env.gopath_entries,
        );
        Ok(Workspace {
            goroot,
            cwd,
            ctx,
            fs,
            graph,
        })
    }

    /// The module graph's own problems (go.mod syntax errors, missing modules), as lines.
    pub(crate) fn diagnostics(&self) -> Vec<String> {
        self.graph
            .diagnostics()
            .iter()
            .map(|d| d.display().to_string())
            .collect()
    }

    /// Runs `f` with a loader and the packages `patterns` match (`std`, `cmd`, import paths,
    /// `./dir`, `./...`); patterns that match nothing are reported on stderr with `tool`
    /// unless `tool` is `None` (the caller reports them its own way).
    pub(crate) fn with_packages<R>(
        &self,
        tool: Option<&str>,
        patterns: &[String],
        f: impl FnOnce(&mut Loader<'_>, Vec<Arc<Package>>) -> R,
    ) -> R {
        let resolver = ModuleResolver {
            graph: &self.graph,
            fs: FsBridge(&self.fs),
        };
        let mut loader = Loader::new(&self.fs, self.ctx.clone(), Some(self.goroot.clone()))
            .with_resolver(&resolver);
        let mut roots: Vec<Arc<Package>> = Vec::new();
        for pattern in patterns {
            match pattern.as_str() {
                "std" | "cmd" => roots.extend(loader.goroot_packages(pattern)),
                path if is_standard_import_path(path) && !path.contains("...") && path != "." => {
                    let dir = self.goroot.join("src").join(path);
                    roots.push(loader.load_dir(&dir, path, None));
                }
                other => {
                    let found = loader.module_packages(&resolver, &self.cwd, other);
                    if let (true, Some(tool)) = (found.is_empty(), tool) {
                        eprintln!("go-analyzer {tool}: pattern {other:?} matched no packages");
                    }
                    roots.extend(found);
                }
            }
        }
        let result = f(&mut loader, roots);
        if let Some(tool) = tool {
            for error in loader.errors() {
                eprintln!("go-analyzer {tool}: {error}");
            }
            for warning in loader.warnings() {
                eprintln!("go-analyzer {tool}: warning: {warning}");
            }
        }
        result
    }
}
