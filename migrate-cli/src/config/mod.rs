//! Prisma's config file (`prisma.config.ts`, `.js`, `.mjs`, `.cjs`, `.mts`,
//! `.cts`, or `.config/prisma.*`), read — never run — for the settings
//! migrate needs: `schema`, `migrations.path`, `migrations.seed`,
//! `datasource.url`, `datasource.shadowDatabaseUrl`, `tables.external` and
//! `enums.external`.
//!
//! A setting is read when it is written as a string, `env("X")` (from
//! `prisma/config`), `process.env.X` / `process.env["X"]`, a template string
//! of those, `a ?? b` / `a || b` of those, `path.join(...)` of those, or a
//! `const` holding one. Anything else is code, which migrate does not run:
//! such a setting is reported, with where it is written, only when a command
//! needs it and no flag replaces it.
//!
//! Facts from Prisma (6.19.3's and 7's `@prisma/config`): the file is looked
//! for in the current directory, `prisma.config.*` then `.config/prisma.*`,
//! extensions in the order `.js .ts .mjs .cjs .mts .cts`; paths in it are
//! relative to its folder; `env("X")` fails when `X` is unset or empty
//! ("Missing required environment variable: X"); no `.env` file is loaded
//! when a config file exists (6.19.3 prints "Prisma config detected,
//! skipping environment variable loading."), unless the config loads it
//! itself by `dotenv` (`import "dotenv/config"`).

mod expr;
mod tokens;

use expr::{Expr, Module, Node, Part};
use std::fmt;
use std::path::{Path, PathBuf};

/// A place in the config file: 1-based line and column (in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Location {
    pub line: usize,
    pub col: usize,
}

/// Extensions Prisma tries, in its order.
const EXTENSIONS: [&str; 6] = ["js", "ts", "mjs", "cjs", "mts", "cts"];

/// The config file in `dir`, if there is one, where Prisma looks for it.
pub fn find(dir: &Path) -> Option<PathBuf> {
    ["prisma.config", ".config/prisma"]
        .iter()
        .flat_map(|base| EXTENSIONS.iter().map(move |ext| dir.join(format!("{base}.{ext}"))))
        .find(|path| path.is_file())
}

/// What can go wrong reading a config file or one of its settings. Every
/// variant names the file, and where a setting is concerned, the place in
/// it and the flag that replaces it.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("Could not read {path}: {source}")]
    Read { path: String, source: std::io::Error },
    #[error("{path}:{}:{}: {message}", at.line, at.col)]
    Syntax {
        path: String,
        at: Location,
        message: String,
    },
    #[error("{path} has no `export default` (or `module.exports =`): migrate reads the settings from the object the config exports.")]
    NoExport { path: String },
    #[error("{path}:{}:{}: `{property}` is computed by {what}, which migrate does not run (it reads the config file, never executes it). {instead}", at.line, at.col)]
    Unreadable {
        path: String,
        at: Location,
        property: &'static str,
        what: String,
        instead: &'static str,
    },
    #[error("{path}:{}:{}: `{property}` reads the environment variable `{var}`, which is not set{}.{}", at.line, at.col, if *.required { " (or empty)" } else { "" }, dotenv_note(note))]
    Unset {
        path: String,
        at: Location,
        property: &'static str,
        var: String,
        required: bool,
        note: Option<Box<DotenvNote>>,
    },
}

/// Why a variable the config reads is unset though a `.env` file sets it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DotenvNote {
    pub env_file: PathBuf,
    pub config: PathBuf,
}

impl fmt::Display for DotenvNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} sets it, but Prisma 7 does not load .env files when {} exists, and neither does migrate: \
             add `import \"dotenv/config\";` at the top of {} (migrate reads that line and loads .env as dotenv does), \
             or set the variable in the environment.",
            self.env_file.strip_prefix(".").unwrap_or(&self.env_file).display(),
            file_name(&self.config),
            file_name(&self.config),
        )
    }
}

fn dotenv_note(note: &Option<Box<DotenvNote>>) -> String {
    note.as_ref().map(|n| format!(" Note: {n}")).unwrap_or_default()
}

