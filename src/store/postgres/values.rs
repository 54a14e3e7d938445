//! Values between the store and the server: a parameter written in the
//! type the server asks for, a column read as the store's value (a
//! `numeric` sum as a whole number where it is one).

use std::error::Error as StdError;

use postgres::types::{FromSql, IsNull, Kind, ToSql, Type, to_sql_checked};

use crate::store::sql::ValueRef;

type BoxError = Box<dyn StdError + Sync + Send>;

/// A value that does not fit the column or parameter it meets.
#[derive(Debug)]
pub(super) struct Conversion(String);

impl std::fmt::Display for Conversion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl StdError for Conversion {}

/// A parameter, written in the type the server asked for.
#[derive(Debug)]
pub(super) struct Param<'a>(pub(super) ValueRef<'a>);

fn integer_of(v: ValueRef<'_>) -> Result<i64, BoxError> {
    match v {
        ValueRef::Integer(n) => Ok(n),
        ValueRef::Real(f) if f.fract() == 0.0 && f.abs() < 9.0e18 => Ok(f as i64),
        ValueRef::Text(t) => Ok(std::str::from_utf8(t)?.trim().parse()?),
        other => Err(Box::new(Conversion(format!("{other:?} where a number belongs")))),
    }
}

impl ToSql for Param<'_> {
    fn to_sql(&self, ty: &Type, out: &mut bytes::BytesMut) -> Result<IsNull, BoxError> {
        let v = self.0;
        if v == ValueRef::Null {
            return Ok(IsNull::Yes);
        }
        match *ty {
            Type::INT8 => integer_of(v)?.to_sql(ty, out),
            Type::INT4 => i32::try_from(integer_of(v)?)?.to_sql(ty, out),
            Type::INT2 => i16::try_from(integer_of(v)?)?.to_sql(ty, out),
            Type::BOOL => (integer_of(v)? != 0).to_sql(ty, out),
            Type::FLOAT8 | Type::FLOAT4 => {
                let f = match v {
                    ValueRef::Real(f) => f,
                    other => integer_of(other)? as f64,
                };
                if *ty == Type::FLOAT4 { (f as f32).to_sql(ty, out) } else { f.to_sql(ty, out) }
            }
            Type::BYTEA => match v {
                ValueRef::Blob(b) | ValueRef::Text(b) => b.to_sql(ty, out),
                other => Err(Box::new(Conversion(format!("{other:?} where bytes belong")))),
            },
            Type::JSONB => {
                out.extend_from_slice(&[1]);
                out.extend_from_slice(text_of(v)?.as_bytes());
                Ok(IsNull::No)
            }
            _ if is_text(ty) => {
                out.extend_from_slice(text_of(v)?.as_bytes());
                Ok(IsNull::No)
            }
            _ => Err(Box::new(Conversion(format!("a parameter of type {ty} is not supported")))),
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    to_sql_checked!();
}

fn is_text(ty: &Type) -> bool {
    matches!(*ty, Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME | Type::UNKNOWN | Type::JSON)
        || matches!(ty.kind(), Kind::Domain(t) if is_text(t))
        || ty.name() == "citext"
}

fn text_of<'a>(v: ValueRef<'a>) -> Result<std::borrow::Cow<'a, str>, BoxError> {
    Ok(match v {
        ValueRef::Text(t) => std::borrow::Cow::Borrowed(std::str::from_utf8(t)?),
        ValueRef::Integer(n) => n.to_string().into(),
        ValueRef::Real(f) => f.to_string().into(),
        ValueRef::Blob(b) => std::borrow::Cow::Borrowed(std::str::from_utf8(b)?),
        ValueRef::Null => "".into(),
    })
}

/// A column's value as the store reads it.
pub(super) struct Raw<'a>(pub(super) ValueRef<'a>);

