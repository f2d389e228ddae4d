//! The texts a row holds, made small because a million rows hold several each: [`Shared`],
//! text that many rows repeat, held once; [`Text`], text a row owns.

use std::sync::Arc;

/// Text that many rows repeat (a place, a district, a metric, a source id): one allocation per
/// distinct value, shared by every row that names it, instead of one per row. One pointer
/// wide — 8 bytes where an `Arc<str>` is 16 — because a million incidents each name a place,
/// a district and a province, and a million claims a source and a metric: 40 MB saved at
/// that size for one more indirection when the text is read.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Shared(Arc<Box<str>>);

/// Text a row owns (an id, a title, a summary, a note): a boxed `str`, 16 bytes where a
/// `String` is 24 — a row's text is never grown in place, and a million incidents and a
/// million claims hold seven of them each. Compares, hashes, prints and reads as its text.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Text(Box<str>);

impl Shared {
    fn make(text: Box<str>) -> Self {
        Self(Arc::new(text))
    }

    /// Whether both are the one shared text (not merely equal texts): a cheap test before a
    /// lookup that equal texts would repeat.
    pub fn is_same(&self, other: &Shared) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Text {
    fn make(text: Box<str>) -> Self {
        Self(text)
    }
}

impl From<&Text> for String {
    fn from(text: &Text) -> Self {
        text.0.to_string()
    }
}

impl From<Text> for String {
    fn from(text: Text) -> Self {
        text.0.into_string()
    }
}

impl PartialEq<Text> for str {
    fn eq(&self, other: &Text) -> bool {
        *self == *other.0
    }
}

impl PartialEq<Text> for &str {
    fn eq(&self, other: &Text) -> bool {
        **self == *other.0
    }
}

impl PartialEq<Text> for String {
    fn eq(&self, other: &Text) -> bool {
        **self == *other.0
    }
}

/// What both kinds of text share: read as `str`, made from `&str` and `String`, compared with
/// either, printed and serialised as the text itself.
macro_rules! text_like {
    ($name:ident) => {
        impl $name {
            pub fn as_str(&self) -> &str {
                self
            }
        }

        impl std::ops::Deref for $name {
            type Target = str;
            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        // Hashes and compares as its text (`Arc` and `Box` both delegate), so a set of `$name` can be
        // asked with a `&str`.
        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl From<&str> for $name {
            fn from(text: &str) -> Self {
                $name::make(Box::from(text))
            }
        }

        impl From<String> for $name {
            fn from(text: String) -> Self {
                $name::make(text.into_boxed_str())
            }
        }

        impl From<&String> for $name {
            fn from(text: &String) -> Self {
                Self::from(text.as_str())
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                **self == *other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                **self == **other
            }
        }

        impl PartialEq<String> for $name {
            fn eq(&self, other: &String) -> bool {
                **self == **other
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self)
            }
        }

        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                std::fmt::Debug::fmt(&**self, f)
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self)
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                String::deserialize(deserializer).map(Self::from)
            }
        }
    };
}

text_like!(Shared);
text_like!(Text);

#[cfg(test)]
mod tests {
    use super::*;

    /// A million of each are held at once: a field that grows them shows here first.
    #[test]
    fn rows_stay_small() {
        use crate::model::{Claim, Incident};
        assert!(
            std::mem::size_of::<Incident>() <= 152,
            "{}",
            std::mem::size_of::<Incident>()
        );
        assert!(
            std::mem::size_of::<Claim>() <= 128,
            "{}",
            std::mem::size_of::<Claim>()
        );
        assert_eq!(
            std::mem::size_of::<Text>(),
            2 * std::mem::size_of::<usize>()
        );
    }

    #[test]
    fn one_pointer_wide_and_read_as_its_text() {
        assert_eq!(std::mem::size_of::<Shared>(), std::mem::size_of::<usize>());
        let district = Shared::from("Kech");
        assert_eq!(&*district, "Kech");
        assert_eq!(district, "Kech");
        assert_eq!(district.to_string(), "Kech");
        let set: rustc_hash::FxHashSet<Shared> = [district.clone()].into_iter().collect();
        assert!(set.contains("Kech"));
        let gwadar = Shared::from("Gwadar");
        assert!(gwadar < district, "ordered as their texts");
    }
}
