//! Recursive shapes: which members need a `Box` so that every Rust type has a finite size.
//!
//! A structure or union holding another directly (not through a list or map, which already
//! allocate) is an edge; every edge inside a strongly connected component is boxed.

use crate::model::{Model, ShapeId, ShapeKind};
use std::collections::{BTreeMap, BTreeSet};

/// `(shape, member name)` pairs whose values must be boxed.
pub(super) fn boxed_members(model: &Model, shapes: &BTreeSet<ShapeId>) -> BTreeSet<(ShapeId, String)> {
    let edges = direct_edges(model, shapes);
    let component = strongly_connected(&edges);
    let mut boxed = BTreeSet::new();
    for (from, targets) in &edges {
        for (member, to) in targets {
            if component.get(from) == component.get(to) {
                boxed.insert(((*from).clone(), member.clone()));
            }
        }
    }
    boxed
}

type Edges<'m> = BTreeMap<&'m ShapeId, Vec<(String, &'m ShapeId)>>;

fn direct_edges<'m>(model: &'m Model, shapes: &BTreeSet<ShapeId>) -> Edges<'m> {
    let is_aggregate = |id: &ShapeId| {
        matches!(model.shape(id).map(|s| &s.kind), Some(ShapeKind::Structure(_) | ShapeKind::Union(_)))
    };
    let mut edges = Edges::new();
    for id in shapes {
        let Some(shape) = model.shape(id) else { continue };
        if let ShapeKind::Structure(members) | ShapeKind::Union(members) = &shape.kind {
            let targets = members
                .values()
                .filter(|m| is_aggregate(&m.target))
                .map(|m| (m.name.clone(), &m.target))
                .collect();
            edges.insert(&shape.id, targets);
        }
    }
    edges
}

/// Tarjan's algorithm, iterative so that deep models cannot overflow the stack; returns a
/// component number per node.
fn strongly_connected<'m>(edges: &Edges<'m>) -> BTreeMap<&'m ShapeId, usize> {
    let mut visits: BTreeMap<&ShapeId, Visit> = BTreeMap::new();
    let mut on_stack = BTreeSet::new();
    let mut stack = Vec::new();
    let mut component = BTreeMap::new();
    let mut components = 0;
    for &root in edges.keys() {
        if visits.contains_key(root) {
            continue;
        }
        // Each frame: the node and how many of its successors were looked at.
        let mut frames = vec![(root, 0usize)];
        while let Some(&(node, next)) = frames.last() {
            if next == 0 && !visits.contains_key(node) {
                let index = visits.len();
                visits.insert(node, Visit { index, low: index });
                stack.push(node);
                on_stack.insert(node);
            }
            let successors = edges.get(node).map(Vec::as_slice).unwrap_or_default();
            if let Some(&(_, to)) = successors.get(next) {
                if let Some(frame) = frames.last_mut() {
                    frame.1 += 1;
                }
                match visits.get(to).copied() {
                    None if edges.contains_key(to) => frames.push((to, 0)),
                    Some(v) if on_stack.contains(to) => lower_link(&mut visits, node, v.index),
                    _ => {}
                }
                continue;
            }
            frames.pop();
            let visit = visits[node];
            if let Some(&(parent, _)) = frames.last() {
                lower_link(&mut visits, parent, visit.low);
            }
            if visit.low == visit.index {
                while let Some(member) = stack.pop() {
                    on_stack.remove(member);
                    component.insert(member, components);
                    if member == node {
                        break;
                    }
                }
                components += 1;
            }
        }
    }
    component
}

#[derive(Clone, Copy)]
struct Visit {
    index: usize,
    low: usize,
}

fn lower_link(visits: &mut BTreeMap<&ShapeId, Visit>, node: &ShapeId, low: usize) {
    if let Some(visit) = visits.get_mut(node) {
        visit.low = visit.low.min(low);
    }
}
