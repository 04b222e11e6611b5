"""The bottom layer: settings, paths and the version, importable from every other layer."""