/// The folder of a file; `.` for a bare file name.
fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}

/// A string setting as the config writes it, to be computed from the
/// environment when it is used.
#[derive(Debug, Clone, PartialEq)]
pub enum Text {
    Literal(String),
    /// `env("X")` (required: unset or empty fails, as Prisma's `env`) or
    /// `process.env.X` (undefined when unset).
    Env {
        var: String,
        required: bool,
    },
    /// A template string's pieces.
    Concat(Vec<Text>),
    /// `left ?? right` (`or_empty` false) or `left || right` (true: an empty
    /// left side falls through too).
    Fallback {
        left: Box<Text>,
        right: Box<Text>,
        or_empty: bool,
    },
    /// `path.join(...)`.
    Join(Vec<Text>),
}

/// A [`Text`] computed: its value, or the variable whose absence left it
/// undefined.
#[derive(Debug, Clone, PartialEq)]
enum Computed {
    Value(String),
    Undefined { var: String, required: bool },
}

impl Text {
    fn compute(&self, env: &dyn Fn(&str) -> Option<String>) -> Computed {
        match self {
            Text::Literal(s) => Computed::Value(s.clone()),
            Text::Env { var, required } => match env(var) {
                Some(v) if !(*required && v.is_empty()) => Computed::Value(v),
                _ => Computed::Undefined {
                    var: var.clone(),
                    required: *required,
                },
            },
            Text::Concat(parts) | Text::Join(parts) => {
                let mut values = Vec::new();
                for part in parts {
                    match part.compute(env) {
                        Computed::Value(v) => values.push(v),
                        undefined => return undefined,
                    }
                }
                match self {
                    Text::Join(_) => Computed::Value(join_paths(&values)),
                    _ => Computed::Value(values.concat()),
                }
            }
            Text::Fallback { left, right, or_empty } => match left.compute(env) {
                Computed::Value(v) if !(*or_empty && v.is_empty()) => Computed::Value(v),
                Computed::Undefined { required: true, var } => Computed::Undefined { var, required: true },
                _ => right.compute(env),
            },
        }
    }

    /// Every variable the text reads.
    fn vars(&self) -> Vec<&str> {
        match self {
            Text::Literal(_) => Vec::new(),
            Text::Env { var, .. } => vec![var],
            Text::Concat(parts) | Text::Join(parts) => parts.iter().flat_map(Text::vars).collect(),
            Text::Fallback { left, right, .. } => left.vars().into_iter().chain(right.vars()).collect(),
        }
    }
}

/// Node's `path.join`: `/`-separated, `.` and empty segments dropped, `..`
/// going up where it can.
fn join_paths(parts: &[String]) -> String {
    let joined = parts.join("/");
    let absolute = joined.starts_with('/');
    let mut segments: Vec<&str> = Vec::new();
    for segment in joined.split('/') {
        match segment {
            "" | "." => {}
            ".." if segments.last().is_some_and(|s| *s != "..") => {
                segments.pop();
            }
            ".." if absolute => {}
            s => segments.push(s),
        }
    }
    let body = segments.join("/");
    match (absolute, body.is_empty()) {
        (true, _) => format!("/{body}"),
        (false, true) => ".".into(),
        (false, false) => body,
    }
}

/// One setting of the config.
#[derive(Debug, Clone, PartialEq)]
pub enum Setting<T> {
    /// Not in the config.
    Absent,
    Given {
        value: T,
        at: Location,
    },
    /// Written as code migrate does not run.
    Unreadable {
        what: String,
        at: Location,
    },
}

/// The settings of a config file, as written.
#[derive(Debug)]
pub struct PrismaConfig {
    pub path: PathBuf,
    pub schema: Setting<Text>,
    pub migrations_path: Setting<Text>,
    /// `views.path`: where `db pull` writes the views' queries.
    pub views_path: Setting<Text>,
    pub seed: Setting<Text>,
    pub url: Setting<Text>,
    pub shadow_url: Setting<Text>,
    pub external_tables: Setting<Vec<Text>>,
    pub external_enums: Setting<Vec<Text>>,
    /// The `.env` files the config loads by dotenv, in order.
    pub dotenv_files: Vec<PathBuf>,
}

