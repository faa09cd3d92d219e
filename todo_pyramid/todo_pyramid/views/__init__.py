"""The view callables, found by config.scan() through their @view_config decorators."""
