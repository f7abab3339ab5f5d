//! The JSON body format of the awsJson1_0, awsJson1_1 and restJson1 protocols: expressions
//! that write and read one value with the runtime's `JsonWriter` and `JsonReader`, and the
//! shared writer and reader functions of structures and unions (part of the service's
//! private `codec` module). Values are written straight into text and read straight from
//! it: no intermediate tree. Each member's key and timestamp format are on the member
//! ([`Field::json`]); a member without them is a generator bug, reported, never guessed.

use super::common::{default_fill, ident, DefaultFill, Place};
use crate::error::Diagnostic;
use crate::ir::json::JsonMember;
use crate::ir::wire::ServiceWire;
use crate::ir::{Field, Presence, RustType, Service, Struct, TypeDef, Union, UnionVariant};
use crate::model::traits::TimestampFormat;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use std::collections::{BTreeMap, BTreeSet};

/// Emitted tokens, or why they cannot be (a generator bug: the IR promised they could).
pub(super) type Emitted = Result<TokenStream, Diagnostic>;

/// What the JSON value emitters need to know about the service's types.
pub(super) struct JsonCodec<'a> {
    types: BTreeMap<&'a str, &'a TypeDef>,
    wire: &'a ServiceWire,
}

impl<'a> JsonCodec<'a> {
    pub(super) fn new(service: &'a Service, wire: &'a ServiceWire) -> Self {
        Self { types: service.types.iter().map(|t| (t.name(), t)).collect(), wire }
    }