/// Which setting: its property path (where the config is read, and what
/// messages name), and what replaces it.
#[derive(Debug, Clone, Copy)]
pub struct Property {
    pub path: &'static str,
    pub instead: &'static str,
}

impl Property {
    /// The keys of the path, from the exported object down.
    fn keys(&self) -> Vec<&'static str> {
        self.path.split('.').collect()
    }
}

pub const SCHEMA: Property = Property {
    path: "schema",
    instead: "Pass the schema with --schema instead, or write the path as a string.",
};
pub const MIGRATIONS_PATH: Property = Property {
    path: "migrations.path",
    instead: "Write the path as a string (relative to the config file).",
};
pub const VIEWS_PATH: Property = Property {
    path: "views.path",
    instead: "Write the path as a string (relative to the config file).",
};
pub const SEED: Property = Property {
    path: "migrations.seed",
    instead: "Write the seed command as a string, or put it in migrate.toml ([seed] command = \"...\").",
};
pub const URL: Property = Property {
    path: "datasource.url",
    instead: "Pass the URL with --url instead, or write it as a string, env(\"VAR\"), process.env.VAR or a template string of those.",
};
pub const SHADOW_URL: Property = Property {
    path: "datasource.shadowDatabaseUrl",
    instead: "Write it as a string, env(\"VAR\"), process.env.VAR or a template string of those.",
};
pub const EXTERNAL_TABLES: Property = Property {
    path: "tables.external",
    instead: "Write it as an array of strings.",
};
pub const EXTERNAL_ENUMS: Property = Property {
    path: "enums.external",
    instead: "Write it as an array of strings.",
};

