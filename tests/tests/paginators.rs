//! The generated paginators (`tests/models/paginators.json`, compiled in
//! `goldens::paginators`) against a scripted server on loopback: pages follow the token the
//! service returns, by pages and by items; an absent or empty token ends them; a repeated
//! token ends them with an error saying so; the page size, a nested output token, map items
//! and a map token go where the model says.

use codegen_tests::fault_server::{Action, FaultServer, RecordedRequest, Reply};
use codegen_tests::goldens::paginators::library::client::Client;
use codegen_tests::goldens::paginators::library::{ListBooksInput, ListShelvesInput, ScanLoansInput};
use futures_core::Stream;
use smithy_runtime::client::{Config, Error, PaginationError, RetryConfig};
use std::pin::Pin;
use std::time::Duration;

const JSON: &str = "application/x-amz-json-1.0";

fn client(server: &FaultServer) -> Client {
    let config = Config::builder()
        .region("us-east-1")
        .endpoint_url(server.url())
        .no_credentials()
        .retry(RetryConfig::new().with_initial_backoff(Duration::from_millis(1)));
    Client::new(&config.build())
}

fn page(body: &str) -> Action {
    Action::Respond(Reply::new(200).header("content-type", JSON).body(body.to_owned()))
}

fn body(request: &RecordedRequest) -> serde_json::Value {
    serde_json::from_slice(&request.body).unwrap()
}

/// The next item of a stream (what `StreamExt::next` does, without futures-util).
async fn next<S: Stream + Unpin>(stream: &mut S) -> Option<S::Item> {
    std::future::poll_fn(|cx| Pin::new(&mut *stream).poll_next(cx)).await
}

async fn collect<S: Stream + Unpin>(mut stream: S) -> Vec<S::Item> {
    let mut items = Vec::new();
    while let Some(item) = next(&mut stream).await {
        items.push(item);
    }
    items
}

fn books() -> ListBooksInput {
    ListBooksInput::builder().genre("fantasy").build()
}

