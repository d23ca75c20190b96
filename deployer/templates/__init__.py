"""Stack templates: built-in ones (``templates/*.yaml``), the user's own, imported Portainer feeds.

    catalog = Catalog(Path('templates'), data_dir / 'templates')
    catalog.list(q='password manager')          # ranked search
    rendered = catalog.render('wordpress', {'port': 8081})
    deployer.deploy_stack(name, rendered.compose, env=rendered.env, template=rendered.template)
"""
from .catalog import Catalog
from .files import load_template_file, parse_template
from .model import CATEGORIES, TYPES, ImportResult, Parameter, Rendered, Template
from .portainer import import_portainer

__all__ = ['CATEGORIES', 'TYPES', 'Catalog', 'ImportResult', 'Parameter', 'Rendered', 'Template',
           'import_portainer', 'load_template_file', 'parse_template']
