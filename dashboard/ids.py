"""Component ids shared across modules. Page-local ids live in their page module."""

URL = "url"
PAGE = "page-content"
NAV = "site-nav"
BANNERS = "site-banners"
FOOTER = "site-footer"
LANG_STORE = "lang-store"