fn three_pages_of_books() -> [Action; 3] {
    [
        page(r#"{"Books":[{"Title":"Earthsea"},{"Title":"Gormenghast"}],"NextToken":"t-1"}"#),
        page(r#"{"Books":[{"Title":"Lud-in-the-Mist"},{"Title":"Titus Groan"}],"NextToken":"t-2"}"#),
        page(r#"{"Books":[{"Title":"The Worm Ouroboros"}]}"#),
    ]
}

/// The `NextToken` each request sent (`None` when absent), and checks each kept the rest of
/// the input.
fn sent_tokens(server: &FaultServer) -> Vec<Option<String>> {
    server
        .requests()
        .iter()
        .map(|request| {
            assert_eq!(request.headers.get("x-amz-target").unwrap(), "Library.ListBooks");
            let body = body(request);
            assert_eq!(body["Genre"], "fantasy");
            body.get("NextToken").map(|t| t.as_str().unwrap().to_owned())
        })
        .collect()
}

#[tokio::test]
async fn pages_follow_the_token_until_a_page_has_none() {
    let server = FaultServer::start(three_pages_of_books()).await.unwrap();
    let pages = collect(client(&server).list_books_paginator(books()).page_size(2)).await;
    let titles: Vec<Vec<String>> = pages
        .into_iter()
        .map(|page| page.unwrap().books.unwrap().into_iter().map(|book| book.title).collect())
        .collect();
    assert_eq!(
        titles,
        [vec!["Earthsea", "Gormenghast"], vec!["Lud-in-the-Mist", "Titus Groan"], vec!["The Worm Ouroboros"]]
    );
    assert_eq!(sent_tokens(&server), [None, Some("t-1".to_owned()), Some("t-2".to_owned())]);
    for request in server.requests() {
        assert_eq!(body(&request)["MaxResults"], 2, "the page size goes with every page");
    }
}

#[tokio::test]
async fn items_flatten_the_pages_in_order() {
    let server = FaultServer::start(three_pages_of_books()).await.unwrap();
    let items = collect(client(&server).list_books_paginator(books()).items()).await;
    let titles: Vec<String> = items.into_iter().map(|book| book.unwrap().title).collect();
    assert_eq!(titles, ["Earthsea", "Gormenghast", "Lud-in-the-Mist", "Titus Groan", "The Worm Ouroboros"]);
    assert_eq!(sent_tokens(&server), [None, Some("t-1".to_owned()), Some("t-2".to_owned())]);
    assert!(server.requests().iter().all(|r| body(r).get("MaxResults").is_none()), "no page size unless asked");
}

#[tokio::test]
async fn nothing_is_sent_until_the_stream_is_polled_and_the_input_token_starts_it() {
    let server = FaultServer::start([page(r#"{"Books":[]}"#)]).await.unwrap();
    let client = client(&server);
    let input = ListBooksInput::builder().genre("fantasy").next_token("resume-here").build();
    let mut pages = client.list_books_paginator(input);
    tokio::time::sleep(Duration::from_millis(20)).await;
    assert!(server.requests().is_empty());
    assert!(next(&mut pages).await.unwrap().is_ok());
    assert!(next(&mut pages).await.is_none());
    assert_eq!(sent_tokens(&server), [Some("resume-here".to_owned())]);
}

#[tokio::test]
async fn an_empty_token_ends_the_pages() {
    let server = FaultServer::start([
        page(r#"{"Books":[{"Title":"Earthsea"}],"NextToken":"t-1"}"#),
        page(r#"{"Books":[{"Title":"Gormenghast"}],"NextToken":""}"#),
        page(r#"{"Books":[{"Title":"never asked for"}]}"#),
    ])
    .await
    .unwrap();
    let items = collect(client(&server).list_books_paginator(books()).items()).await;
    let titles: Vec<String> = items.into_iter().map(|book| book.unwrap().title).collect();
    assert_eq!(titles, ["Earthsea", "Gormenghast"]);
    assert_eq!(server.requests().len(), 2);
    assert_eq!(server.remaining(), 1);
}

#[tokio::test]
async fn a_repeated_token_ends_the_pages_with_an_error_saying_so() {
    let server = FaultServer::start([
        page(r#"{"Books":[{"Title":"Earthsea"}],"NextToken":"t-1"}"#),
        page(r#"{"Books":[{"Title":"Gormenghast"}],"NextToken":"t-1"}"#),
        page(r#"{"Books":[{"Title":"never asked for"}]}"#),
    ])
    .await
    .unwrap();
    let mut pages = client(&server).list_books_paginator(books());
    assert_eq!(next(&mut pages).await.unwrap().unwrap().next_token.as_deref(), Some("t-1"));
    // The page that repeats the token is the service's answer all the same: it comes first.
    assert_eq!(next(&mut pages).await.unwrap().unwrap().books.unwrap()[0].title, "Gormenghast");
    let error = next(&mut pages).await.unwrap().unwrap_err();
    assert!(matches!(error, Error::Pagination(PaginationError::RepeatedToken { operation: "ListBooks" })), "{error:?}");
    let message = error.to_string();
    assert!(message.contains("ListBooks") && message.contains("repeated its pagination token"), "{message}");
    assert!(next(&mut pages).await.is_none());
    assert_eq!(sent_tokens(&server), [None, Some("t-1".to_owned())]);
}

#[tokio::test]
async fn an_error_ends_the_pages() {
    let error = r#"{"__type":"ValidationException","Message":"bad genre"}"#;
    let server = FaultServer::start([
        page(r#"{"Books":[{"Title":"Earthsea"}],"NextToken":"t-1"}"#),
        Action::Respond(Reply::new(400).header("content-type", JSON).body(error)),
    ])
    .await
    .unwrap();
    let items = collect(client(&server).list_books_paginator(books()).items()).await;
    assert_eq!(items.len(), 2);
    assert_eq!(items[0].as_ref().unwrap().title, "Earthsea");
    let error = items[1].as_ref().unwrap_err();
    assert_eq!(error.raw_response().map(|r| r.status().as_u16()), Some(400), "{error:?}");
}

#[tokio::test]
async fn a_nested_token_its_own_page_size_and_map_items() {
    let server = FaultServer::start([
        page(r#"{"Result":{"Shelves":{"attic":3,"hall":1},"NextToken":"s-1"}}"#),
        page(r#"{"Result":{"Shelves":{"study":12},"NextToken":"s-2"}}"#),
        page(r#"{"Result":{"Shelves":{"cellar":0}}}"#),
    ])
    .await
    .unwrap();
    let input = ListShelvesInput::builder().build();
    let items = collect(client(&server).list_shelves_paginator(input).page_size(5).items()).await;
    let shelves: Vec<(String, i32)> = items.into_iter().map(Result::unwrap).collect();
    let expected = [("attic", 3), ("hall", 1), ("study", 12), ("cellar", 0)].map(|(name, n)| (name.to_owned(), n));
    assert_eq!(shelves, expected);
    let bodies: Vec<serde_json::Value> = server.requests().iter().map(body).collect();
    assert_eq!(bodies.len(), 3);
    assert_eq!(bodies[0], serde_json::json!({"Limit": 5}));
    assert_eq!(bodies[1], serde_json::json!({"Limit": 5, "NextToken": "s-1"}));
    assert_eq!(bodies[2], serde_json::json!({"Limit": 5, "NextToken": "s-2"}));
}

#[tokio::test]
async fn a_map_token_is_sent_back_as_it_came_and_an_empty_map_ends_the_pages() {
    let server = FaultServer::start([
        page(r#"{"Loans":["l-1","l-2"],"LastEvaluatedKey":{"id":"l-2","shelf":"attic"}}"#),
        page(r#"{"Loans":["l-3","l-4"],"LastEvaluatedKey":{"id":"l-4","shelf":"hall"}}"#),
        page(r#"{"Loans":["l-5"],"LastEvaluatedKey":{}}"#),
    ])
    .await
    .unwrap();
    let input = ScanLoansInput::builder().build();
    let items = collect(client(&server).scan_loans_paginator(input).items()).await;
    let loans: Vec<String> = items.into_iter().map(Result::unwrap).collect();
    assert_eq!(loans, ["l-1", "l-2", "l-3", "l-4", "l-5"]);
    let keys: Vec<serde_json::Value> =
        server.requests().iter().map(|r| body(r).get("ExclusiveStartKey").cloned().unwrap_or_default()).collect();
    assert_eq!(
        keys,
        [
            serde_json::Value::Null,
            serde_json::json!({"id": "l-2", "shelf": "attic"}),
            serde_json::json!({"id": "l-4", "shelf": "hall"})
        ]
    );
}
