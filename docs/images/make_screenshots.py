"""Screenshots for docs/: the web app after a submit, and `vn-govie render` of a seed article.

    python docs/images/make_screenshots.py   (needs the serve extra, selenium and Debian chromium + chromium-driver)
"""
import shutil, socket, subprocess, sys, threading, time
from pathlib import Path
import uvicorn
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait
from vn_govie.serve import create_app

ROOT = Path(__file__).resolve().parents[2]
PARAGRAPH = ("Chiều 11/10/2024, Phó Chủ tịch UBND TP Hà Nội Hà Minh Hải chủ trì hội nghị triển khai dự án "
             "đường Vành đai 4. Giám đốc Sở Xây dựng Hà Nội Võ Nguyên Phong dự hội nghị. Dự án cầu Tứ Liên được "
             "bố trí 3.000 tỷ đồng, đạt 45% kế hoạch. Chủ tịch UBND tỉnh Bắc Ninh Nguyễn Hương Giang ký "
             "Quyết định số 120/QĐ-UBND ngày 2/4/2024.")

sock = socket.socket(); sock.bind(("127.0.0.1", 0)); port = sock.getsockname()[1]
server = uvicorn.Server(uvicorn.Config(create_app(), log_level="warning"))
threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True).start()
while not server.started:
    time.sleep(0.05)

options = webdriver.ChromeOptions()
options.binary_location = shutil.which("chromium")
for a in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--hide-scrollbars",
          "--window-size=1200,900"):
    options.add_argument(a)
driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)

def full_page(path, width=1200, max_height=None):
    height = driver.execute_script("return document.documentElement.scrollHeight")
    if max_height:
        height = min(height, max_height)
    driver.set_window_size(width, height + 140)  # the window's frame around the viewport
    time.sleep(0.3)
    driver.save_screenshot(str(path))

driver.get(f"http://127.0.0.1:{port}/")
driver.find_element(By.ID, "text").send_keys(PARAGRAPH)
driver.find_element(By.ID, "year").send_keys("2024")
form = driver.find_element(By.TAG_NAME, "form")
driver.find_element(By.ID, "submit").click()
WebDriverWait(driver, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".result mark"))
full_page(ROOT / "docs/images/web-app.png")

subprocess.run([sys.executable.replace("python", "vn-govie"), "render", "corpus/seeds/000_89aaaf3bc385b49a.txt",
                "-o", "/tmp/page.html"], cwd=ROOT, check=True)
driver.set_window_size(1200, 900)
driver.get("file:///tmp/page.html")
full_page(ROOT / "docs/images/render.png", width=1000, max_height=1500)
driver.quit()
server.should_exit = True
from PIL import Image
for name in ("web-app", "render"):
    path = ROOT / f"docs/images/{name}.png"
    Image.open(path).convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(path, optimize=True)
