//! The moto harness: a moto server on a free loopback port, with SigV4 signature checks on,
//! an IAM user whose access key the tests sign with, and the fixtures the tests read.
//!
//! [`MotoServer::start`] runs `python3 -m moto.server`'s entry point (in a small launcher that
//! also exits when this process goes away), reads the port it bound from its log, then runs
//! `moto_setup.py` beside this crate's manifest: while moto still lets calls through
//! unchecked (`INITIAL_NO_AUTH_ACTION_COUNT`, unlimited at start), it creates the user, an
//! allow-all policy, the access key and the fixtures, then closes the allowance
//! (`/moto-api/reset-auth`) and checks that a wrong secret is now refused. From then on moto
//! recomputes the signature of every request and answers a wrong one with 403
//! `SignatureDoesNotMatch`, an unknown access key with 403 `InvalidClientTokenId`, both with
//! an XML body whatever the service's protocol.
//!
//! moto 5.2 refuses the valid signature of a request that has no body (it signs the headers
//! as a form body instead): the operations tested all send one.
//!
//! When `python3`, moto or boto3 is missing, starting gives a [`Skip`]; [`or_skip`] turns it
//! into "print and return", or into a failure where `REQUIRE_MOTO` is set (as in CI).

use std::collections::VecDeque;
use std::ffi::{OsStr, OsString};
use std::fmt;
use std::io::{BufRead, BufReader, Read};
use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

/// How long moto may take to import and bind (about 1 s; start and setup together took
/// 2.5 s on the 2-core machine under a load of 5).
const START_TIMEOUT: Duration = Duration::from_secs(60);

/// How long the setup script may take (about 1.5 s, most of it moto loading each service's
/// backend on its first call).
const SETUP_TIMEOUT: Duration = Duration::from_secs(90);

/// How many of the server's last log lines an error quotes.
const LOG_LINES: usize = 40;

/// Runs moto's server entry point with the arguments given after `-c`, and exits as soon as
/// standard input closes: the test process holds the other end, so a server it never drops
/// (a shared one, or one left by a killed test) ends with it instead of outliving it.
const LAUNCHER: &str = "\
import os, sys, threading
def watch():
    sys.stdin.buffer.read()
    os._exit(0)
threading.Thread(target=watch, daemon=True).start()
from moto.server import main
main(sys.argv[1:])
";

/// The line werkzeug (moto's HTTP server) logs once it listens, before the URL.
const LISTENING: &str = "Running on http://";

/// The Python interpreter that runs moto and the setup script: a program and the arguments
/// it takes before the script.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Python {
    program: OsString,
    args: Vec<OsString>,
}

impl Python {
    /// `program`, with no arguments of its own.
    pub fn new(program: impl AsRef<OsStr>) -> Self {
        Self { program: program.as_ref().to_owned(), args: Vec::new() }
    }

    /// Adds an interpreter argument (`-S`, `-I`, …), given before the script.
    pub fn arg(mut self, arg: impl AsRef<OsStr>) -> Self {
        self.args.push(arg.as_ref().to_owned());
        self
    }

    fn command(&self) -> Command {
        let mut command = Command::new(&self.program);
        command.args(&self.args);
        // The loopback server must be reached directly, whatever proxy the environment names.
        command.env("NO_PROXY", "127.0.0.1,localhost").env("no_proxy", "127.0.0.1,localhost");
        command
    }

    fn name(&self) -> String {
        self.program.to_string_lossy().into_owned()
    }
}

impl Default for Python {
    /// `python3` from `PATH`: the interpreter CI installs moto and boto3 into.
    fn default() -> Self {
        Self::new("python3")
    }
}

/// Why the end-to-end tests cannot run here: moto, boto3 or Python is not installed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skip {
    message: String,
}

impl Skip {
    fn new(message: impl Into<String>) -> Self {
        Self { message: message.into() }
    }

    /// What is missing, and how to install it.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Skip {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// Why [`MotoServer::start`] gave no server.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StartError {
    /// Something the harness needs is not installed: the tests should skip.
    Skip(Skip),
    /// Everything is installed, but moto or the setup failed: the tests should fail.
    Failed(String),
}

impl fmt::Display for StartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Skip(skip) => write!(f, "skipped: {skip}"),
            Self::Failed(message) => write!(f, "the moto harness failed: {message}"),
        }
    }
}

impl std::error::Error for StartError {}

