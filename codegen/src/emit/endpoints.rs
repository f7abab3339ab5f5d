//! Endpoint resolution in generated code: a service's `endpoint` module (its `Params`, the
//! embedded rule set and its official test cases) and each operation's `endpoint_params`
//! and `request_to`.

use super::common::{doc_attrs, ident, Place};
use super::json::{bug, Emitted, JsonCodec};
use crate::ir::endpoints::{
    ContextParam, EndpointParam, EndpointTest, HostPart, OperationEndpoint, OperationInput, ParamKind, ParamLiteral,
    PathStep, ServiceEndpoints, TestExpectation,
};
use crate::ir::{Field, Presence, RustType, Service, Struct, TypeDef};
use proc_macro2::TokenStream;
use quote::quote;
use serde_json::Value;

/// `pub mod endpoint { … }` of a service with a rule set.
pub(super) fn module(service: &Service, endpoints: &ServiceEndpoints) -> TokenStream {
    let fields = endpoints.params.iter().map(param_field);
    let from_built_ins = endpoints.params.iter().filter_map(|p| {
        let name = p.built_in.as_deref()?;
        let field = ident(&p.field);
        match p.kind {
            ParamKind::String => Some(quote!(#field: built_ins.string(#name),)),
            ParamKind::Bool => Some(quote!(#field: built_ins.flag(#name),)),
            ParamKind::StringArray => None,
        }
    });
    let values = endpoints.params.iter().map(|p| {
        let field = ident(&p.field);
        match p.kind {
            ParamKind::String => quote!(self.#field.as_deref().map(::smithy_runtime::endpoint::ParamValue::String)),
            ParamKind::Bool => quote!(self.#field.map(::smithy_runtime::endpoint::ParamValue::Bool)),
            ParamKind::StringArray => {
                quote!(self.#field.as_deref().map(::smithy_runtime::endpoint::ParamValue::StringArray))
            }
        }
    });
    let any_built_in = endpoints.params.iter().any(|p| p.built_in.is_some() && p.kind != ParamKind::StringArray);
    let rest = (endpoints.params.len() > from_built_ins.clone().count()).then(|| quote!(..Self::default()));
    let built_ins_param = if any_built_in { quote!(built_ins) } else { quote!(_built_ins) };
    let rule_set = &endpoints.rule_set;
    let tests = tests(service, endpoints);
    quote! {
        pub mod endpoint {
            //! Endpoint resolution: the parameters of the service's endpoint rule set
            //! ([`Params`]) and the rule set itself, run by the runtime's rules engine
            //! ([`Params::resolve`]). An operation's `endpoint_params` binds what its input
            //! adds, and its `request_to` sends a request to the resolved endpoint.

            /// The parameters of the service's endpoint rule set. Unset parameters take
            /// their defaults.
            #[derive(Clone, Debug, Default, PartialEq, Eq)]
            pub struct Params {
                #(#fields)*
            }

            impl Params {
                /// The parameters bound to built-in values (the region, the FIPS and
                /// dual-stack flags, a custom endpoint, …), from a client's configuration;
                /// the others unset.
                pub fn from_built_ins(#built_ins_param: &::smithy_runtime::endpoint::BuiltIns) -> Self {
                    Self {
                        #(#from_built_ins)*
                        #rest
                    }
                }

                /// Resolves the endpoint, with the AWS partitions table the runtime carries.
                /// An error rule of the rule set gives an error with its message exactly.
                pub fn resolve(&self) -> Result<::smithy_runtime::endpoint::Endpoint, ::smithy_runtime::endpoint::EndpointError> {
                    self.resolve_with(::smithy_runtime::endpoint::Partitions::aws())
                }

                /// Resolves the endpoint as [`resolve`](Self::resolve) does, with `partitions`
                /// for the rule set's `aws.partition`.
                pub fn resolve_with(
                    &self,
                    partitions: &::smithy_runtime::endpoint::Partitions,
                ) -> Result<::smithy_runtime::endpoint::Endpoint, ::smithy_runtime::endpoint::EndpointError> {
                    let rules = RULES.as_ref().map_err(::smithy_runtime::endpoint::EndpointError::invalid_rule_set)?;
                    rules.resolve_with(&[#(#values),*], partitions)
                }
            }

            /// The rule set, compiled on first use (the generator compiled it with the same
            /// engine, so it does not fail unless the runtime is not the generator's).
            static RULES: ::std::sync::LazyLock<
                Result<::smithy_runtime::endpoint::RuleSet, ::smithy_runtime::endpoint::RuleSetError>,
            > = ::std::sync::LazyLock::new(|| ::smithy_runtime::endpoint::RuleSet::from_json(RULE_SET));

            /// The service's `smithy.rules#endpointRuleSet`, without its documentation.
            const RULE_SET: &str = #rule_set;

            #tests
        }
    }
}

fn param_field(param: &EndpointParam) -> TokenStream {
    let mut docs = param.docs.clone();
    let mut facts = vec![format!("Rule-set parameter `{}`", param.name)];
    if let Some(built_in) = &param.built_in {
        facts.push(format!("built-in `{built_in}`"));
    }
    if param.client_context {
        facts.push("a client setting (`smithy.rules#clientContextParams`)".to_owned());
    }
    match &param.default {
        Some(default) => facts.push(format!("default {}", literal_text(default))),
        None if param.required => facts.push("required".to_owned()),
        None => {}
    }
    docs.extend([String::new(), format!("{}.", facts.join("; "))]);
    let doc = doc_attrs(&docs);
    let field = ident(&param.field);
    let ty = match param.kind {
        ParamKind::String => quote!(String),
        ParamKind::Bool => quote!(bool),
        ParamKind::StringArray => quote!(Vec<String>),
    };
    quote! {
        #doc
        pub #field: Option<#ty>,
    }
}

fn literal_text(value: &ParamLiteral) -> String {
    match value {
        ParamLiteral::String(s) => format!("`{s:?}`"),
        ParamLiteral::Bool(b) => format!("`{b}`"),
        ParamLiteral::StringArray(items) => format!("`{items:?}`"),
    }
}

/// The value of a literal, as the `Some(…)` of a parameter field.
fn literal_tokens(value: &ParamLiteral) -> TokenStream {
    match value {
        ParamLiteral::String(s) => quote!(Some(#s.to_owned())),
        ParamLiteral::Bool(b) => quote!(Some(#b)),
        ParamLiteral::StringArray(items) => quote!(Some(vec![#(#items.to_owned()),*])),
    }
}

/// The official test cases, one `#[test]` each, run with the partitions table they were
/// written against; a case's `operationInputs` of an operation this crate has are one
/// `#[test]` more each, binding the parameters through the operation.
fn tests(service: &Service, endpoints: &ServiceEndpoints) -> TokenStream {
    if endpoints.tests.is_empty() {
        return quote!();
    }
    let mut cases = Vec::new();
    for case in &endpoints.tests {
        cases.push(test_case(case, endpoints.params.len()));
        for (index, call) in case.operation_inputs.iter().enumerate() {
            cases.extend(operation_input_test(service, case, index, call));
        }
    }
    quote! {
        /// The rule set's official test cases (`smithy.rules#endpointTests`).
        #[cfg(test)]
        mod tests {
            #(#cases)*
        }
    }
}

/// The statement that checks a resolution against what the case expects.
fn expectation(case: &EndpointTest) -> TokenStream {
    let result = quote!(params.resolve_with(::smithy_runtime::endpoint::Partitions::as_of_model_tests()));
    match &case.expect {
        TestExpectation::Endpoint { url, headers, properties } => {
            let headers = headers.iter().map(|(name, values)| quote!((#name, &[#(#values),*][..])));
            quote!(::smithy_runtime::__private::endpoint::expect_endpoint(#result, #url, &[#(#headers),*], #properties);)
        }
        TestExpectation::Error(message) => quote!(::smithy_runtime::__private::endpoint::expect_error(#result, #message);),
        TestExpectation::Unreadable(_) => quote!(),
    }
}

fn test_case(case: &EndpointTest, param_count: usize) -> TokenStream {
    let name = ident(&case.name);
    let doc = doc_attrs(&[crate::docs::inline_text(&case.docs)]);
    if let TestExpectation::Unreadable(why) = &case.expect {
        let reason = format!("the case cannot run: {why}");
        return quote! {
            #doc
            #[test]
            #[ignore = #reason]
            fn #name() {}
        };
    }
    let set = case.params.iter().map(|(field, value)| {
        let field = ident(field);
        let value = literal_tokens(value);
        quote!(#field: #value,)
    });
    let rest = (case.params.len() < param_count).then(|| quote!(..super::Params::default()));
    let check = expectation(case);
    quote! {
        #doc
        #[test]
        fn #name() {
            let params = super::Params { #(#set)* #rest };
            #check
        }
    }
}

/// A case's call of an operation: the configuration's built-ins and client parameters,
/// the input built from the case's JSON, `endpoint_params`, then the same expectation.
/// `None` when this crate does not generate the operation (a selection left it out) or it
/// has no wire code; an input this emitter cannot build from JSON is an ignored test that
/// says which value.
fn operation_input_test(
    service: &Service,
    case: &EndpointTest,
    index: usize,
    call: &OperationInput,
) -> Option<TokenStream> {
    let op = service.operations.iter().find(|op| op.id.name() == call.operation && op.wire.is_some())?;
    let name = ident(&format!("{}_{}_{}", case.name, index, crate::ir::names::snake_name(&call.operation)));
    let marker = ident(&op.name);
    let doc = doc_attrs(&[format!("{}, through `{}`", crate::docs::inline_text(&case.docs), call.operation)]);
    let built_ins = call.built_ins.iter().map(|(name, value)| {
        let value = match value {
            ParamLiteral::String(s) => quote!(::smithy_runtime::endpoint::ParamValue::String(#s)),
            ParamLiteral::Bool(b) => quote!(::smithy_runtime::endpoint::ParamValue::Bool(#b)),
            ParamLiteral::StringArray(items) => {
                quote!(::smithy_runtime::endpoint::ParamValue::StringArray(&[#(#items.to_owned()),*]))
            }
        };
        let message = format!("the runtime knows the built-in `{name}`").replace('{', "{{").replace('}', "}}");
        quote!(assert!(built_ins.set(#name, #value), #message);)
    });
    let client = call.client_params.iter().map(|(field, value)| {
        let field = ident(field);
        let value = literal_tokens(value);
        quote!(base.#field = #value;)
    });
    let input = match &op.input {
        Some(input) => match struct_value(service, input, &call.input) {
            Ok(value) => quote!(let input = #value;),
            Err(why) => {
                let reason = format!("the case's input cannot be built here: {why}");
                return Some(quote! {
                    #doc
                    #[test]
                    #[ignore = #reason]
                    fn #name() {}
                });
            }
        },
        None => quote!(),
    };
    let input_arg = op.input.as_ref().map(|_| quote!(&input,));
    let built_ins_binding = if call.built_ins.is_empty() { quote!(built_ins) } else { quote!(mut built_ins) };
    let base_binding = if call.client_params.is_empty() { quote!(base) } else { quote!(mut base) };
    let check = expectation(case);
    Some(quote! {
        #doc
        #[test]
        fn #name() {
            let #built_ins_binding = ::smithy_runtime::endpoint::BuiltIns::default();
            #(#built_ins)*
            let #base_binding = super::Params::from_built_ins(&built_ins);
            #(#client)*
            #input
            let params = super::super::operations::#marker::endpoint_params(#input_arg &base);
            #check
        }
    })
}

/// A generated structure built from params JSON with its builder, as an expression of the
/// `endpoint::tests` module.
fn struct_value(service: &Service, name: &str, json: &Value) -> Result<TokenStream, String> {
    let Some(TypeDef::Struct(s)) = service.type_named(name) else {
        return Err(format!("`{name}` is not a structure"));
    };
    let ty = ident(&s.name);
    let fields = json.as_object().ok_or_else(|| format!("the value of `{name}` is not an object"))?;
    let mut setters = Vec::new();
    for (key, value) in fields {
        let field =
            s.fields.iter().find(|f| &f.wire_name == key).ok_or_else(|| format!("`{name}` has no member `{key}`"))?;
        let setter = ident(&field.name);
        let value = value_tokens(service, &field.ty, value)?;
        setters.push(quote!(.#setter(#value)));
    }
    let complete = s
        .fields
        .iter()
        .any(|f| f.presence == Presence::Required)
        .then(|| quote!(.expect("the case's input has every required member")));
    Ok(quote!(super::super::#ty::builder() #(#setters)* .build() #complete))
}

/// An owned value of `ty` from params JSON: strings, booleans, integers, enums, structures,
/// lists and string-keyed maps of those.
fn value_tokens(service: &Service, ty: &RustType, json: &Value) -> Result<TokenStream, String> {
    let unsupported = || format!("a {ty:?} from `{json}`");
    Ok(match (ty, json) {
        (RustType::String, Value::String(s)) => quote!(#s.to_owned()),
        (RustType::Bool, Value::Bool(b)) => quote!(#b),
        (RustType::I8 | RustType::I16 | RustType::I32 | RustType::I64, Value::Number(n)) => {
            super::common::integer_literal(n.as_i64().ok_or_else(unsupported)?, ty)
        }
        (RustType::Box(inner), _) => value_tokens(service, inner, json)?,
        (RustType::Option(_), Value::Null) => quote!(None),
        (RustType::Option(inner), _) => {
            let value = value_tokens(service, inner, json)?;
            quote!(Some(#value))
        }
        (RustType::List(item), Value::Array(items)) => {
            let items = items.iter().map(|v| value_tokens(service, item, v)).collect::<Result<Vec<_>, _>>()?;
            quote!(vec![#(#items),*])
        }
        (RustType::Map(key, value), Value::Object(entries)) => {
            let pairs = entries
                .iter()
                .map(|(k, v)| {
                    let key = value_tokens(service, key, &Value::String(k.clone()))?;
                    let value = value_tokens(service, value, v)?;
                    Ok(quote!((#key, #value)))
                })
                .collect::<Result<Vec<_>, String>>()?;
            quote!([#(#pairs),*].into_iter().collect::<::std::collections::BTreeMap<_, _>>())
        }
        (RustType::Named(name), Value::String(s)) => match service.type_named(name) {
            Some(TypeDef::Enum(e)) if !e.int => {
                let ty = ident(name);
                quote!(super::super::#ty::from(#s))
            }
            _ => return Err(unsupported()),
        },
        (RustType::Named(name), Value::Object(_)) => struct_value(service, name, json)?,
        _ => return Err(unsupported()),
    })
}

/// An operation's `endpoint_params` (when its service has a rule set) and `request_to`.
pub(super) fn operation_fns(
    endpoint: &OperationEndpoint,
    input: Option<&Struct>,
    has_rule_set: bool,
    streaming_input: bool,
    codec: &JsonCodec<'_>,
) -> Emitted {
    let params = if has_rule_set { endpoint_params(endpoint, input, codec)? } else { quote!() };
    let request_to = request_to(endpoint, input, streaming_input, has_rule_set)?;
    Ok(quote!(#params #request_to))
}

fn endpoint_params(endpoint: &OperationEndpoint, input: Option<&Struct>, codec: &JsonCodec<'_>) -> Emitted {
    let field_of = |member: &str| input.and_then(|s| s.fields.iter().find(|f| f.wire_name == member));
    let mut binds = Vec::new();
    // Least specific first, so that the more specific bindings overwrite (precedence, most
    // specific first: static, context, operation context parameters, the client's).
    for (index, (param, steps)) in endpoint.operation_context_params.iter().enumerate() {
        let param = ident(param);
        let input = input.ok_or_else(|| bug("an operation context parameter without an input".to_owned()))?;
        let select = ident(&format!("select_{index}"));
        let function = path_function(&select, input, steps, codec)?;
        binds.push(quote! {
            #function
            if let Some(value) = #select(input) {
                params.#param = Some(value);
            }
        });
    }
    for ContextParam { param, member, .. } in &endpoint.context_params {
        let field = field_of(member).ok_or_else(|| bug(format!("context parameter member `{member}` is not a field")))?;
        let param = ident(param);
        let name = ident(&field.name);
        let value = owned_param_value(&field.ty, quote!(value))?;
        binds.push(match field.presence {
            Presence::Optional => quote! {
                if let Some(value) = &input.#name {
                    params.#param = Some(#value);
                }
            },
            _ => quote! {
                let value = &input.#name;
                params.#param = Some(#value);
            },
        });
    }
    for (param, value) in &endpoint.static_params {
        let param = ident(param);
        let value = literal_tokens(value);
        binds.push(quote!(params.#param = #value;));
    }
    let (input_param, doc_input) = match input {
        Some(s) => {
            let ty = Place::Builders.type_path(&s.name);
            let name =
                if binds.iter().any(|b| super::common::mentions(b, "input")) { quote!(input) } else { quote!(_input) };
            (quote!(#name: &#ty,), "a call with `input`")
        }
        None => (quote!(), "a call"),
    };
    let body = if binds.is_empty() {
        quote!(base.clone())
    } else {
        quote! {
            let mut params = base.clone();
            #(#binds)*
            params
        }
    };
    let doc = format!(
        " The endpoint parameters of {doc_input}: `base` (a client's built-in values and settings, \
         see [`Params::from_built_ins`](super::endpoint::Params::from_built_ins)) with what the \
         operation binds itself. Resolve them with [`Params::resolve`](super::endpoint::Params::resolve)."
    );
    Ok(quote! {
        #[doc = #doc]
        pub fn endpoint_params(#input_param base: &super::endpoint::Params) -> super::endpoint::Params {
            #body
        }
    })
}

/// `value` (a reference to a field's value) as an owned parameter value.
fn owned_param_value(ty: &RustType, value: TokenStream) -> Emitted {
    Ok(match ty {
        RustType::String => quote!(#value.clone()),
        RustType::Bool => quote!(*#value),
        RustType::Named(_) => quote!(#value.as_str().to_owned()),
        RustType::List(item) => match item.as_ref() {
            RustType::String => quote!(#value.clone()),
            RustType::Named(_) => quote!(#value.iter().map(|item| item.as_str().to_owned()).collect()),
            // A sparse list's nulls are left out.
            RustType::Option(inner) if **inner == RustType::String => {
                quote!(#value.iter().flatten().cloned().collect())
            }
            RustType::Option(inner) if matches!(**inner, RustType::Named(_)) => {
                quote!(#value.iter().flatten().map(|item| item.as_str().to_owned()).collect())
            }
            other => return Err(bug(format!("a context parameter of type {other:?}"))),
        },
        other => return Err(bug(format!("a context parameter of type {other:?}"))),
    })
}

/// `fn select(input) -> Option<…>`: the value an `operationContextParams` path selects
/// from the input, a `String`, `bool` or `Vec<String>`. JMESPath's null is `None`, and a
/// projection skips the elements where the rest of the path gives null.
fn path_function(name: &proc_macro2::Ident, input: &Struct, steps: &[PathStep], codec: &JsonCodec<'_>) -> Emitted {
    let input_ty = Place::Builders.type_path(&input.name);
    let projects = steps.iter().any(|s| !matches!(s, PathStep::Field(_)));
    let body = walk(&RustType::Named(input.name.clone()), quote!(input), steps, codec, projects, false)?;
    let leaf = leaf_type(&RustType::Named(input.name.clone()), steps, codec)?;
    Ok(if projects {
        quote! {
            fn #name(input: &#input_ty) -> Option<Vec<String>> {
                let mut out: Vec<String> = Vec::new();
                #body
                Some(out)
            }
        }
    } else {
        quote! {
            fn #name(input: &#input_ty) -> Option<#leaf> {
                Some(#body)
            }
        }
    })
}

/// The owned type a path without projection ends at.
fn leaf_type(ty: &RustType, steps: &[PathStep], codec: &JsonCodec<'_>) -> Emitted {
    let mut ty = ty.clone();
    for step in steps {
        let PathStep::Field(member) = step else { return Ok(quote!(Vec<String>)) };
        let RustType::Named(name) = unwrap_box(&ty) else {
            return Err(bug("an operation context path through a non-structure".to_owned()));
        };
        let Some(TypeDef::Struct(s)) = codec.type_def(&name) else {
            return Err(bug("an operation context path through a non-structure".to_owned()));
        };
        let field =
            s.fields.iter().find(|f| &f.wire_name == member).ok_or_else(|| bug(format!("no field `{member}`")))?;
        ty = field.value_type();
    }
    Ok(match unwrap_box(&ty) {
        RustType::Bool => quote!(bool),
        RustType::List(_) => quote!(Vec<String>),
        _ => quote!(String),
    })
}

fn unwrap_box(ty: &RustType) -> RustType {
    match ty {
        RustType::Box(inner) => inner.as_ref().clone(),
        other => other.clone(),
    }
}

/// Code that follows `steps` from `value` (a reference of type `ty`). Without projection it
/// evaluates to the owned leaf; with one, it pushes leaves to `out`. A null before the
/// projection makes the whole value null (`?`); inside it, the element is skipped.
fn walk(
    ty: &RustType,
    value: TokenStream,
    steps: &[PathStep],
    codec: &JsonCodec<'_>,
    projects: bool,
    inside: bool,
) -> Emitted {
    let ty = match ty {
        RustType::Box(inner) => inner.as_ref(),
        other => other,
    };
    let Some((step, rest)) = steps.split_first() else {
        let leaf = match ty {
            RustType::Bool | RustType::String | RustType::Named(_) => owned_param_value(ty, value)?,
            RustType::List(_) => owned_param_value(ty, value)?,
            other => return Err(bug(format!("an operation context path ends at {other:?}"))),
        };
        return Ok(if projects { quote!(out.push(#leaf);) } else { leaf });
    };
    match (step, ty) {
        (PathStep::Field(member), RustType::Named(name)) => {
            let Some(TypeDef::Struct(s)) = codec.type_def(name) else {
                return Err(bug(format!("an operation context path names `{member}` of `{name}`, no structure")));
            };
            let field =
                s.fields.iter().find(|f| &f.wire_name == member).ok_or_else(|| bug(format!("no field `{member}`")))?;
            let name = ident(&field.name);
            let inner = walk(&field.value_type(), quote!(v), rest, codec, projects, inside)?;
            Ok(match (field.presence == Presence::Optional, inside) {
                (true, false) => quote!({ let v = #value.#name.as_ref()?; #inner }),
                (true, true) => quote!(if let Some(v) = &#value.#name { #inner }),
                (false, _) => quote!({ let v = &#value.#name; #inner }),
            })
        }
        (PathStep::Each | PathStep::Flatten, RustType::List(item)) => {
            let inner = walk(&unwrap_option(item), quote!(v), rest, codec, projects, true)?;
            Ok(each(item, quote!(#value.iter()), inner))
        }
        (PathStep::Values, RustType::Map(_, item)) => {
            let inner = walk(&unwrap_option(item), quote!(v), rest, codec, projects, true)?;
            Ok(each(item, quote!(#value.values()), inner))
        }
        (PathStep::Keys, RustType::Map(key, _)) => {
            let inner = walk(key, quote!(v), rest, codec, projects, true)?;
            Ok(quote!(for v in #value.keys() { #inner }))
        }
        (step, other) => Err(bug(format!("an operation context path takes {step:?} of {other:?}"))),
    }
}

/// A loop over a collection's items; a sparse collection's nulls are skipped.
fn each(item: &RustType, items: TokenStream, inner: TokenStream) -> TokenStream {
    match item {
        RustType::Option(_) => quote!(for v in #items.flatten() { #inner }),
        _ => quote!(for v in #items { #inner }),
    }
}

fn unwrap_option(ty: &RustType) -> RustType {
    match ty {
        RustType::Option(inner) => inner.as_ref().clone(),
        other => other.clone(),
    }
}

/// A string or string-enum field's value as a `&str` of `input` (empty when unset); `None`
/// for a field of another type.
fn text_of(field: &Field) -> Option<TokenStream> {
    let name = ident(&field.name);
    let optional = field.presence == Presence::Optional;
    Some(match (&field.ty, optional) {
        (RustType::String, true) => quote!(input.#name.as_deref().unwrap_or_default()),
        (RustType::String, false) => quote!(input.#name.as_str()),
        (RustType::Named(_), true) => quote!(input.#name.as_ref().map(|value| value.as_str()).unwrap_or_default()),
        (RustType::Named(_), false) => quote!(input.#name.as_str()),
        _ => return None,
    })
}

/// `request_to`: the request of `request`, sent to an endpoint with the host prefix.
fn request_to(
    endpoint: &OperationEndpoint,
    input: Option<&Struct>,
    streaming_input: bool,
    has_rule_set: bool,
) -> Emitted {
    let fields: &[Field] = input.map_or(&[], |s| &s.fields);
    let mut labels = Vec::new();
    let mut format = String::new();
    for part in &endpoint.host_prefix {
        match part {
            HostPart::Text(text) => format.push_str(&text.replace('{', "{{").replace('}', "}}")),
            HostPart::Label(member) => {
                let field = fields
                    .iter()
                    .find(|f| &f.wire_name == member)
                    .ok_or_else(|| bug(format!("host label `{member}` is not a field")))?;
                let value = text_of(field).ok_or_else(|| bug(format!("host label `{member}` is not a string")))?;
                let local = ident(&format!("label_{}", labels.len()));
                labels.push(quote!(let #local = ::smithy_runtime::endpoint::host_label(#member, #value)?;));
                format.push_str(&format!("{{{local}}}"));
            }
        }
    }
    // A required member that routes the request must have a value (the rules-engine spec).
    let mut checks = Vec::new();
    for ContextParam { member, .. } in endpoint.context_params.iter().filter(|c| c.required) {
        let Some(field) = fields.iter().find(|f| &f.wire_name == member) else { continue };
        let name = ident(&field.name);
        checks.push(match (text_of(field), &field.presence) {
            (Some(value), _) => quote!(::smithy_runtime::endpoint::required_context_value(#member, #value)?;),
            // A boolean or a list has no blank form; unset is what cannot be sent.
            (None, Presence::Optional) => quote! {
                if input.#name.is_none() {
                    ::smithy_runtime::endpoint::required_context_value(#member, "")?;
                }
            },
            (None, _) => continue,
        });
    }
    let (prefix, prefix_arg) = match (endpoint.host_prefix.as_slice(), labels.is_empty()) {
        ([], _) => (quote!(), quote!(None)),
        (parts, true) => {
            let text: String = parts.iter().map(|p| if let HostPart::Text(t) = p { t.as_str() } else { "" }).collect();
            (quote!(), quote!(Some(#text)))
        }
        (_, false) => (quote!(#(#labels)* let host_prefix = format!(#format);), quote!(Some(&host_prefix))),
    };
    let prefix = quote!(#(#checks)* #prefix);
    let (param, body_type, call) = match input {
        Some(s) => {
            let ty = Place::Builders.type_path(&s.name);
            if streaming_input {
                (quote!(input: #ty,), quote!(::smithy_runtime::ByteStream), quote!(Self::request(input, options)?))
            } else {
                (quote!(input: &#ty,), quote!(Vec<u8>), quote!(Self::request(input, options)?))
            }
        }
        None => (quote!(), quote!(Vec<u8>), quote!(Self::request(options)?)),
    };
    // The labels are read before a streaming input moves into its request.
    let steps = if streaming_input {
        quote! {
            #prefix
            let request = #call;
        }
    } else {
        quote! {
            let request = #call;
            #prefix
        }
    };
    let (custom, target) = match &endpoint.endpoint_member {
        Some(member) => {
            let field = fields
                .iter()
                .find(|f| &f.wire_name == member)
                .ok_or_else(|| bug(format!("`{member}` is not a field")))?;
            let name = ident(&field.name);
            let value = match field.presence {
                Presence::Optional => quote!(input.#name.clone()),
                _ => quote!(Some(input.#name.clone())),
            };
            (
                quote! {
                    // The SDKs send this operation to the endpoint its input names.
                    let custom = #value.map(|url| endpoint.with_url(url));
                    let endpoint = custom.as_ref().unwrap_or(endpoint);
                },
                quote!(endpoint),
            )
        }
        None => (quote!(), quote!(endpoint)),
    };
    let source = if has_rule_set {
        "resolved from [`endpoint_params`](Self::endpoint_params), or given"
    } else {
        "the service has no rule set: give it"
    };
    let prefix_doc = match endpoint.host_prefix.is_empty() {
        true => "",
        false => ", the operation's host prefix (`@endpoint`, whose labels must be valid host labels)",
    };
    let doc = format!(
        " Builds the request as [`request`](Self::request) does and points it at `endpoint` \
         ({source}): an absolute URI with the endpoint's scheme, host and base path{prefix_doc}, \
         and the endpoint's headers."
    );
    Ok(quote! {
        #[doc = #doc]
        pub fn request_to(
            #param
            endpoint: &::smithy_runtime::endpoint::Endpoint,
            options: &::smithy_runtime::RequestOptions,
        ) -> Result<http::Request<#body_type>, ::smithy_runtime::RequestError> {
            #custom
            #steps
            Ok(#target.apply(request, #prefix_arg)?)
        }
    })
}
