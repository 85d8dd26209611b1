//! Prisma's generator protocol, as Prisma 6.19.3 speaks it (observed with a
//! logging generator; see `/work/research/generator-protocol.md` in the project's notes
//! and `tests/protocol.rs`): the generator is a child process started through the
//! shell; requests are JSON-RPC 2.0 objects, one per line, on its standard input;
//! answers come back the same way on its standard **error** (non-JSON lines there
//! are the generator's own messages). Its standard output is the user's.
//!
//! Every generator is asked `getManifest` first (its display name, version and
//! default output folder), then each is sent `generate` in schema order.

use crate::block::{ConfigValue, GeneratorBlock};
use crate::GenerateError;
use migrate_core::psl::datamodel::EnvValue;
use serde_json::{json, Value as Json};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStderr, ChildStdin, Command, Stdio};

/// The engines version Prisma 6.19.3 sends as `version`: the Prisma release
/// whose formats migrate follows. Generators compare it with their own engines.
pub const ENGINES_VERSION: &str = "c2990dca591cba766e3b7ef5d9e8a84796e47ab7";

/// A generator's answer to `getManifest`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Manifest {
    /// `prettyName`: how success is reported (`Generated <prettyName>`).
    pub pretty_name: Option<String>,
    /// `version`, shown after the name.
    pub version: Option<String>,
    /// `defaultOutput`: the output when the block sets none (relative to the schema's folder).
    pub default_output: Option<String>,
}

/// A running generator that has answered `getManifest`.
pub struct Running {
    child: Child,
    stdin: Option<ChildStdin>,
    stderr: BufReader<ChildStderr>,
    /// The generator's own messages on standard error, kept for an error report.
    log: Vec<String>,
    /// What it answered.
    pub manifest: Manifest,
    name: String,
}

impl Drop for Running {
    fn drop(&mut self) {
        drop(self.stdin.take());
        // A generator that does not stop once its input is closed is stopped.
        if let Ok(None) = self.child.try_wait() {
            std::thread::sleep(std::time::Duration::from_millis(20));
            if let Ok(None) = self.child.try_wait() {
                let _ = self.child.kill();
            }
        }
        let _ = self.child.wait();
    }
}

/// `{"fromEnvVar": ..., "value": ...}`.
fn env_value(v: &EnvValue) -> Json {
    match v {
        EnvValue::Literal(s) => json!({ "fromEnvVar": null, "value": s }),
        EnvValue::Env(var) => json!({ "fromEnvVar": var, "value": std::env::var(var).ok() }),
    }
}

/// Prisma's `GeneratorConfig` of a block; `output` as given (`None`: as written in the block).
pub fn generator_config(block: &GeneratorBlock, output: Option<&Path>) -> Json {
    let config: serde_json::Map<String, Json> = block
        .config
        .iter()
        .map(|(k, v)| {
            let v = match v {
                ConfigValue::One(s) => json!(s),
                ConfigValue::List(l) => json!(l),
            };
            (k.clone(), v)
        })
        .collect();
    let binary_targets: Vec<Json> = if block.binary_targets.is_empty() {
        vec![json!({ "fromEnvVar": null, "value": native_platform(), "native": true })]
    } else {
        block
            .binary_targets
            .iter()
            .map(|t| match t {
                EnvValue::Literal(s) if s == "native" => {
                    json!({ "fromEnvVar": null, "value": native_platform(), "native": true })
                }
                other => env_value(other),
            })
            .collect()
    };
    let mut out = json!({
        "name": block.name,
        "provider": env_value(&block.provider),
        "output": match (output, &block.output) {
            (Some(path), _) => json!({ "value": path.display().to_string(), "fromEnvVar": null }),
            (None, Some(written)) => env_value(written),
            (None, None) => Json::Null,
        },
        "config": config,
        "binaryTargets": binary_targets,
        "previewFeatures": block.preview_features,
        "sourceFilePath": absolute(&block.source_file).display().to_string(),
    });
    if output.is_some() && block.output.is_some() {
        out["isCustomOutput"] = json!(true);
    }
    out
}

/// Prisma's name for this machine's platform (its engines' binary target).
pub fn native_platform() -> String {
    let arch = std::env::consts::ARCH;
    match std::env::consts::OS {
        "macos" if arch == "aarch64" => "darwin-arm64".into(),
        "macos" => "darwin".into(),
        "windows" => "windows".into(),
        "linux" => {
            let os_release = std::fs::read_to_string("/etc/os-release").unwrap_or_default();
            let ids: String = os_release
                .lines()
                .filter(|l| l.starts_with("ID=") || l.starts_with("ID_LIKE="))
                .collect::<Vec<_>>()
                .join(" ");
            let ssl = openssl_version();
            if ids.contains("alpine") {
                return match arch {
                    "aarch64" => format!("linux-musl-arm64-openssl-{ssl}"),
                    _ => format!("linux-musl-openssl-{ssl}"),
                };
            }
            if arch == "aarch64" {
                return format!("linux-arm64-openssl-{ssl}");
            }
            let family = if ids.contains("rhel") || ids.contains("fedora") || ids.contains("centos") {
                "rhel"
            } else {
                "debian"
            };
            format!("{family}-openssl-{ssl}")
        }
        other => other.to_string(),
    }
}

