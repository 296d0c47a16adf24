"""Running the app for a school: several replicas behind nginx (see deploy/README.md)."""
