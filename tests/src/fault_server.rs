//! A scripted HTTP/1.1 server on loopback for the client's fault tests.
//!
//! Each incoming request takes the next [`Action`] of a queue: answer, answer late, or drop
//! the connection without answering. Every request is recorded whole for assertions. The
//! server listens on a free port of 127.0.0.1 and stops when the [`FaultServer`] is dropped.
//!
//! ```no_run
//! # async fn example() -> std::io::Result<()> {
//! use codegen_tests::fault_server::{Action, FaultServer, Reply};
//! let server = FaultServer::start([Action::Drop, Action::Respond(Reply::new(200).body("{}"))]).await?;
//! // ... point the client at server.url(), call, then:
//! assert_eq!(server.requests().len(), 2);
//! # Ok(())
//! # }
//! ```

use bytes::Bytes;
use http_body::Body;
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use smithy_runtime::{BoxError, ByteStream};
use std::collections::VecDeque;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::Notify;
use tokio::task::JoinHandle;

/// What the server does with one request.
#[derive(Clone, Debug)]
pub enum Action {
    /// Answers at once.
    Respond(Reply),
    /// Answers after the delay (to trip a client's attempt timeout).
    Delay(Duration, Reply),
    /// Reads the request, then closes the connection without answering.
    Drop,
}

/// A response to send.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reply {
    /// The status code.
    pub status: u16,
    /// The headers, in order.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Bytes,
}

impl Reply {
    /// A reply of `status` with no header and an empty body.
    pub fn new(status: u16) -> Self {
        Self { status, headers: Vec::new(), body: Bytes::new() }
    }

    /// Adds a header.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Sets the body.
    pub fn body(mut self, body: impl Into<Bytes>) -> Self {
        self.body = body.into();
        self
    }
}

/// One request as the server received it.
#[derive(Clone, Debug)]
pub struct RecordedRequest {
    /// The method.
    pub method: http::Method,
    /// The request target (path and query, as sent on the request line).
    pub uri: http::Uri,
    /// The headers.
    pub headers: http::HeaderMap,
    /// The whole body.
    pub body: Bytes,
}

#[derive(Default)]
struct State {
    actions: VecDeque<Action>,
    requests: Vec<RecordedRequest>,
    connections: usize,
}

/// Locks the state even after a panic elsewhere: the data stays consistent (each update is one
/// push or pop), and a test should see its own assertion fail, not a poisoned lock.
fn lock(state: &Mutex<State>) -> MutexGuard<'_, State> {
    state.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The server; dropping it stops the listener and every connection.
#[derive(Debug)]
pub struct FaultServer {
    address: SocketAddr,
    state: Arc<Mutex<State>>,
    task: JoinHandle<()>,
}

impl std::fmt::Debug for State {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("State").field("actions", &self.actions.len()).field("requests", &self.requests.len()).finish()
    }
}

impl FaultServer {
    /// Starts a server on a free loopback port with `actions` queued, within a tokio runtime.
    /// A request that finds the queue empty gets a 500 saying so.
    pub async fn start(actions: impl IntoIterator<Item = Action>) -> std::io::Result<Self> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let address = listener.local_addr()?;
        let state = Arc::new(Mutex::new(State { actions: actions.into_iter().collect(), ..State::default() }));
        let task = tokio::spawn(accept_loop(listener, state.clone()));
        Ok(Self { address, state, task })
    }

    /// Queues one more action.
    pub fn push(&self, action: Action) {
        lock(&self.state).actions.push_back(action);
    }

    /// The address it listens on.
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// Its base URL, `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://{}", self.address)
    }

    /// The requests received so far, in order.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        lock(&self.state).requests.clone()
    }

    /// The connections accepted so far.
    pub fn connections(&self) -> usize {
        lock(&self.state).connections
    }

    /// The actions not yet used.
    pub fn remaining(&self) -> usize {
        lock(&self.state).actions.len()
    }
}

impl Drop for FaultServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Accepts connections until aborted; the connections' tasks are aborted with it.
async fn accept_loop(listener: TcpListener, state: Arc<Mutex<State>>) {
    let mut connections = tokio::task::JoinSet::new();
    while let Ok((stream, _)) = listener.accept().await {
        lock(&state).connections += 1;
        let state = state.clone();
        connections.spawn(async move {
            // Set by a `Drop` action: the connection is closed by dropping it unanswered.
            let hang_up = Arc::new(Notify::new());
            let service_hang_up = hang_up.clone();
            let service =
                hyper::service::service_fn(move |request| handle(request, state.clone(), service_hang_up.clone()));
            let connection = hyper::server::conn::http1::Builder::new().serve_connection(TokioIo::new(stream), service);
            tokio::select! {
                _ = connection => {}
                _ = hang_up.notified() => {}
            }
        });
    }
}