impl PrismaConfig {
    /// Reads the config file at `path`.
    pub fn read(path: &Path) -> Result<PrismaConfig, ConfigError> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: shown.clone(),
            source,
        })?;
        let tokens = tokens::tokenize(&text).map_err(|e| ConfigError::Syntax {
            path: shown.clone(),
            at: e.at,
            message: e.message,
        })?;
        let module = expr::read_module(&tokens);
        let Some(default) = module.default.clone() else {
            return Err(ConfigError::NoExport { path: shown });
        };
        let dir = folder_of(path);
        let reader = Reader {
            module: &module,
            dir: &dir,
        };
        let root = reader.config_object(&default);
        let at = |property: Property| reader.lookup(&root, &property.keys());
        Ok(PrismaConfig {
            path: path.to_path_buf(),
            schema: reader.text(&at(SCHEMA)),
            migrations_path: reader.text(&at(MIGRATIONS_PATH)),
            views_path: reader.text(&at(VIEWS_PATH)),
            seed: reader.text(&at(SEED)),
            url: reader.text(&at(URL)),
            shadow_url: reader.text(&at(SHADOW_URL)),
            external_tables: reader.list(&at(EXTERNAL_TABLES)),
            external_enums: reader.list(&at(EXTERNAL_ENUMS)),
            dotenv_files: reader.dotenv_files(),
        })
    }

    /// The folder paths in the config are relative to.
    pub fn dir(&self) -> PathBuf {
        folder_of(&self.path)
    }

    /// A string setting's value (`None` when the config does not set it),
    /// computed from the process environment.
    pub fn string(
        &self,
        setting: &Setting<Text>,
        property: Property,
    ) -> Result<Option<(String, Location)>, ConfigError> {
        self.given(setting, property, |value, at| {
            self.compute(value, at, property).map(|v| (v, at))
        })
    }

    /// A path setting, resolved against the config's folder.
    pub fn path_setting(&self, setting: &Setting<Text>, property: Property) -> Result<Option<PathBuf>, ConfigError> {
        Ok(self.string(setting, property)?.map(|(p, _)| self.dir().join(p)))
    }

    /// A list setting's strings (empty when the config does not set it).
    pub fn strings(&self, setting: &Setting<Vec<Text>>, property: Property) -> Result<Vec<String>, ConfigError> {
        let strings = self.given(setting, property, |values, at| {
            values.iter().map(|t| self.compute(t, at, property)).collect()
        })?;
        Ok(strings.unwrap_or_default())
    }

    /// What `compute` makes of a setting's value; `None` when the config
    /// does not set it, an error when it is written as code.
    fn given<T, U>(
        &self,
        setting: &Setting<T>,
        property: Property,
        compute: impl FnOnce(&T, Location) -> Result<U, ConfigError>,
    ) -> Result<Option<U>, ConfigError> {
        match setting {
            Setting::Absent => Ok(None),
            Setting::Unreadable { what, at } => Err(self.unreadable(*at, property, what)),
            Setting::Given { value, at } => compute(value, *at).map(Some),
        }
    }

    fn compute(&self, text: &Text, at: Location, property: Property) -> Result<String, ConfigError> {
        let env = |var: &str| std::env::var(var).ok();
        let unloaded = self.unloaded_dotenv(text);
        match text.compute(&env) {
            Computed::Value(v) => {
                if let Some((var, note)) = unloaded {
                    eprintln!(
                        "Note: `{}` in {} used a fallback because `{var}` is not set; {note}",
                        property.path,
                        file_name(&self.path)
                    );
                }
                Ok(v)
            }
            Computed::Undefined { var, required } => Err(ConfigError::Unset {
                path: self.path.display().to_string(),
                at,
                property: property.path,
                note: unloaded.filter(|(v, _)| *v == var).map(|(_, n)| Box::new(n)),
                var,
                required,
            }),
        }
    }

    /// A variable `text` reads that is unset, though a `.env` file beside
    /// the config (or in the current directory) sets it — a `.env` that
    /// Prisma 7 does not load, unless the config loads it.
    fn unloaded_dotenv(&self, text: &Text) -> Option<(String, DotenvNote)> {
        let candidates = [self.dir().join(".env"), PathBuf::from(".env")];
        for var in text.vars() {
            if std::env::var_os(var).is_some() {
                continue;
            }
            for env_file in candidates.iter().filter(|f| !self.dotenv_files.contains(f)) {
                let sets_it = crate::env_file::read(env_file)
                    .ok()
                    .flatten()
                    .is_some_and(|vars| vars.iter().any(|(k, _)| k == var));
                if sets_it {
                    let note = DotenvNote {
                        env_file: env_file.clone(),
                        config: self.path.clone(),
                    };
                    return Some((var.to_string(), note));
                }
            }
        }
        None
    }

    fn unreadable(&self, at: Location, property: Property, what: &str) -> ConfigError {
        ConfigError::Unreadable {
            path: self.path.display().to_string(),
            at,
            property: property.path,
            what: what.to_string(),
            instead: property.instead,
        }
    }
}

/// Reads settings out of the module's expressions.
struct Reader<'m> {
    module: &'m Module,
    dir: &'m Path,
}

/// How many `const` indirections are followed (a cycle stops here).
const MAX_INDIRECTIONS: usize = 16;

