//! Paginators: the pages of a paginated operation (`@paginated`) as a [`Stream`], each call
//! sending the token the previous page returned, and the items of those pages as another.
//!
//! Generated code describes an operation's pagination by implementing [`Paginated`] (and
//! [`PageSize`], [`PaginatedItems`] where the model has them) on the operation's type; the
//! rest is here, once.

use super::{BoxFuture, Error, Handle, Operation};
use futures_core::Stream;
use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};

/// An operation whose results come in pages, linked by a token.
pub trait Paginated: Operation {
    /// The token: a string for most services, a map or a structure for some.
    type Token: PartialEq + Clone + Send + Sync + 'static;

    /// The token of the next page in `output`; `None` when it is absent or empty (an empty
    /// string, list or map), which ends the pages.
    fn output_token(output: &Self::Output) -> Option<&Self::Token>;

    /// Sets the token of the page to ask for in `input`.
    fn set_input_token(input: &mut Self::Input, token: Self::Token);
}

/// A paginated operation whose input says how many results a page holds.
pub trait PageSize: Paginated {
    /// The page size's integer type.
    type Size;

    /// Sets the page size in `input`.
    fn set_page_size(input: &mut Self::Input, size: Self::Size);
}

/// A paginated operation whose output holds a list or map of items.
pub trait PaginatedItems: Paginated {
    /// The collection of a page's items (`Vec<T>`, `BTreeMap<K, V>`).
    type Items: IntoIterator<IntoIter: Send> + Send;

    /// Takes the items out of a page; an absent collection is an empty one.
    fn take_items(output: Self::Output) -> Self::Items;
}

/// Why paging stopped short.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum PaginationError {
    /// The service answered a page with the very token that asked for it: following it
    /// would ask for the same page forever.
    RepeatedToken {
        /// The operation's name.
        operation: &'static str,
    },
}

impl fmt::Display for PaginationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            // The token itself is left out: it is opaque, and may encode what the caller asked.
            Self::RepeatedToken { operation } => write!(
                f,
                "`{operation}`: the service repeated its pagination token (the next page's token is the one just \
                 sent), so paging stopped rather than ask for the same page forever"
            ),
        }
    }
}

impl std::error::Error for PaginationError {}

type Page<O> = Result<<O as Operation>::Output, Error<<O as Operation>::Error>>;

enum State<O: Operation> {
    /// The next call is to be made, with the token (`None` for the first page).
    Next,
    /// A call is under way.
    Calling(BoxFuture<'static, Page<O>>),
    /// The last page had a repeated token: the error comes next.
    Repeated,
    /// No more pages.
    Done,
}

/// The pages of a paginated operation, as a [`Stream`] of results: a page at a time, each
/// call made when the previous page has been taken. It ends after the page without a next
/// token, or after the first error (a failed call is not retried past the client's own
/// retries). A page whose token is the one just sent is still yielded, then
/// [`Error::Pagination`] ends the stream.
///
/// Made by the generated client's `<operation>_paginator` methods.
pub struct Paginator<O: Paginated> {
    handle: Handle,
    input: O::Input,
    /// The token sent with the call under way (or the last one made).
    sent: Option<O::Token>,
    state: State<O>,
}

// The paginator never pins its fields in place (the call's future is boxed), so moving it
// is always fine, whatever the input and token types.
impl<O: Paginated> Unpin for Paginator<O> {}

impl<O: Paginated> fmt::Debug for Paginator<O> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = match self.state {
            State::Next => "next",
            State::Calling(_) => "calling",
            State::Repeated | State::Done => "done",
        };
        f.debug_struct("Paginator").field("operation", &O::NAME).field("state", &state).finish_non_exhaustive()
    }
}

impl<O: Paginated> Paginator<O>
where
    O::Input: Clone,
{
    /// The pages of the operation called through `handle`, starting from `input` (whose own
    /// token, if set, asks for the first page).
    pub fn new(handle: Handle, input: O::Input) -> Self {
        Self { handle, input, sent: None, state: State::Next }
    }

    /// Asks for pages of at most `size` results (the operation's page-size member).
    pub fn page_size(mut self, size: O::Size) -> Self
    where
        O: PageSize,
    {
        O::set_page_size(&mut self.input, size);
        self
    }

    /// The items of every page, one at a time, in order.
    pub fn items(self) -> Items<O>
    where
        O: PaginatedItems,
    {
        Items { pages: self, current: None }
    }

    fn call(&mut self) -> BoxFuture<'static, Page<O>> {
        let mut input = self.input.clone();
        if let Some(token) = &self.sent {
            O::set_input_token(&mut input, token.clone());
        }
        let handle = self.handle.clone();
        Box::pin(async move { handle.invoke::<O>(input).await })
    }
}

impl<O: Paginated> Stream for Paginator<O>
where
    O::Input: Clone,
{
    type Item = Page<O>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            match &mut this.state {
                State::Next => this.state = State::Calling(this.call()),
                State::Calling(call) => {
                    let page = match call.as_mut().poll(cx) {
                        Poll::Pending => return Poll::Pending,
                        Poll::Ready(page) => page,
                    };
                    this.state = State::Done;
                    if let Ok(output) = &page {
                        match O::output_token(output) {
                            None => {}
                            Some(token) if this.sent.as_ref() == Some(token) => this.state = State::Repeated,
                            Some(token) => {
                                this.sent = Some(token.clone());
                                this.state = State::Next;
                            }
                        }
                    }
                    return Poll::Ready(Some(page));
                }
                State::Repeated => {
                    this.state = State::Done;
                    return Poll::Ready(Some(Err(Error::Pagination(PaginationError::RepeatedToken {
                        operation: O::NAME,
                    }))));
                }
                State::Done => return Poll::Ready(None),
            }
        }
    }
}

/// The items of a paginated operation's pages, as a [`Stream`]: each page's items in turn,
/// the next page asked for when the current one's are taken. An error ends it, as it ends
/// the pages. Made by [`Paginator::items`].
pub struct Items<O: PaginatedItems> {
    pages: Paginator<O>,
    current: Option<<O::Items as IntoIterator>::IntoIter>,
}

// As for `Paginator`: nothing is pinned in place.
impl<O: PaginatedItems> Unpin for Items<O> {}

impl<O: PaginatedItems> fmt::Debug for Items<O> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Items").field("pages", &self.pages).finish_non_exhaustive()
    }
}

impl<O: PaginatedItems> Stream for Items<O>
where
    O::Input: Clone,
{
    type Item = Result<<O::Items as IntoIterator>::Item, Error<O::Error>>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            if let Some(item) = this.current.as_mut().and_then(Iterator::next) {
                return Poll::Ready(Some(Ok(item)));
            }
            match Pin::new(&mut this.pages).poll_next(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(None) => return Poll::Ready(None),
                Poll::Ready(Some(Err(error))) => return Poll::Ready(Some(Err(error))),
                Poll::Ready(Some(Ok(page))) => this.current = Some(O::take_items(page).into_iter()),
            }
        }
    }
}
