//! Block structure of the HTML converter: paragraphs, `text` fences, lists and quotes.
//! Open containers prefix every line written (list markers, indentation, `> `), and
//! blank lines separate blocks except where they would loosen a tight list.

use super::{Html, Kind};
use crate::docs::code::fence_for;
use crate::docs::text::{indent_of, spaces};
use crate::docs::MAX_NESTING;

/// Output contexts that prefix lines.
#[derive(Debug)]
pub(super) enum Container {
    /// `implicit` for a list opened by an `<li>` outside any list.
    List {
        ordered: bool,
        implicit: bool,
        count: usize,
        styles: usize,
    },
    /// `pending` until the item's marker line is written.
    Item {
        pending: bool,
        indent: usize,
        styles: usize,
    },
    /// `started` once a `>` line was written, so a blank line before the quote stays bare.
    Quote { started: bool, styles: usize },
}

impl Container {
    /// Inline styles open when the container started; they do not outlive it.
    fn styles(&self) -> usize {
        match self {
            Container::List { styles, .. }
            | Container::Item { styles, .. }
            | Container::Quote { styles, .. } => *styles,
        }
    }
}

impl Html<'_> {
    /// Ends the current paragraph; headings cannot span blocks.
    pub(super) fn block_boundary(&mut self) {
        self.flush_para();
        self.styles.retain(|s| s.kind != Kind::Heading);
    }

    pub(super) fn flush_para(&mut self) {
        for style in self.styles.iter_mut().rev() {
            if style.opened {
                self.para.push_str(&style.close_marker());
                style.opened = false;
            }
        }
        self.pending_space = false;
        self.pending_break = false;
        self.just_closed = None;
        if self.para.trim().is_empty() {
            // Also drops lone no-break spaces: a line of bare markers such as
            // `- - -` would read as a thematic break.
            self.para.clear();
            return;
        }
        let mut text = std::mem::take(&mut self.para);
        if let Some(label) = self.label.take() {
            text = format!("**{label}:** {text}");
        }
        self.emit_block(text.split('\n').map(str::to_owned).collect());
    }

    /// Writes a callout label as its own paragraph when the callout starts with
    /// something other than a paragraph.
    fn flush_label(&mut self) {
        if let Some(label) = self.label.take() {
            self.emit_block(vec![format!("**{label}:**")]);
        }
    }

    pub(super) fn emit_fence(&mut self, raw: &str) {
        let lines = verbatim_lines(raw);
        if lines.is_empty() {
            return;
        }
        self.flush_para();
        self.flush_label();
        let fence = fence_for(&lines);
        let mut block = Vec::with_capacity(lines.len() + 2);
        block.push(format!("{fence}text"));
        block.extend(lines);
        block.push(fence);
        self.emit_block(block);
    }

    fn emit_block(&mut self, lines: Vec<String>) {
        self.begin_block();
        for (n, line) in lines.into_iter().enumerate() {
            let prefix = self.prefix(n == 0);
            self.out.push(prefix + &line);
        }
        self.last_blank = false;
    }

    /// Separates the coming block from the previous one by a blank line, except
    /// where that would loosen a list: sibling items and a nested list right
    /// under its parent item stay tight.
    fn begin_block(&mut self) {
        self.leave_implicit_list();
        if matches!(self.containers.last(), Some(Container::List { .. })) {
            self.push_item(); // text directly inside `<ul>`
        }
        let pending = self
            .containers
            .iter()
            .position(|c| matches!(c, Container::Item { pending: true, .. }));
        let blank = match pending {
            None => true,
            Some(p) => {
                let first_item = matches!(
                    p.checked_sub(1).map(|l| &self.containers[l]),
                    Some(Container::List { count: 0, .. })
                );
                let nested = self.containers[..p]
                    .iter()
                    .rev()
                    .find(|c| !matches!(c, Container::List { .. }))
                    .is_some_and(|c| matches!(c, Container::Item { .. }));
                first_item && !nested
            }
        };
        if blank && !self.last_blank && !self.out.is_empty() {
            let line = self.blank_line();
            self.out.push(line);
            self.last_blank = true;
        }
    }

    /// A blank line inside the started quotes, keeping the list indentation
    /// that places those quotes.
    fn blank_line(&self) -> String {
        let Some(last) = self
            .containers
            .iter()
            .rposition(|c| matches!(c, Container::Quote { started: true, .. }))
        else {
            return String::new();
        };
        let mut line = String::new();
        for container in &self.containers[..=last] {
            match container {
                Container::Item { indent, .. } => line.push_str(&spaces(*indent)),
                Container::Quote { .. } => line.push_str("> "),
                Container::List { .. } => {}
            }
        }
        line.trim_end().to_owned()
    }

    /// The prefix for the next output line; the first line of a block carries
    /// any pending list markers.
    fn prefix(&mut self, first: bool) -> String {
        let mut prefix = String::new();
        for i in 0..self.containers.len() {
            match self.containers[i] {
                Container::Item { pending: true, .. } if first => {
                    let marker = self.next_marker(i);
                    if let Container::Item {
                        pending, indent, ..
                    } = &mut self.containers[i]
                    {
                        *pending = false;
                        *indent = marker.len();
                    }
                    prefix.push_str(&marker);
                }
                Container::Item { indent, .. } => prefix.push_str(&spaces(indent)),
                Container::Quote {
                    ref mut started, ..
                } => {
                    *started = true;
                    prefix.push_str("> ");
                }
                Container::List { .. } => {}
            }
        }
        prefix
    }

    fn next_marker(&mut self, item: usize) -> String {
        match item.checked_sub(1).and_then(|l| self.containers.get_mut(l)) {
            Some(Container::List {
                ordered: true,
                count,
                ..
            }) => {
                *count += 1;
                format!("{count}. ")
            }
            Some(Container::List { count, .. }) => {
                *count += 1;
                "- ".to_owned()
            }
            _ => "- ".to_owned(),
        }
    }

    /// Content after orphan `<li>` elements is not part of their list.
    fn leave_implicit_list(&mut self) {
        if matches!(
            self.containers.last(),
            Some(Container::List { implicit: true, .. })
        ) {
            self.pop_container();
        }
    }

    fn push_item(&mut self) {
        let styles = self.styles.len();
        self.containers.push(Container::Item {
            pending: true,
            indent: 0,
            styles,
        });
    }

    pub(super) fn open_list(&mut self, ordered: bool) {
        self.block_boundary();
        self.flush_label();
        self.leave_implicit_list();
        if self.containers.len() >= MAX_NESTING {
            self.ignored_lists += 1;
            return;
        }
        if matches!(self.containers.last(), Some(Container::List { .. })) {
            self.push_item();
        }
        let styles = self.styles.len();
        self.containers.push(Container::List {
            ordered,
            implicit: false,
            count: 0,
            styles,
        });
    }

    pub(super) fn open_item(&mut self) {
        self.block_boundary();
        self.flush_label();
        if matches!(self.containers.last(), Some(Container::Item { .. })) {
            self.pop_container(); // the previous `<li>` was not closed
        }
        if self.containers.len() >= MAX_NESTING {
            return;
        }
        if !matches!(self.containers.last(), Some(Container::List { .. })) {
            let styles = self.styles.len();
            let list = Container::List {
                ordered: false,
                implicit: true,
                count: 0,
                styles,
            };
            self.containers.push(list);
        }
        self.push_item();
    }

    pub(super) fn open_quote(&mut self) {
        self.block_boundary();
        self.flush_label();
        self.leave_implicit_list();
        if self.containers.len() >= MAX_NESTING {
            self.ignored_quotes += 1;
            return;
        }
        let styles = self.styles.len();
        self.containers.push(Container::Quote {
            started: false,
            styles,
        });
    }

    /// Ends the innermost list, unless it was one beyond the nesting bound.
    pub(super) fn close_list(&mut self) {
        self.block_boundary();
        if self.ignored_lists > 0 {
            self.ignored_lists -= 1;
        } else {
            self.pop_to(|c| matches!(c, Container::List { .. }), |_| false);
        }
    }

    /// Ends the innermost item of the innermost list.
    pub(super) fn close_item(&mut self) {
        self.block_boundary();
        self.pop_to(
            |c| matches!(c, Container::Item { .. }),
            |c| matches!(c, Container::List { .. }),
        );
    }

    /// Ends the innermost quote, unless it was one beyond the nesting bound.
    pub(super) fn close_quote(&mut self) {
        self.block_boundary();
        if self.ignored_quotes > 0 {
            self.ignored_quotes -= 1;
        } else {
            self.pop_to(|c| matches!(c, Container::Quote { .. }), |_| false);
        }
    }

    fn pop_container(&mut self) {
        if let Some(container) = self.containers.pop() {
            self.styles.truncate(container.styles());
        }
    }

    /// Pops up to and including the innermost `target` container, unless a
    /// `barrier` container comes first (a stray end tag is then ignored).
    fn pop_to(&mut self, target: fn(&Container) -> bool, barrier: fn(&Container) -> bool) {
        for i in (0..self.containers.len()).rev() {
            if target(&self.containers[i]) {
                while self.containers.len() > i {
                    self.pop_container();
                }
                return;
            }
            if barrier(&self.containers[i]) {
                return;
            }
        }
    }
}

/// Lines of a verbatim block: surrounding blank lines dropped and the common
/// indentation removed. Text right after the opening tag has no indentation of
/// its own, so it is left out of the common-indent computation.
fn verbatim_lines(raw: &str) -> Vec<String> {
    let mut lines: Vec<&str> = raw.split('\n').map(str::trim_end).collect();
    let flush_with_tag = lines
        .first()
        .is_some_and(|l| !l.is_empty() && !l.starts_with(' '));
    let head = if flush_with_tag {
        Some(lines.remove(0))
    } else {
        None
    };
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    let skip = lines.iter().take_while(|l| l.is_empty()).count();
    let body = &lines[if head.is_some() { 0 } else { skip }..];
    let indent = body
        .iter()
        .filter(|l| !l.is_empty())
        .map(|l| indent_of(l))
        .min()
        .unwrap_or(0);
    head.into_iter()
        .map(str::to_owned)
        .chain(
            body.iter()
                .map(|l| l.get(indent..).unwrap_or("").to_owned()),
        )
        .collect()
}