impl Reader<'_> {
    /// The exported object: `defineConfig(x)` is `x`, a name its `const`.
    fn config_object(&self, node: &Node) -> Node {
        let node = self.resolve(node);
        match &node.expr {
            Expr::Call { callee, args } if callee.len() == 1 && callee[0] == "defineConfig" && args.len() == 1 => {
                self.resolve(&args[0])
            }
            _ => node,
        }
    }

    /// Follows a name to the `const` it names.
    fn resolve(&self, node: &Node) -> Node {
        let mut node = node.clone();
        for _ in 0..MAX_INDIRECTIONS {
            match &node.expr {
                Expr::Name(path) if path.len() == 1 => match self.module.bindings.get(&path[0]) {
                    Some(bound) => node = bound.clone(),
                    None => break,
                },
                _ => break,
            }
        }
        node
    }

    /// The value at `keys` under `root`: `None` when absent, or the node
    /// that stops the walk (code, or a value that is not an object).
    fn lookup(&self, root: &Node, keys: &[&str]) -> Option<Node> {
        let mut node = root.clone();
        for key in keys {
            node = self.resolve(&node);
            match &node.expr {
                Expr::Object(props) => {
                    node = props.iter().rev().find(|(k, _)| k == key)?.1.clone();
                }
                Expr::Code(_) => return Some(node),
                Expr::Literal("nothing") => return None,
                _ => {
                    return Some(Node {
                        expr: Expr::Code("a value that is not an object".into()),
                        at: node.at,
                    })
                }
            }
        }
        Some(self.resolve(&node))
    }

    fn text(&self, node: &Option<Node>) -> Setting<Text> {
        let Some(node) = node else { return Setting::Absent };
        if node.expr == Expr::Literal("nothing") {
            return Setting::Absent;
        }
        match self.text_of(node) {
            Ok(value) => Setting::Given { value, at: node.at },
            Err((what, at)) => Setting::Unreadable { what, at },
        }
    }

    fn list(&self, node: &Option<Node>) -> Setting<Vec<Text>> {
        let Some(node) = node else { return Setting::Absent };
        match &node.expr {
            Expr::Array(items) => match items.iter().map(|item| self.text_of(&self.resolve(item))).collect() {
                Ok(value) => Setting::Given { value, at: node.at },
                Err((what, at)) => Setting::Unreadable { what, at },
            },
            Expr::Literal("nothing") => Setting::Absent,
            Expr::Code(what) => Setting::Unreadable {
                what: what.clone(),
                at: node.at,
            },
            _ => Setting::Unreadable {
                what: "a value that is not an array".into(),
                at: node.at,
            },
        }
    }

    /// A string-valued expression as [`Text`], or what makes it code.
    fn text_of(&self, node: &Node) -> Result<Text, (String, Location)> {
        let node = self.resolve(node);
        let code = |what: String| Err((what, node.at));
        match &node.expr {
            Expr::Str(s) => Ok(Text::Literal(s.clone())),
            Expr::Template(parts) => parts
                .iter()
                .map(|part| match part {
                    Part::Text(t) => Ok(Text::Literal(t.clone())),
                    Part::Expr(inner) => self.text_of(inner),
                })
                .collect::<Result<_, _>>()
                .map(Text::Concat),
            Expr::Name(path) => match path.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
                ["process", "env", var] => Ok(Text::Env {
                    var: var.to_string(),
                    required: false,
                }),
                ["__dirname"] | ["import", "meta", "dirname"] => Ok(Text::Literal(self.dir.display().to_string())),
                _ => code(format!(
                    "the variable `{}` (not a `const` of this file)",
                    path.join(".")
                )),
            },
            Expr::Call { callee, args } => match (
                callee.iter().map(String::as_str).collect::<Vec<_>>().as_slice(),
                args.as_slice(),
            ) {
                (
                    ["env"],
                    [Node {
                        expr: Expr::Str(var), ..
                    }],
                ) => Ok(Text::Env {
                    var: var.clone(),
                    required: true,
                }),
                (["path", "join"] | ["join"], parts) => parts
                    .iter()
                    .map(|p| self.text_of(p))
                    .collect::<Result<_, _>>()
                    .map(Text::Join),
                (name, _) => code(format!("a call to `{}()`", name.join("."))),
            },
            Expr::Fallback { op, left, right } => Ok(Text::Fallback {
                left: Box::new(self.text_of(left)?),
                right: Box::new(self.text_of(right)?),
                or_empty: *op == "||",
            }),
            Expr::Literal(what) => code(format!("{what} (not a string)")),
            Expr::Object(_) => code("an object (not a string)".into()),
            Expr::Array(_) => code("an array (not a string)".into()),
            Expr::Code(what) => code(what.clone()),
        }
    }

    /// The `.env` files the module loads by dotenv: `.env` in the current
    /// directory (dotenv's default), or the literal `path` it is given.
    fn dotenv_files(&self) -> Vec<PathBuf> {
        self.module
            .dotenv
            .iter()
            .map(|(_, options)| {
                let path = options
                    .as_ref()
                    .and_then(|o| self.lookup(o, &["path"]))
                    .and_then(|p| self.text_of(&p).ok())
                    .and_then(|t| match t.compute(&|var| std::env::var(var).ok()) {
                        Computed::Value(v) => Some(v),
                        Computed::Undefined { .. } => None,
                    });
                PathBuf::from(path.unwrap_or_else(|| ".env".into()))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests;
