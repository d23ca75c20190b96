"""Issue 15: the images page in a real Chromium — the list with the containers using each image,
a pull from a registry on 127.0.0.1 with its layers' progress, removal behind a confirmation and
pruning the dangling ones."""
from __future__ import annotations

import secrets

import docker.errors
import pytest
from playwright.sync_api import Page, expect

from .test_dashboard import sign_in

pytestmark = pytest.mark.browser


def test_list_pull_remove_and_prune(page: Page, app_server, local_registry, make_image, make_container,
                                    docker_client) -> None:
    used_tag = f'dd-img-ui/used:{secrets.token_hex(3)}'
    used_id = make_image(used_tag)
    container = make_container(image=used_tag, command=['sleep', '300'])
    dangling_tag = f'dd-img-ui/dangling:{secrets.token_hex(3)}'
    dangling_id = make_image(dangling_tag, note='old build')
    make_image(dangling_tag, note='new build')
    source = make_image(f'dd-img-ui/src:{secrets.token_hex(3)}', layer=True)
    pushed = local_registry.push(docker_client, source, f'ui/pull-{secrets.token_hex(3)}', '2')
    docker_client.images.remove(pushed)
    docker_client.images.remove(source, force=True)     # its own layer is gone: the pull downloads it

    sign_in(page, app_server, '/ui/images')
    used_row = page.get_by_test_id('images-table').locator('tr', has=page.get_by_test_id(f'image-{used_id[7:19]}'))
    expect(used_row).to_contain_text(used_tag)
    expect(used_row).to_contain_text(container.name)
    dangling_row = page.get_by_test_id('images-table').locator('tr', has=page.get_by_test_id(f'image-{dangling_id[7:19]}'))
    expect(dangling_row).to_contain_text('dangling')

    # pull: the dialog shows each layer, then what was pulled; the list has it
    page.get_by_test_id('pull-ref').fill(pushed)
    page.get_by_test_id('pull-button').click()
    dialog = page.get_by_test_id('pull-dialog')
    expect(dialog.get_by_test_id('pull-status')).to_contain_text(f'pulled: {pushed}', timeout=30000)
    expect(dialog.get_by_test_id('pull-layers').locator('[data-testid^=layer-]').first).to_be_visible()
    dialog.get_by_test_id('pull-close').click()
    expect(page.get_by_test_id('images-table')).to_contain_text(pushed)
    assert docker_client.images.get(pushed)

    # a pull that cannot work says why in the dialog
    page.get_by_test_id('pull-ref').fill(f'{local_registry.host}/ui/missing:1')
    page.get_by_test_id('pull-button').click()
    expect(page.get_by_test_id('pull-error')).to_contain_text('no such image or tag', timeout=30000)
    page.get_by_test_id('pull-close').click()

    # remove the pulled one, behind a confirmation
    pulled_id = docker_client.images.get(pushed).id
    page.get_by_test_id(f'remove-{pulled_id[7:19]}').click()
    page.get_by_test_id('confirm').click()
    expect(page.get_by_test_id(f'image-{pulled_id[7:19]}')).to_have_count(0)
    with pytest.raises(docker.errors.ImageNotFound):
        docker_client.images.get(pushed)

    # prune: the dangling one goes, the one in use stays
    page.get_by_test_id('images-prune').click()
    page.get_by_test_id('confirm').click()
    expect(page.get_by_test_id(f'image-{dangling_id[7:19]}')).to_have_count(0)
    expect(used_row).to_contain_text(container.name)