impl<'a> FromSql<'a> for Raw<'a> {
    fn from_sql(ty: &Type, raw: &'a [u8]) -> Result<Self, BoxError> {
        let fixed = |n: usize| -> Result<&'a [u8], BoxError> {
            if raw.len() == n { Ok(raw) } else { Err(Box::new(Conversion(format!("{ty} of {} bytes", raw.len())))) }
        };
        let v = match *ty {
            Type::BOOL => ValueRef::Integer((fixed(1)?[0] != 0) as i64),
            Type::INT2 => ValueRef::Integer(i16::from_be_bytes(fixed(2)?.try_into()?) as i64),
            Type::INT4 => ValueRef::Integer(i32::from_be_bytes(fixed(4)?.try_into()?) as i64),
            Type::OID => ValueRef::Integer(u32::from_be_bytes(fixed(4)?.try_into()?) as i64),
            Type::INT8 => ValueRef::Integer(i64::from_be_bytes(fixed(8)?.try_into()?)),
            Type::FLOAT4 => ValueRef::Real(f32::from_be_bytes(fixed(4)?.try_into()?) as f64),
            Type::FLOAT8 => ValueRef::Real(f64::from_be_bytes(fixed(8)?.try_into()?)),
            Type::NUMERIC => numeric(raw)?,
            Type::BYTEA => ValueRef::Blob(raw),
            Type::JSONB => ValueRef::Text(raw.get(1..).unwrap_or_default()),
            Type::CHAR => ValueRef::Text(raw),
            _ if is_text(ty) => ValueRef::Text(raw),
            _ => return Err(Box::new(Conversion(format!("a column of type {ty} is not read")))),
        };
        Ok(Raw(v))
    }

    fn from_sql_null(_: &Type) -> Result<Self, BoxError> {
        Ok(Raw(ValueRef::Null))
    }

    fn accepts(_: &Type) -> bool {
        true
    }
}

/// A `numeric` (sums and averages): a whole number where it is one.
fn numeric(raw: &[u8]) -> Result<ValueRef<'static>, BoxError> {
    let word = |i: usize| -> Result<i16, BoxError> {
        let b = raw.get(i * 2..i * 2 + 2).ok_or_else(|| Conversion("a numeric cut short".into()))?;
        Ok(i16::from_be_bytes([b[0], b[1]]))
    };
    let (digits, weight, sign) = (word(0)?.max(0) as usize, word(1)? as i32, word(2)? as u16);
    if sign == 0xC000 {
        return Ok(ValueRef::Real(f64::NAN));
    }
    let mut whole: Option<i128> = Some(0);
    let mut value = 0f64;
    for d in 0..digits {
        let digit = word(4 + d)? as i64;
        let power = weight - d as i32;
        value += digit as f64 * 10_000f64.powi(power);
        whole = match (whole, power) {
            (Some(w), p) if p >= 0 => 10_000i128
                .checked_pow(p as u32)
                .and_then(|m| m.checked_mul(digit as i128))
                .and_then(|x| w.checked_add(x)),
            (w, _) if digit == 0 => w,
            _ => None,
        };
    }
    let negative = sign == 0x4000;
    match whole.and_then(|w| i64::try_from(if negative { -w } else { w }).ok()) {
        Some(n) => Ok(ValueRef::Integer(n)),
        None => Ok(ValueRef::Real(if negative { -value } else { value })),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numeric_of(words: &[i16]) -> ValueRef<'static> {
        let bytes: Vec<u8> = words.iter().flat_map(|w| w.to_be_bytes()).collect();
        numeric(&bytes).unwrap()
    }

    #[test]
    fn sums_read_back_as_whole_numbers_and_averages_as_fractions() {
        // 12345678 = 1234 * 10000 + 5678
        assert_eq!(numeric_of(&[2, 1, 0, 0, 1234, 5678]), ValueRef::Integer(12_345_678));
        assert_eq!(numeric_of(&[1, 0, 0x4000, 0, 7]), ValueRef::Integer(-7));
        // 2.5 = 2 + 5000 / 10000
        assert_eq!(numeric_of(&[2, 0, 0, 1, 2, 5000]), ValueRef::Real(2.5));
        assert_eq!(numeric_of(&[0, 0, 0, 0]), ValueRef::Integer(0));
        assert!(numeric(&[0, 1]).is_err());
    }
}
