//! [`ByteStream`]: the value of a `@streaming` blob, sent or received without being held in
//! memory as a whole.

use bytes::Bytes;
use http_body::{Body, Frame, SizeHint};
use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};

/// An error of the body a stream reads from.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// The bytes of a `@streaming` blob member: in memory, or read on demand from any
/// [`http_body::Body`] (a file, a socket, another response's body). It is itself a `Body`,
/// so a request built with it goes to any HTTP stack of the `http-body` ecosystem as it is.
///
/// Equality compares bytes held in memory; a stream still to be read equals nothing, not
/// even itself, because comparing would consume it.
pub struct ByteStream(Inner);

enum Inner {
    /// All the bytes; `None` once they have been polled out.
    InMemory(Option<Bytes>),
    /// A body read as it arrives.
    Streaming(Pin<Box<dyn Body<Data = Bytes, Error = BoxError> + Send + Sync>>),
}

impl ByteStream {
    /// An empty stream.
    pub fn new() -> Self {
        Self(Inner::InMemory(None))
    }

    /// A stream that reads `body` as it arrives.
    pub fn from_body<B>(body: B) -> Self
    where
        B: Body<Data = Bytes> + Send + Sync + 'static,
        B::Error: Into<BoxError>,
    {
        Self(Inner::Streaming(Box::pin(BoxedErrors(Box::pin(body)))))
    }

    /// Whether the stream is known to hold no bytes (held in memory, and empty).
    pub fn is_empty(&self) -> bool {
        self.in_memory().is_some_and(<[u8]>::is_empty)
    }

    /// The bytes, when they are held in memory.
    pub fn in_memory(&self) -> Option<&[u8]> {
        match &self.0 {
            Inner::InMemory(bytes) => Some(bytes.as_deref().unwrap_or_default()),
            Inner::Streaming(_) => None,
        }
    }

    /// The bytes, when they are held in memory; else the stream back.
    pub fn into_bytes(self) -> Result<Bytes, Self> {
        match self.0 {
            Inner::InMemory(bytes) => Ok(bytes.unwrap_or_default()),
            streaming => Err(Self(streaming)),
        }
    }
}

impl Default for ByteStream {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Debug for ByteStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Inner::InMemory(bytes) => write!(f, "ByteStream({} bytes in memory)", bytes.as_ref().map_or(0, Bytes::len)),
            Inner::Streaming(body) => write!(f, "ByteStream(streaming, {:?})", body.size_hint()),
        }
    }
}

impl PartialEq for ByteStream {
    fn eq(&self, other: &Self) -> bool {
        matches!((self.in_memory(), other.in_memory()), (Some(a), Some(b)) if a == b)
    }
}

impl From<Bytes> for ByteStream {
    fn from(bytes: Bytes) -> Self {
        Self(Inner::InMemory(Some(bytes)))
    }
}

impl From<Vec<u8>> for ByteStream {
    fn from(bytes: Vec<u8>) -> Self {
        Self::from(Bytes::from(bytes))
    }
}

impl From<String> for ByteStream {
    fn from(text: String) -> Self {
        Self::from(Bytes::from(text))
    }
}

impl From<&'static [u8]> for ByteStream {
    fn from(bytes: &'static [u8]) -> Self {
        Self::from(Bytes::from_static(bytes))
    }
}

impl Body for ByteStream {
    type Data = Bytes;
    type Error = BoxError;

    fn poll_frame(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, BoxError>>> {
        match &mut self.get_mut().0 {
            Inner::InMemory(bytes) => Poll::Ready(bytes.take().filter(|b| !b.is_empty()).map(|b| Ok(Frame::data(b)))),
            Inner::Streaming(body) => body.as_mut().poll_frame(cx),
        }
    }

    fn is_end_stream(&self) -> bool {
        match &self.0 {
            Inner::InMemory(bytes) => bytes.as_ref().is_none_or(Bytes::is_empty),
            Inner::Streaming(body) => body.is_end_stream(),
        }
    }

    fn size_hint(&self) -> SizeHint {
        match &self.0 {
            Inner::InMemory(bytes) => SizeHint::with_exact(bytes.as_ref().map_or(0, |b| b.len() as u64)),
            Inner::Streaming(body) => body.size_hint(),
        }
    }
}

/// A body whose errors are boxed, so that any body fits in a [`ByteStream`].
struct BoxedErrors<B>(Pin<Box<B>>);

impl<B> Body for BoxedErrors<B>
where
    B: Body<Data = Bytes>,
    B::Error: Into<BoxError>,
{
    type Data = Bytes;
    type Error = BoxError;

    fn poll_frame(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, BoxError>>> {
        self.get_mut().0.as_mut().poll_frame(cx).map(|frame| frame.map(|f| f.map_err(Into::into)))
    }

    fn is_end_stream(&self) -> bool {
        self.0.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.0.size_hint()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::task::Waker;

    /// Polls a body to its end; the bodies here never wait.
    fn collect(mut body: ByteStream) -> Vec<u8> {
        let mut cx = Context::from_waker(Waker::noop());
        let mut out = Vec::new();
        while let Poll::Ready(Some(frame)) = Pin::new(&mut body).poll_frame(&mut cx) {
            if let Ok(data) = frame.expect("no error").into_data() {
                out.extend_from_slice(&data);
            }
        }
        out
    }

    /// A body of two chunks, as a socket would give them.
    struct Chunks(Vec<Bytes>);

    impl Body for Chunks {
        type Data = Bytes;
        type Error = std::convert::Infallible;

        fn poll_frame(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
            let chunks = &mut self.get_mut().0;
            Poll::Ready((!chunks.is_empty()).then(|| Ok(Frame::data(chunks.remove(0)))))
        }
    }

    #[test]
    fn in_memory_bytes_are_one_frame_with_an_exact_length() {
        let stream = ByteStream::from(b"blobby".to_vec());
        assert_eq!(stream.size_hint().exact(), Some(6));
        assert_eq!(stream.in_memory(), Some(&b"blobby"[..]));
        assert_eq!(collect(stream), b"blobby");
        assert!(ByteStream::new().is_end_stream());
        assert_eq!(format!("{:?}", ByteStream::from("x".to_owned())), "ByteStream(1 bytes in memory)");
    }

    #[test]
    fn any_body_streams_through_unbuffered() {
        let stream = ByteStream::from_body(Chunks(vec![Bytes::from_static(b"ab"), Bytes::from_static(b"cd")]));
        assert_eq!(stream.in_memory(), None);
        assert_ne!(stream, ByteStream::from_body(Chunks(Vec::new())), "streams are never equal");
        let Err(stream) = stream.into_bytes() else { panic!("a stream is not in memory") };
        assert_eq!(collect(stream), b"abcd");
    }
}