    pub(super) fn wire(&self) -> &'a ServiceWire {
        self.wire
    }

    pub(super) fn type_def(&self, name: &str) -> Option<&'a TypeDef> {
        self.types.get(name).copied()
    }

    /// The JSON functions of the `codec` module: one writer per structure or union requests
    /// reach, one reader per one responses reach; one item each, emitted as they are read.
    pub(super) fn functions(&self) -> impl Iterator<Item = Emitted> + '_ {
        let writers = self.wire.writers.iter().map(|(ty, name)| match self.type_def(ty) {
            Some(TypeDef::Struct(s)) => self.struct_writer(s, name),
            Some(TypeDef::Union(u)) => self.union_writer(u, name),
            _ => Err(bug(format!("a JSON writer for `{ty}`, which is no structure or union"))),
        });
        let readers = self.wire.readers.iter().map(|(ty, name)| match self.type_def(ty) {
            Some(TypeDef::Struct(s)) => self.struct_reader(s, name),
            Some(TypeDef::Union(u)) => self.union_reader(u, name),
            _ => Err(bug(format!("a JSON reader for `{ty}`, which is no structure or union"))),
        });
        writers.chain(readers)
    }

    fn struct_writer(&self, s: &Struct, fn_name: &str) -> Emitted {
        let (fn_name, ty) = (ident(fn_name), Place::Builders.type_path(&s.name));
        let writes = s.fields.iter().map(|field| {
            let access = field_ident(field);
            self.member_write(field, &quote!(value.#access), json_of(field)?, None)
        });
        let writes = writes.collect::<Result<Vec<_>, _>>()?;
        let param = if s.fields.is_empty() { quote!(_value) } else { quote!(value) };
        Ok(quote! {
            pub(super) fn #fn_name(w: &mut ::smithy_runtime::__private::json::JsonWriter, #param: &#ty) -> Result<(), ::smithy_runtime::__private::wire::WireError> {
                w.begin_object();
                #(#writes)*
                w.end_object();
                Ok(())
            }
        })
    }

    /// Writes the member's key and the field's value, skipping an unset optional field; an
    /// unset idempotency token is written from `token`, the local holding the caller's or a
    /// new one.
    pub(super) fn member_write(
        &self,
        field: &Field,
        access: &TokenStream,
        member: &JsonMember,
        token: Option<&TokenStream>,
    ) -> Emitted {
        let ty = field.value_type();
        let key = &member.key;
        let write = self.write_value(&ty, &quote!(item), member.timestamp, 0)?;
        Ok(match (&field.presence, token) {
            (Presence::Optional, Some(token)) => quote! {
                w.key(#key);
                let item = #token;
                #write
            },
            (Presence::Optional, None) => quote! {
                if let Some(item) = &#access {
                    w.key(#key);
                    #write
                }
            },
            _ => quote! {
                w.key(#key);
                let item = &#access;
                #write
            },
        })
    }

    /// Statements writing `value` (a reference to a `ty`).
    pub(super) fn write_value(&self, ty: &RustType, value: &TokenStream, ts: TimestampFormat, depth: usize) -> Emitted {
        Ok(match ty {
            RustType::Bool => quote!(w.bool(*#value);),
            RustType::I8 | RustType::I16 | RustType::I32 => quote!(w.i64(i64::from(*#value));),
            RustType::I64 => quote!(w.i64(*#value);),
            RustType::F32 => quote!(w.f32(*#value);),
            RustType::F64 => quote!(w.f64(*#value);),
            RustType::String => quote!(w.string(#value);),
            RustType::Blob => quote!(w.blob(#value);),
            RustType::ByteStream => return Err(bug("a stream inside a JSON body".to_owned())),
            RustType::DateTime => {
                let format = timestamp_format(ts);
                quote!(w.timestamp(*#value, #format)?;)
            }
            RustType::Document => quote!(w.document(#value);),
            RustType::BigInteger | RustType::BigDecimal => quote!(w.number_text(#value.as_str());),
            RustType::Named(name) => match self.type_def(name) {
                Some(TypeDef::Enum(e)) if e.int => quote!(w.i64(i64::from(#value.value()));),
                Some(TypeDef::Enum(_)) => quote!(w.string(#value.as_str());),
                _ => {
                    let writer = self.writer_path(name)?;
                    quote!(#writer(w, #value)?;)
                }
            },
            RustType::List(item) => {
                let var = format_ident!("item{}", depth);
                let write = self.write_value(item, &quote!(#var), ts, depth + 1)?;
                quote! {
                    w.begin_array();
                    for #var in #value.iter() {
                        #write
                    }
                    w.end_array();
                }
            }
            RustType::Map(key, item) => {
                let (k, v) = (format_ident!("key{}", depth), format_ident!("value{}", depth));
                let key_text = match &**key {
                    RustType::Named(_) => quote!(#k.as_str()),
                    _ => quote!(#k),
                };
                let write = self.write_value(item, &quote!(#v), ts, depth + 1)?;
                quote! {
                    w.begin_object();
                    for (#k, #v) in #value.iter() {
                        w.key(#key_text);
                        #write
                    }
                    w.end_object();
                }
            }
            RustType::Option(inner) => {
                let var = format_ident!("some{}", depth);
                let write = self.write_value(inner, &quote!(#var), ts, depth + 1)?;
                quote! {
                    match #value {
                        Some(#var) => { #write }
                        None => w.null(),
                    }
                }
            }
            RustType::Box(inner) => {
                let var = format_ident!("boxed{}", depth);
                let write = self.write_value(inner, &quote!(#var), ts, depth + 1)?;
                quote! {
                    let #var = &**#value;
                    #write
                }
            }
        })
    }

    /// An expression reading a `ty` from `r`, with `?` for `JsonError`.
    pub(super) fn read_value(&self, ty: &RustType, ts: TimestampFormat, depth: usize) -> Emitted {
        Ok(match ty {
            RustType::Bool => quote!(r.read_bool()?),
            RustType::I8 => quote!(r.read_i8()?),
            RustType::I16 => quote!(r.read_i16()?),
            RustType::I32 => quote!(r.read_i32()?),
            RustType::I64 => quote!(r.read_i64()?),
            RustType::F32 => quote!(r.read_f32()?),
            RustType::F64 => quote!(r.read_f64()?),
            RustType::String => quote!(r.read_string()?.into_owned()),
            RustType::Blob => quote!(r.read_blob()?),
            RustType::ByteStream => return Err(bug("a stream inside a JSON body".to_owned())),
            RustType::DateTime => {
                let format = timestamp_format(ts);
                quote!(r.read_timestamp(#format)?)
            }
            RustType::Document => quote!(r.read_document()?),
            RustType::BigInteger | RustType::BigDecimal => quote!(r.read_big()?),
            RustType::Named(name) => {
                let ty = Place::Builders.type_path(name);
                match self.type_def(name) {
                    Some(TypeDef::Enum(e)) if e.int => quote!(#ty::from(r.read_i32()?)),
                    Some(TypeDef::Enum(_)) => quote!(#ty::from(&*r.read_string()?)),
                    _ => {
                        let reader = self.reader_path(name)?;
                        quote!(#reader(r)?)
                    }
                }
            }
            RustType::List(item) => {
                let var = format_ident!("items{}", depth);
                let read = self.read_value(item, ts, depth + 1)?;
                // Dense lists drop nulls; sparse ones read them as `None` (their item type).
                let push = if matches!(**item, RustType::Option(_)) {
                    quote!(#var.push(#read);)
                } else {
                    quote!(if !r.take_null()? { #var.push(#read); })
                };
                quote!({
                    let mut #var = Vec::new();
                    r.begin_array()?;
                    while r.next_item()? {
                        #push
                    }
                    #var
                })
            }
            RustType::Map(key, item) => {
                let var = format_ident!("map{}", depth);
                let key_value = match &**key {
                    RustType::Named(name) => {
                        let ty = Place::Builders.type_path(name);
                        quote!(#ty::from(&*key))
                    }
                    _ => quote!(key.into_owned()),
                };
                let read = self.read_value(item, ts, depth + 1)?;
                let insert = if matches!(**item, RustType::Option(_)) {
                    quote!(#var.insert(#key_value, #read);)
                } else {
                    quote!(if !r.take_null()? { #var.insert(#key_value, #read); })
                };
                quote!({
                    let mut #var = ::std::collections::BTreeMap::new();
                    r.begin_object()?;
                    while let Some(key) = r.next_key()? {
                        #insert
                    }
                    #var
                })
            }
            RustType::Option(inner) => {
                let read = self.read_value(inner, ts, depth + 1)?;
                quote!(if r.take_null()? { None } else { Some(#read) })
            }
            RustType::Box(inner) => {
                let read = self.read_value(inner, ts, depth + 1)?;
                quote!(Box::new(#read))
            }
        })
    }

    fn writer_path(&self, name: &str) -> Emitted {
        let f = self.wire.writers.get(name).ok_or_else(|| bug(format!("no JSON writer for `{name}`")))?;
        let f = ident(f);
        Ok(quote!(super::codec::#f))
    }

    fn reader_path(&self, name: &str) -> Emitted {
        let f = self.wire.readers.get(name).ok_or_else(|| bug(format!("no JSON reader for `{name}`")))?;
        let f = ident(f);
        Ok(quote!(super::codec::#f))
    }

    fn struct_reader(&self, s: &Struct, fn_name: &str) -> Emitted {
        let (fn_name, ty) = (ident(fn_name), Place::Builders.type_path(&s.name));
        let body: Vec<&Field> = s.fields.iter().collect();
        let locals = s.fields.iter().map(local_decl);
        let body_loop = self.body_loop(&body)?;
        let construct = construct(s, &ty, &quote!(r.offset()), &BTreeSet::new());
        Ok(quote! {
            pub(super) fn #fn_name(r: &mut ::smithy_runtime::__private::json::JsonReader<'_>) -> Result<#ty, ::smithy_runtime::__private::json::JsonError> {
                #(#locals)*
                #body_loop
                Ok(#construct)
            }
        })
    }

    /// Reads an object into the locals of `fields`, skipping unknown keys and nulls.
    pub(super) fn body_loop(&self, fields: &[&Field]) -> Emitted {
        let arms = fields.iter().map(|field| -> Emitted {
            let member = json_of(field)?;
            let (local, key) = (local_ident(field), &member.key);
            let ty = field.value_type();
            if let Some(read) = nullable_read(&ty, member.timestamp) {
                return Ok(quote!(#key => #local = #read,));
            }
            let read = self.read_value(&ty, member.timestamp, 0)?;
            Ok(quote!(#key => if !r.take_null()? { #local = Some(#read); }))
        });
        let arms = arms.collect::<Result<Vec<_>, _>>()?;
        if fields.is_empty() {
            return Ok(quote! {
                r.begin_object()?;
                while r.next_key()?.is_some() {
                    r.skip_value()?;
                }
            });
        }
        Ok(quote! {
            r.begin_object()?;
            while let Some(key) = r.next_key()? {
                match &*key {
                    #(#arms)*
                    _ => r.skip_value()?,
                }
            }
        })
    }

    fn union_writer(&self, u: &Union, fn_name: &str) -> Emitted {
        let (fn_name, ty) = (ident(fn_name), Place::Builders.type_path(&u.name));
        let arms = u.variants.iter().map(|variant| -> Emitted {
            let member = variant_json_of(variant)?;
            let (name, key) = (ident(&variant.name), &member.key);
            Ok(match &variant.ty {
                None => quote!(#ty::#name => { w.key(#key); w.begin_object(); w.end_object(); }),
                Some(inner) => {
                    let inner = if variant.boxed { RustType::Box(Box::new(inner.clone())) } else { inner.clone() };
                    let write = self.write_value(&inner, &quote!(item), member.timestamp, 0)?;
                    quote!(#ty::#name(item) => { w.key(#key); #write })
                }
            })
        });
        let arms = arms.collect::<Result<Vec<_>, _>>()?;
        Ok(quote! {
            pub(super) fn #fn_name(w: &mut ::smithy_runtime::__private::json::JsonWriter, value: &#ty) -> Result<(), ::smithy_runtime::__private::wire::WireError> {
                w.begin_object();
                match value {
                    #(#arms)*
                    #ty::Unknown => return Err(::smithy_runtime::__private::wire::WireError::new("an unknown union member cannot be sent")),
                }
                w.end_object();
                Ok(())
            }
        })
    }

    fn union_reader(&self, u: &Union, fn_name: &str) -> Emitted {
        let (fn_name, ty) = (ident(fn_name), Place::Builders.type_path(&u.name));
        let arms = u.variants.iter().map(|variant| -> Emitted {
            let member = variant_json_of(variant)?;
            let (name, key) = (ident(&variant.name), &member.key);
            Ok(match &variant.ty {
                None => quote!(#key => { r.skip_value()?; #ty::#name }),
                Some(inner) => {
                    let inner = if variant.boxed { RustType::Box(Box::new(inner.clone())) } else { inner.clone() };
                    let read = self.read_value(&inner, member.timestamp, 0)?;
                    quote!(#key => #ty::#name(#read),)
                }
            })
        });
        let arms = arms.collect::<Result<Vec<_>, _>>()?;
        Ok(quote! {
            pub(super) fn #fn_name(r: &mut ::smithy_runtime::__private::json::JsonReader<'_>) -> Result<#ty, ::smithy_runtime::__private::json::JsonError> {
                let mut found = None;
                r.begin_object()?;
                while let Some(key) = r.next_key()? {
                    let start = r.offset();
                    // Null members count as absent; `__type` is not a member.
                    if r.take_null()? {
                        continue;
                    }
                    let value = match &*key {
                        #(#arms)*
                        "__type" => {
                            r.skip_value()?;
                            continue;
                        }
                        _ => {
                            r.skip_value()?;
                            #ty::Unknown
                        }
                    };
                    if found.replace(value).is_some() {
                        return Err(::smithy_runtime::__private::json::JsonError::new("a union with more than one member set", start));
                    }
                }
                found.ok_or_else(|| ::smithy_runtime::__private::json::JsonError::new("a union with no member set", r.offset()))
            }
        })
    }
}

/// A field's JSON facts, which lowering puts on every member of a JSON service.
pub(super) fn json_of(field: &Field) -> Result<&JsonMember, Diagnostic> {
    field.json.as_ref().ok_or_else(|| bug(format!("member `{}` has no JSON key", field.wire_name)))
}

fn variant_json_of(variant: &UnionVariant) -> Result<&JsonMember, Diagnostic> {
    variant.json.as_ref().ok_or_else(|| bug(format!("union member `{}` has no JSON key", variant.wire_name)))
}

/// A generator bug: the IR promised what the emitter cannot find.
pub(super) fn bug(what: String) -> Diagnostic {
    Diagnostic::new(format!("cannot emit the wire code (a generator bug): {what}"))
}

/// A one-call read of an `Option` of a simple value (`None` for `null`), with `?`.
fn nullable_read(ty: &RustType, ts: TimestampFormat) -> Option<TokenStream> {
    Some(match ty {
        RustType::Bool => quote!(r.opt_bool()?),
        RustType::I8 => quote!(r.opt_i8()?),
        RustType::I16 => quote!(r.opt_i16()?),
        RustType::I32 => quote!(r.opt_i32()?),
        RustType::I64 => quote!(r.opt_i64()?),
        RustType::F32 => quote!(r.opt_f32()?),
        RustType::F64 => quote!(r.opt_f64()?),
        RustType::String => quote!(r.opt_string()?),
        RustType::Blob => quote!(r.opt_blob()?),
        RustType::Document => quote!(r.opt_document()?),
        RustType::DateTime => {
            let format = timestamp_format(ts);
            quote!(r.opt_timestamp(#format)?)
        }
        _ => return None,
    })
}

pub(super) fn field_ident(field: &Field) -> proc_macro2::Ident {
    ident(&field.name)
}

/// The local that collects a field while reading: `field_<name>`.
pub(super) fn local_ident(field: &Field) -> proc_macro2::Ident {
    format_ident!("field_{}", field.name)
}

/// `let mut field_x = None;`
pub(super) fn local_decl(field: &Field) -> TokenStream {
    let local = local_ident(field);
    quote!(let mut #local = None;)
}

/// The structure from its locals: optional fields as read, defaulted ones filled, required
/// ones filled with their type's zero value when they have one (Smithy's client error
/// correction), else an error at `offset`. The locals of `plain` fields hold the value
/// itself rather than an `Option`.
pub(super) fn construct(s: &Struct, ty: &TokenStream, offset: &TokenStream, plain: &BTreeSet<String>) -> TokenStream {
    let fields = s.fields.iter().map(|field| {
        let (name, local) = (field_ident(field), local_ident(field));
        let value = match &field.presence {
            Presence::Optional if plain.contains(&field.name) => quote!(Some(#local)),
            _ if plain.contains(&field.name) => quote!(#local),
            Presence::Optional => quote!(#local),
            Presence::Default(value) => match default_fill(value, &field.ty, Place::Builders) {
                DefaultFill::TypeDefault => quote!(#local.unwrap_or_default()),
                DefaultFill::Value(v) if field.boxed => quote!(#local.unwrap_or_else(|| Box::new(#v))),
                DefaultFill::Value(v) => quote!(#local.unwrap_or(#v)),
                DefaultFill::Lazy(v) if field.boxed => quote!(#local.unwrap_or_else(|| Box::new(#v))),
                DefaultFill::Lazy(v) => quote!(#local.unwrap_or_else(|| #v)),
            },
            Presence::Required if has_zero_value(&field.ty) => quote!(#local.unwrap_or_default()),
            Presence::Required => {
                let message = format!("missing required member `{}`", field.wire_name);
                quote!(#local.ok_or_else(|| ::smithy_runtime::__private::json::JsonError::new(#message, #offset))?)
            }
        };
        quote!(#name: #value,)
    });
    quote!(#ty { #(#fields)* })
}

fn has_zero_value(ty: &RustType) -> bool {
    !matches!(ty, RustType::Named(_))
}

/// The runtime's timestamp format.
pub(super) fn timestamp_format(format: TimestampFormat) -> TokenStream {
    match format {
        TimestampFormat::DateTime => quote!(::smithy_runtime::__private::wire::TimestampFormat::DateTime),
        TimestampFormat::HttpDate => quote!(::smithy_runtime::__private::wire::TimestampFormat::HttpDate),
        TimestampFormat::EpochSeconds => quote!(::smithy_runtime::__private::wire::TimestampFormat::EpochSeconds),
    }
}
