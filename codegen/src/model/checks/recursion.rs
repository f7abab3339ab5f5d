//! Recursive shapes that no finite value can inhabit (Smithy ShapeRecursionValidator).

use super::{is_aggregate, problem, Shapes};
use crate::error::Diagnostic;
use crate::model::{Member, ShapeId, ShapeKind};
use std::collections::{BTreeMap, BTreeSet, VecDeque};

/// Outgoing edges: (member ID walked, target).
type Graph<'a> = BTreeMap<&'a ShapeId, Vec<(String, &'a ShapeId)>>;

/// A structure that reaches itself through `@required` structure members only: building one
/// needs one already built. Lists, maps, unions and optional members end such a chain.
pub(super) fn required_cycles(shapes: &Shapes, out: &mut Vec<Diagnostic>) {
    let graph = edges(shapes, |kind| matches!(kind, ShapeKind::Structure(_)), |member| member.traits.required);
    report_cycles(shapes, &graph, out, |path| {
        format!(
            "the @required members {path} lead back to this structure, so none of these structures can be built \
             (Smithy ShapeRecursionValidator)"
        )
    });
}

/// A list or map that contains itself without a structure or union in between: its type
/// would be infinitely nested.
pub(super) fn collection_cycles(shapes: &Shapes, out: &mut Vec<Diagnostic>) {
    let graph = edges(shapes, |kind| matches!(kind, ShapeKind::List(_) | ShapeKind::Map(..)), |_| true);
    report_cycles(shapes, &graph, out, |path| {
        format!("contains itself through {path} with no structure or union in between (Smithy ShapeRecursionValidator)")
    });
}

/// Edges from shapes of a `family` through the members it `follow`s to targets of the
/// same family; any other target ends the path.
fn edges<'a>(shapes: &'a Shapes, family: fn(&ShapeKind) -> bool, follow: fn(&Member) -> bool) -> Graph<'a> {
    let mut graph = Graph::new();
    for shape in shapes.values().filter(|s| family(&s.kind)) {
        let targets: Vec<_> = shape
            .kind
            .all_members()
            .into_iter()
            .filter(|m| follow(m))
            .filter_map(|m| {
                shapes.get(&m.target).filter(|t| family(&t.kind)).map(|t| (shape.id.member(&m.name), &t.id))
            })
            .collect();
        if !targets.is_empty() {
            graph.insert(&shape.id, targets);
        }
    }
    graph
}

fn report_cycles(shapes: &Shapes, graph: &Graph<'_>, out: &mut Vec<Diagnostic>, message: impl Fn(String) -> String) {
    for &start in graph.keys() {
        if let (Some(path), Some(shape)) = (shortest_cycle(graph, start), shapes.get(start)) {
            let path = path.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(" → ");
            out.push(problem(shape, &shape.id, message(path)));
        }
    }
}

/// The members walked on a shortest path from `start` back to itself (breadth first).
fn shortest_cycle(graph: &Graph<'_>, start: &ShapeId) -> Option<Vec<String>> {
    let mut came_from: BTreeMap<&ShapeId, (&ShapeId, &str)> = BTreeMap::new();
    let mut queue = VecDeque::from([start]);
    while let Some(node) = queue.pop_front() {
        for (member, to) in graph.get(node).into_iter().flatten() {
            if *to == start {
                let mut path = vec![member.clone()];
                let mut at = node;
                while let Some((previous, member)) = came_from.get(at) {
                    path.push((*member).to_owned());
                    at = previous;
                }
                path.reverse();
                return Some(path);
            }
            if !came_from.contains_key(to) {
                came_from.insert(to, (node, member));
                queue.push_back(to);
            }
        }
    }
    None
}

/// A union none of whose members leads to a value that ends: every path goes back into
/// unions or into structures whose members are all `@required` and do not end either.
/// Smithy counts a structure as ending when any required member ends; so do we.
pub(super) fn unions_without_end(shapes: &Shapes, out: &mut Vec<Diagnostic>) {
    let ending = ending_aggregates(shapes);
    for shape in shapes.values() {
        if let ShapeKind::Union(members) = &shape.kind {
            if !members.is_empty() && !ending.contains(&shape.id) {
                let message = "every member leads back into this union through unions and @required members, \
                               so no value of it can be built (Smithy ShapeRecursionValidator)";
                out.push(problem(shape, &shape.id, message.to_owned()));
            }
        }
    }
}

/// Structures and unions from which a finite value can be reached, found by propagating
/// from the ones that obviously end until nothing changes.
fn ending_aggregates(shapes: &Shapes) -> BTreeSet<&ShapeId> {
    let mut ending = BTreeSet::new();
    let mut pending: Vec<_> = shapes.values().filter(|s| is_aggregate(&s.kind)).collect();
    loop {
        let before = pending.len();
        pending.retain(|shape| {
            let ends =
                |target: &ShapeId| ending.contains(target) || shapes.get(target).is_none_or(|t| !is_aggregate(&t.kind));
            let done = match &shape.kind {
                ShapeKind::Structure(members) => {
                    members.is_empty() || members.values().any(|m| !m.traits.required || ends(&m.target))
                }
                ShapeKind::Union(members) => members.values().any(|m| ends(&m.target)),
                _ => true,
            };
            if done {
                ending.insert(&shape.id);
            }
            !done
        });
        if pending.len() == before {
            return ending;
        }
    }
}
