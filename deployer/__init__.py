"""DockerDeployer's in-process service: everything that touches Docker, storage and git.

Front ends (the NiceGUI pages and the REST API) call :class:`deployer.service.Deployer`;
this package imports neither nicegui nor fastapi.
"""
