"""The To-Do List API and its browser app as a Pyramid application."""

from pyramid.config import Configurator

from .settings import apply_environment


def main(global_config, **settings):
    """This function returns a Pyramid WSGI application (the paste.app_factory pserve loads)."""
    settings = apply_environment(settings)
    with Configurator(settings=settings) as config:
        config.include(".hosts")
        config.include(".cors")
        config.include(".routes")
        config.include(".models")
        config.include(".security")
        config.include(".bodysize")
        config.include(".pages")
        config.scan()
    return config.make_wsgi_app()