/// A test's way in: the server, `None` after printing why when moto cannot run here (the
/// test then returns), or an error. Where the environment variable `REQUIRE_MOTO` is set (CI
/// sets it, having installed moto) a skip is an error too, so that it cannot pass unseen.
pub fn or_skip<T>(result: Result<T, StartError>) -> Result<Option<T>, StartError> {
    skip_or_fail(result, std::env::var_os("REQUIRE_MOTO").is_some())
}

/// [`or_skip`] with `required` given rather than read from the environment.
pub fn skip_or_fail<T>(result: Result<T, StartError>, required: bool) -> Result<Option<T>, StartError> {
    match result {
        Ok(value) => Ok(Some(value)),
        Err(StartError::Skip(skip)) if required => {
            Err(StartError::Failed(format!("{skip}; REQUIRE_MOTO is set, so this is a failure")))
        }
        Err(StartError::Skip(skip)) => {
            eprintln!("skipped: {skip}");
            Ok(None)
        }
        Err(error) => Err(error),
    }
}

/// The fixtures the setup script made before the signature checks were turned on.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Fixtures {
    /// A QuickSight data set (in the account [`MotoServer::account_id`]), to ingest into.
    pub quicksight_data_set_id: String,
    /// A QuickSight group of the `default` namespace.
    pub quicksight_group: String,
    /// An SQS queue holding one message, [`sqs_message_body`](Self::sqs_message_body).
    pub sqs_queue: String,
    /// The body of the message waiting in [`sqs_queue`](Self::sqs_queue).
    pub sqs_message_body: String,
    /// A CloudWatch Logs log group.
    pub log_group: String,
}

/// A running moto server, killed on drop.
pub struct MotoServer {
    child: Child,
    // Held open for the launcher: closing it (on drop, or when this process ends) stops moto.
    _stdin: Option<ChildStdin>,
    log: Log,
    url: String,
    access_key_id: String,
    secret_access_key: String,
    region: String,
    account_id: String,
    fixtures: Fixtures,
}

impl fmt::Debug for MotoServer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MotoServer")
            .field("url", &self.url)
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &"<redacted>")
            .field("region", &self.region)
            .field("account_id", &self.account_id)
            .field("fixtures", &self.fixtures)
            .finish_non_exhaustive()
    }
}

impl MotoServer {
    /// Starts a server of this test's own with `python3` from `PATH` (see the module docs).
    pub fn start() -> Result<Self, StartError> {
        Self::start_with(&Python::default())
    }

