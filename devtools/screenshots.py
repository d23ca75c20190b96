"""Make the README's pictures from the real app: ``python -m devtools.screenshots`` (an engine
answering at DOCKER_HOST, and Debian's Chromium). Writes docs/images/editor.png: a stack whose
port is being changed in the compose editor, checked, with the review of what it changes."""
from __future__ import annotations

import sys

from playwright.sync_api import sync_playwright

from devtools.apprun import ROOT, free_port, running_app
from devtools.documents import web

IMAGES = ROOT / 'docs' / 'images'
STACK = 'blog'


def document(port: int, image: str) -> str:
    return web(image, port, db=f'''    restart: unless-stopped
  db:
    image: {image}
    command: ["sleep", "1000000"]
    environment:
      DB_PASSWORD: ${{DB_PASSWORD}}
    restart: unless-stopped
''')


def main(image: str) -> None:
    IMAGES.mkdir(parents=True, exist_ok=True)
    first, second = free_port(), free_port()
    with running_app(prefix='dd-shots-') as app, sync_playwright() as p:
        with app.client(timeout=120) as api:
            api.post('/deploy', json={'stack': STACK, 'compose': document(first, image),
                                      'env': {'DB_PASSWORD': 'example-only'}}).raise_for_status()
        try:
            browser = p.chromium.launch(executable_path='/usr/bin/chromium', args=['--no-sandbox', '--headless'])
            page = browser.new_page(viewport={'width': 1280, 'height': 900})
            page.goto(f'{app.base_url}/ui/stacks/{STACK}?token={app.token}')
            page.get_by_role('tab', name='Compose').click()
            page.locator('[data-testid=compose-editor] .cm-content').click()
            page.keyboard.press('Control+A')
            page.keyboard.insert_text(document(second, image))
            page.get_by_test_id('editor-status').filter(has_text='valid').wait_for()
            page.get_by_test_id('editor-save').click()
            page.get_by_test_id('review-summary').wait_for()
            page.wait_for_timeout(500)
            page.screenshot(path=str(IMAGES / 'editor.png'))
            browser.close()
        finally:
            with app.client(timeout=120) as api:
                api.post(f'/stacks/{STACK}/action', json={'action': 'remove', 'volumes': True})
    print(f'wrote {IMAGES / "editor.png"}')


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else 'dockerdeployer-test/busybox:latest')
