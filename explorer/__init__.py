"""The Streamlit app's own code: pure helpers (strings, figures, tables, equations, catalog)
and the thin Streamlit layer (models, ui). attention_core never imports this package."""