    /// One server for the whole test binary, started on first use: a start and setup cost
    /// seconds, so tests that can share moto's state (each naming what it creates uniquely)
    /// should share it. It is never dropped: it stops when the test process exits.
    pub fn shared() -> Result<&'static Self, StartError> {
        static SHARED: OnceLock<Result<MotoServer, StartError>> = OnceLock::new();
        SHARED.get_or_init(Self::start).as_ref().map_err(Clone::clone)
    }

    /// Starts a server with the interpreter `python`.
    pub fn start_with(python: &Python) -> Result<Self, StartError> {
        let mut command = python.command();
        command
            .arg("-c")
            .arg(LAUNCHER)
            .args(["-H", "127.0.0.1", "-p", "0"])
            // Unchecked calls until the setup script closes the allowance; set here so that
            // a value in the environment cannot cut the setup short.
            .env("INITIAL_NO_AUTH_ACTION_COUNT", "inf")
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        let mut child = command.spawn().map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => Skip::new(format!("`{}` cannot be run: {e}", python.name())).into(),
            _ => StartError::Failed(format!("cannot start `{}`: {e}", python.name())),
        })?;
        let stdin = child.stdin.take();
        let stderr = child.stderr.take();
        let (log, events) = Log::new();
        // Built at once, so that every failure below drops it and so kills the process.
        let mut server = Self {
            child,
            _stdin: stdin,
            log,
            url: String::new(),
            access_key_id: String::new(),
            secret_access_key: String::new(),
            region: String::new(),
            account_id: String::new(),
            fixtures: Fixtures::default(),
        };
        match stderr {
            Some(stderr) => server.log.follow(stderr),
            None => return Err(StartError::Failed("moto's log cannot be read".to_owned())),
        }
        server.url = server.wait_listening(&events)?;
        server.wait_answering()?;
        let report = setup(python, &server.url).map_err(|error| match error {
            StartError::Failed(message) => {
                StartError::Failed(format!("{message}\nmoto's log:\n{}", server.log.recent()))
            }
            skip => skip,
        })?;
        server.access_key_id = report.access_key_id;
        server.secret_access_key = report.secret_access_key;
        server.region = report.region;
        server.account_id = report.account_id;
        server.fixtures = report.fixtures;
        Ok(server)
    }

    /// The endpoint URL, `http://127.0.0.1:<port>`, without a trailing slash.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The access key ID of the IAM user the tests sign as.
    pub fn access_key_id(&self) -> &str {
        &self.access_key_id
    }

    /// The secret access key of that user.
    pub fn secret_access_key(&self) -> &str {
        &self.secret_access_key
    }

    /// The region the fixtures are in and requests are signed for (`us-east-1`).
    pub fn region(&self) -> &str {
        &self.region
    }

    /// The account of the user and the fixtures (moto's default, `123456789012`).
    pub fn account_id(&self) -> &str {
        &self.account_id
    }

    /// The fixtures the setup made.
    pub fn fixtures(&self) -> &Fixtures {
        &self.fixtures
    }

    /// The server's last log lines (one per request served, and any traceback), to quote
    /// when a test fails.
    pub fn recent_log(&self) -> String {
        self.log.recent()
    }

    /// The URL moto logs once it listens; a skip when Python cannot import moto.
    fn wait_listening(&mut self, events: &mpsc::Receiver<Event>) -> Result<String, StartError> {
        match events.recv_timeout(START_TIMEOUT) {
            Ok(Event::Listening(url)) => Ok(url),
            // The log closed: the server exited.
            Ok(Event::Closed) | Err(mpsc::RecvTimeoutError::Disconnected) => {
                let status = self.child.wait().map_err(|e| StartError::Failed(format!("moto exited: {e}")))?;
                let log = self.log.recent();
                Err(match missing_module(&log) {
                    Some(module) => Skip::new(format!("Python cannot import `{module}`: {INSTALL}")).into(),
                    None => StartError::Failed(format!("moto exited ({status}) before it listened; its log:\n{log}")),
                })
            }
            Err(mpsc::RecvTimeoutError::Timeout) => Err(StartError::Failed(format!(
                "moto did not log that it listens within {} s; its log:\n{}",
                START_TIMEOUT.as_secs(),
                self.log.recent()
            ))),
        }
    }

    /// Waits until the port takes connections (werkzeug logs after binding: at once).
    fn wait_answering(&self) -> Result<(), StartError> {
        let address = socket_address(&self.url)?;
        let deadline = Instant::now() + START_TIMEOUT;
        loop {
            match TcpStream::connect_timeout(&address, Duration::from_secs(1)) {
                Ok(_) => return Ok(()),
                Err(e) if Instant::now() >= deadline => {
                    return Err(StartError::Failed(format!("moto logged {} but does not answer: {e}", self.url)));
                }
                Err(_) => std::thread::sleep(Duration::from_millis(20)),
            }
        }
    }
}

impl Drop for MotoServer {
    fn drop(&mut self) {
        // Nothing to report from a drop: a server that already exited is fine.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl From<Skip> for StartError {
    fn from(skip: Skip) -> Self {
        Self::Skip(skip)
    }
}

/// How to install what the harness needs.
const INSTALL: &str = "install moto's server and boto3 with `python3 -m pip install \"moto[server]\" boto3`";

/// What the log reader tells the starting harness.
enum Event {
    /// moto listens at this URL.
    Listening(String),
    /// The log closed: the process exited.
    Closed,
}

/// The server's last log lines, kept by a thread that reads its standard error to the end
/// (werkzeug logs every request there: unread, the pipe would fill and stall the server).
#[derive(Clone)]
struct Log {
    lines: Arc<Mutex<VecDeque<String>>>,
    events: mpsc::Sender<Event>,
}

impl Log {
    fn new() -> (Self, mpsc::Receiver<Event>) {
        let (events, receiver) = mpsc::channel();
        (Self { lines: Arc::default(), events }, receiver)
    }

    fn follow(&self, stderr: impl Read + Send + 'static) {
        let log = self.clone();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stderr);
            let mut line = Vec::new();
            let mut listening = false;
            // Ends at the end of the stream (the server exited) or a read error.
            while matches!(reader.read_until(b'\n', &mut line), Ok(n) if n > 0) {
                let text = String::from_utf8_lossy(&line).trim_end().to_owned();
                line.clear();
                if !listening {
                    if let Some(url) = listening_url(&text) {
                        listening = true;
                        // The harness may have given up waiting: nobody to tell then.
                        let _ = log.events.send(Event::Listening(url));
                    }
                }
                log.push(text);
            }
            let _ = log.events.send(Event::Closed);
        });
    }

    fn push(&self, line: String) {
        // A poisoned lock only means a reader panicked: the lines are still whole.
        let mut lines = self.lines.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if lines.len() == LOG_LINES {
            lines.pop_front();
        }
        lines.push_back(line);
    }

    fn recent(&self) -> String {
        let lines = self.lines.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        lines.iter().map(String::as_str).collect::<Vec<_>>().join("\n")
    }
}