async fn handle(
    request: http::Request<Incoming>,
    state: Arc<Mutex<State>>,
    hang_up: Arc<Notify>,
) -> Result<http::Response<ByteStream>, BoxError> {
    let (head, body) = request.into_parts();
    let body = collect(body).await?;
    let action = {
        let mut state = lock(&state);
        state.requests.push(RecordedRequest { method: head.method, uri: head.uri, headers: head.headers, body });
        state.actions.pop_front()
    };
    let reply = match action {
        Some(Action::Respond(reply)) => reply,
        Some(Action::Delay(delay, reply)) => {
            tokio::time::sleep(delay).await;
            reply
        }
        Some(Action::Drop) => {
            hang_up.notify_one();
            // The connection is dropped with this future in it.
            std::future::pending::<()>().await;
            return Err("the connection was dropped".into());
        }
        None => Reply::new(500).body("fault server: no scripted action left for this request"),
    };
    let mut response = http::Response::builder().status(reply.status);
    for (name, value) in &reply.headers {
        response = response.header(name, value);
    }
    Ok(response.body(ByteStream::from(reply.body))?)
}

/// Reads a whole request body.
async fn collect(mut body: Incoming) -> Result<Bytes, hyper::Error> {
    let mut bytes = Vec::new();
    while let Some(frame) = std::future::poll_fn(|cx| Pin::new(&mut body).poll_frame(cx)).await {
        if let Ok(data) = frame?.into_data() {
            bytes.extend_from_slice(&data);
        }
    }
    Ok(Bytes::from(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use tokio::net::TcpStream;

    /// Sends raw HTTP/1.1 and reads until the server closes the connection.
    async fn exchange(address: SocketAddr, request: &str) -> String {
        let mut stream = TcpStream::connect(address).await.expect("connect");
        stream.write_all(request.as_bytes()).await.expect("write");
        let mut answer = Vec::new();
        stream.read_to_end(&mut answer).await.expect("read");
        String::from_utf8_lossy(&answer).into_owned()
    }

    #[tokio::test]
    async fn plays_its_script_and_records_the_requests() {
        let reply = Reply::new(503).header("x-amzn-errortype", "ServiceUnavailable").body("busy");
        let server = FaultServer::start([Action::Respond(reply), Action::Drop]).await.expect("start");
        server.push(Action::Delay(Duration::from_millis(200), Reply::new(200).body("late")));

        let close = "Connection: close\r\n";
        let first = exchange(
            server.address(),
            &format!("POST /a?x=1 HTTP/1.1\r\nHost: h\r\n{close}Content-Length: 5\r\n\r\nhello"),
        )
        .await;
        assert!(first.starts_with("HTTP/1.1 503"), "{first}");
        assert!(first.contains("x-amzn-errortype: ServiceUnavailable") && first.ends_with("busy"), "{first}");

        let dropped = exchange(server.address(), &format!("GET /b HTTP/1.1\r\nHost: h\r\n{close}\r\n")).await;
        assert_eq!(dropped, "", "closed without a byte of answer");

        let started = std::time::Instant::now();
        let late = exchange(server.address(), &format!("GET /c HTTP/1.1\r\nHost: h\r\n{close}\r\n")).await;
        assert!(late.starts_with("HTTP/1.1 200") && late.ends_with("late"), "{late}");
        assert!(started.elapsed() >= Duration::from_millis(200));

        let unscripted = exchange(server.address(), &format!("GET /d HTTP/1.1\r\nHost: h\r\n{close}\r\n")).await;
        assert!(unscripted.starts_with("HTTP/1.1 500") && unscripted.contains("no scripted action"), "{unscripted}");

        let requests = server.requests();
        let seen: Vec<(String, String)> = requests.iter().map(|r| (r.method.to_string(), r.uri.to_string())).collect();
        assert_eq!(
            seen,
            [("POST", "/a?x=1"), ("GET", "/b"), ("GET", "/c"), ("GET", "/d")].map(|(m, u)| (m.into(), u.into()))
        );
        assert_eq!(requests[0].body, "hello");
        assert_eq!(requests[0].headers.get("host").map(|h| h.as_bytes()), Some(&b"h"[..]));
        assert_eq!(server.connections(), 4);
        assert_eq!(server.remaining(), 0);
    }

    #[tokio::test]
    async fn dropping_the_server_stops_it() {
        let server = FaultServer::start([]).await.expect("start");
        let address = server.address();
        drop(server);
        // Aborting is asynchronous: give the runtime a moment to close the listener.
        let mut refused = false;
        for _ in 0..50 {
            if TcpStream::connect(address).await.is_err() {
                refused = true;
                break;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        assert!(refused, "still listening on {address}");
    }
}