/// `3.0.x` where the system has OpenSSL 3, else `1.1.x`.
fn openssl_version() -> &'static str {
    let dirs = [
        "/usr/lib",
        "/lib",
        "/usr/lib64",
        "/lib64",
        "/usr/lib/x86_64-linux-gnu",
        "/lib/x86_64-linux-gnu",
        "/usr/lib/aarch64-linux-gnu",
        "/lib/aarch64-linux-gnu",
    ];
    if dirs.iter().any(|d| Path::new(d).join("libssl.so.3").exists())
        || !dirs.iter().any(|d| Path::new(d).join("libssl.so.1.1").exists())
    {
        "3.0.x"
    } else {
        "1.1.x"
    }
}

/// The absolute form of a path (against the current folder), without touching the file system.
pub fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut out = PathBuf::new();
    for part in joined.components() {
        match part {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// Starts the generator's command through the shell, with `path_dirs` put in
/// front of `PATH` (the project's `node_modules/.bin` folders, as `npx` does).
pub fn spawn(
    block: &GeneratorBlock,
    command: &str,
    path_dirs: &[PathBuf],
    id: &mut u64,
) -> Result<Running, GenerateError> {
    let mut cmd = shell(command);
    if !path_dirs.is_empty() {
        let mut paths: Vec<PathBuf> = path_dirs.to_vec();
        paths.extend(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()));
        if let Ok(joined) = std::env::join_paths(paths) {
            cmd.env("PATH", joined);
        }
    }
    let mut child = cmd
        .env("PRISMA_GENERATOR_INVOCATION", "true")
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .stdout(Stdio::inherit())
        .spawn()
        .map_err(|source| GenerateError::Spawn {
            generator: block.name.clone(),
            command: command.to_string(),
            source,
        })?;
    let stdin = child.stdin.take();
    let stderr = BufReader::new(child.stderr.take().expect("stderr is piped"));
    let mut running = Running {
        child,
        stdin,
        stderr,
        log: Vec::new(),
        manifest: Manifest::default(),
        name: block.name.clone(),
    };
    *id += 1;
    let answer = running.call(*id, "getManifest", generator_config(block, None))?;
    let manifest = answer.get("manifest").cloned().unwrap_or(Json::Null);
    let text = |key: &str| manifest.get(key).and_then(Json::as_str).map(str::to_string);
    running.manifest = Manifest {
        pretty_name: text("prettyName"),
        version: text("version"),
        default_output: text("defaultOutput"),
    };
    Ok(running)
}

fn shell(command: &str) -> Command {
    if cfg!(windows) {
        let mut c = Command::new("cmd");
        c.arg("/C").arg(command);
        c
    } else {
        let mut c = Command::new("sh");
        c.arg("-c").arg(command);
        c
    }
}

impl Running {
    /// Sends one request and waits for the answer with its id.
    pub fn call(&mut self, id: u64, method: &str, params: Json) -> Result<Json, GenerateError> {
        let request = json!({ "jsonrpc": "2.0", "method": method, "params": params, "id": id });
        let protocol = |message: String| GenerateError::Protocol {
            generator: self.name.clone(),
            message,
        };
        let stdin = self
            .stdin
            .as_mut()
            .ok_or_else(|| protocol("its input is closed".into()))?;
        let mut line = serde_json::to_string(&request).expect("a request serializes");
        line.push('\n');
        if stdin.write_all(line.as_bytes()).and_then(|_| stdin.flush()).is_err() {
            // Its input is closed: it has stopped (or is stopping).
            return Err(self.died(&format!("it stopped before answering `{method}`")));
        }
        loop {
            let mut line = String::new();
            match self.stderr.read_line(&mut line) {
                Ok(0) | Err(_) => return Err(self.died(&format!("it stopped before answering `{method}`"))),
                Ok(_) => {}
            }
            let trimmed = line.trim_end();
            let Ok(answer) = serde_json::from_str::<Json>(trimmed) else {
                self.log.push(trimmed.to_string());
                continue;
            };
            if answer.get("id").and_then(Json::as_u64) != Some(id) {
                self.log.push(trimmed.to_string());
                continue;
            }
            if let Some(error) = answer.get("error") {
                let message = error
                    .get("message")
                    .and_then(Json::as_str)
                    .map_or_else(|| error.to_string(), str::to_string);
                return Err(GenerateError::Failed {
                    generator: self.name.clone(),
                    message,
                });
            }
            return Ok(answer.get("result").cloned().unwrap_or(Json::Null));
        }
    }

    fn died(&mut self, what: &str) -> GenerateError {
        // The rest of what it wrote explains why.
        let mut rest = String::new();
        while matches!(self.stderr.read_line(&mut rest), Ok(n) if n > 0) {
            self.log.push(rest.trim_end().to_string());
            rest.clear();
        }
        let status = self.child.wait().ok().map(|s| s.to_string()).unwrap_or_default();
        let tail: Vec<&String> = self.log.iter().rev().take(20).collect();
        let log: Vec<&str> = tail.into_iter().rev().map(String::as_str).collect();
        GenerateError::Protocol {
            generator: self.name.clone(),
            message: format!(
                "{what} ({status}){}",
                if log.is_empty() {
                    String::new()
                } else {
                    format!(":\n{}", log.join("\n"))
                }
            ),
        }
    }
}