/// The URL of werkzeug's ` * Running on http://127.0.0.1:PORT` line.
fn listening_url(line: &str) -> Option<String> {
    let rest = &line[line.find(LISTENING)? + LISTENING.len()..];
    let authority = rest.split_whitespace().next()?.trim_end_matches('/');
    (!authority.is_empty()).then(|| format!("http://{authority}"))
}

fn socket_address(url: &str) -> Result<SocketAddr, StartError> {
    let authority = url.strip_prefix("http://").unwrap_or(url);
    authority
        .to_socket_addrs()
        .ok()
        .and_then(|mut addresses| addresses.next())
        .ok_or_else(|| StartError::Failed(format!("moto logged `{url}`, which is no loopback address")))
}

/// The module a Python traceback says it cannot import.
fn missing_module(log: &str) -> Option<&str> {
    const MARK: &str = "No module named '";
    let rest = &log[log.find(MARK)? + MARK.len()..];
    rest.split('\'').next()
}

/// What the setup script reports.
struct Report {
    access_key_id: String,
    secret_access_key: String,
    region: String,
    account_id: String,
    fixtures: Fixtures,
}

/// The setup script, beside this crate's manifest.
fn setup_script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("moto_setup.py")
}

/// Runs the setup script against the server at `url` and reads its report.
fn setup(python: &Python, url: &str) -> Result<Report, StartError> {
    let mut command = python.command();
    command.arg(setup_script()).arg(url).stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
    let (status, stdout, stderr) = run(command, SETUP_TIMEOUT)
        .map_err(|e| StartError::Failed(format!("the setup script ({}) failed: {e}", setup_script().display())))?;
    if !status.success() {
        return Err(match missing_module(&stderr) {
            Some(module) => Skip::new(format!("Python cannot import `{module}`: {INSTALL}")).into(),
            None => StartError::Failed(format!("the setup script failed ({status}):\n{stderr}")),
        });
    }
    parse_report(&stdout).map_err(|e| StartError::Failed(format!("the setup script's report {e}")))
}

/// Runs `command` to its end, or kills it after `timeout`: its status, stdout and stderr.
fn run(mut command: Command, timeout: Duration) -> Result<(ExitStatus, String, String), String> {
    let mut child = command.spawn().map_err(|e| format!("cannot start it: {e}"))?;
    // Both pipes are read as the process writes, so neither fills and stalls it.
    let stdout = child.stdout.take().map(read_to_end);
    let stderr = child.stderr.take().map(read_to_end);
    let deadline = Instant::now() + timeout;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if Instant::now() >= deadline => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("it did not finish within {} s", timeout.as_secs()));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => return Err(format!("cannot wait for it: {e}")),
        }
    };
    let text = |reader: Option<std::thread::JoinHandle<String>>| {
        reader.map(|reader| reader.join().unwrap_or_default()).unwrap_or_default()
    };
    Ok((status, text(stdout), text(stderr)))
}

fn read_to_end(mut pipe: impl Read + Send + 'static) -> std::thread::JoinHandle<String> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        // What was read before an error is still worth showing.
        let _ = pipe.read_to_end(&mut bytes);
        String::from_utf8_lossy(&bytes).into_owned()
    })
}

fn parse_report(stdout: &str) -> Result<Report, String> {
    let value: serde_json::Value =
        serde_json::from_str(stdout).map_err(|e| format!("is not JSON ({e}): {stdout:?}"))?;
    let field = |object: &serde_json::Value, name: &str| {
        object
            .get(name)
            .and_then(serde_json::Value::as_str)
            .map(str::to_owned)
            .ok_or_else(|| format!("has no string `{name}`"))
    };
    let fixtures = value.get("fixtures").ok_or("has no `fixtures`")?;
    Ok(Report {
        access_key_id: field(&value, "access_key_id")?,
        secret_access_key: field(&value, "secret_access_key")?,
        region: field(&value, "region")?,
        account_id: field(&value, "account_id")?,
        fixtures: Fixtures {
            quicksight_data_set_id: field(fixtures, "quicksight_data_set_id")?,
            quicksight_group: field(fixtures, "quicksight_group")?,
            sqs_queue: field(fixtures, "sqs_queue")?,
            sqs_message_body: field(fixtures, "sqs_message_body")?,
            log_group: field(fixtures, "log_group")?,
        },
    })
}
